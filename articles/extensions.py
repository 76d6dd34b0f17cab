"""What other apps add to articles' querysets, pages and admin, without articles knowing them.

An app built on articles (the replies app: reply counts on cards, the pending
replies column, the reply policy the article page reads) registers here from
its own `AppConfig.ready()`; articles applies whatever is registered and names
none of it. Dependencies so point from that app to articles, never back
(../shared/DESIGN.md, "Which app may know which").
"""

from collections.abc import Callable
from typing import Any

# name -> a function returning the expression, e.g. a Subquery counting replies.
_listing_annotations: dict[str, Callable[[], Any]] = {}
_admin_annotations: dict[str, Callable[[], Any]] = {}
_admin_columns: list[Callable] = []
_admin_filters: list[Any] = []
_article_page_related: list[str] = []


def add_listing_annotation(name: str, expression: Callable[[], Any]) -> None:
    """Annotate every list card's article with `name` (Article.objects.for_listing())."""
    _listing_annotations[name] = expression


def listing_annotations() -> dict[str, Any]:
    return {name: expression() for name, expression in _listing_annotations.items()}


def add_admin_column(column: Callable, *, annotations: dict[str, Callable[[], Any]] | None = None) -> None:
    """A column of the article admin's list (an `admin.display` callable taking the article)."""
    if column not in _admin_columns:
        _admin_columns.append(column)
    _admin_annotations.update(annotations or {})


def admin_columns() -> list[Callable]:
    return list(_admin_columns)


def admin_annotations() -> dict[str, Any]:
    return {name: expression() for name, expression in _admin_annotations.items()}


def add_admin_filter(list_filter: Any) -> None:
    """A filter of the article admin's list (anything `ModelAdmin.list_filter` takes)."""
    if list_filter not in _admin_filters:
        _admin_filters.append(list_filter)


def admin_filters() -> list[Any]:
    return list(_admin_filters)


def add_article_page_related(*names: str) -> None:
    """Relations the article page fetches with the article (select_related), for what another app shows on it."""
    _article_page_related.extend(name for name in names if name not in _article_page_related)


def article_page_related() -> list[str]:
    return list(_article_page_related)
