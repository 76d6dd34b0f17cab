"""What other apps add to the election page, without elections knowing them.

Elections imports nothing of ours. An app that shows something on the
election page (articles: the coverage list) registers a builder here from its
own `AppConfig.ready()`: it takes the election and returns a template name
with its context, or None when it has nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PagePart:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


_page_parts: list[Callable[[Any], PagePart | None]] = []


def add_page_part(build: Callable[[Any], PagePart | None]) -> None:
    if build not in _page_parts:
        _page_parts.append(build)


def page_parts(election) -> list[PagePart]:
    """The registered parts for this election, in the order they were registered, empty ones left out."""
    return [part for build in _page_parts if (part := build(election)) is not None]
