"""Finding articles by their words.

On PostgreSQL: full-text search, the title weighing more than the summary and
body, results ranked, and a snippet of the body with the matches marked. On
SQLite (the embedded default): every word must appear somewhere, title matches
first, and the snippet is cut around the first match in Python.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connections, models
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Articles are written in English, Russian and Kazakh with no language field,
# and PostgreSQL has no Kazakh stemmer: "simple" treats every language alike
# (lower-cased words, no stemming) rather than stemming one at the others' cost.
CONFIG = "simple"
INDEX_NAME = "article_search_idx"
MAX_WORDS = 10
# Matches are ranked among the newest WINDOW of them: a word found in nearly
# every article would otherwise have the whole archive ranked for each search,
# and the archive only grows. The words are stored with each row
# (search_document), so that a match is tested and ranked without reading the
# text again: for common words PostgreSQL walks the articles newest first and
# stops at the WINDOW-th match, for rare ones it asks the GIN index. Ten pages of 20.
WINDOW = 200
SNIPPET_CHARS = 240
# Private-use characters mark the matches while the text is still plain: they
# survive escaping untouched, and only they turn into <mark> afterwards.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)


def search_vector() -> SearchVector:
    """The document searched: what Article.search_document stores."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary", "body", weight="B", config=CONFIG
    )


class OnPostgres(models.Func):
    """Its expression on PostgreSQL, NULL elsewhere (SQLite searches by words, without a document)."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def stored_document() -> models.GeneratedField:
    """The article's search document, computed by the database whenever the row is written (the GIN
    index on it is made in the migrations, on PostgreSQL only)."""
    return models.GeneratedField(
        expression=OnPostgres(search_vector(), output_field=SearchVectorField()),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )


def uses_full_text(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_articles(queryset, query: str):
    """`queryset` narrowed to the newest WINDOW articles matching `query`, best matches first."""
    if uses_full_text(queryset):
        return _full_text(queryset, query)
    return _by_words(queryset, query)


def _newest(queryset, matches):
    return queryset.filter(pk__in=matches.order_by("-publish_at", "-pk").values("pk")[:WINDOW])


def _full_text(queryset, query: str):
    terms = SearchQuery(query, search_type="websearch", config=CONFIG)
    headline = SearchHeadline(
        "body", terms, config=CONFIG, start_sel=START, stop_sel=STOP,
        max_fragments=2, max_words=30, min_words=12, fragment_delimiter=" … ",
    )  # fmt: skip
    matches = queryset.filter(search_document=terms)
    return (
        _newest(queryset, matches)
        .annotate(rank=SearchRank(models.F("search_document"), terms), headline=headline)
        .order_by("-rank", "-publish_at", "-pk")
    )


def _by_words(queryset, query: str):
    words = query.split()[:MAX_WORDS]
    matches = queryset
    for word in words:
        matches = matches.filter(
            models.Q(title__icontains=word) | models.Q(summary__icontains=word) | models.Q(body__icontains=word)
        )
    in_title = models.Q(*(models.Q(title__icontains=word) for word in words))
    title_first = models.Case(models.When(in_title, then=0), default=1)
    return _newest(queryset, matches).alias(title_first=title_first).order_by("title_first", "-publish_at", "-pk")


def add_snippets(articles, query: str) -> None:
    """Give each article on the page a `snippet`: safe HTML with the matches in <mark>."""
    words = query.split()[:MAX_WORDS]
    for article in articles:
        headline = getattr(article, "headline", None)
        marked = _mark_words(_plain(article.body), words) if headline is None else _plain(headline)
        article.snippet = highlighted(marked)


def highlighted(marked: str) -> str:
    """Escape everything, then turn only our own marks into <mark>."""
    text = escape(marked)
    text = MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped just above


def _plain(body: str) -> str:
    return " ".join(html.unescape(strip_tags(body)).split())


def _mark_words(text: str, words: list[str]) -> str:
    text = text.replace(START, "").replace(STOP, "")
    if not words:
        return text[:SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    begin = max(0, first.start() - SNIPPET_CHARS // 3) if first else 0
    window = text[begin : begin + SNIPPET_CHARS]
    window = ("… " if begin else "") + window + (" …" if begin + SNIPPET_CHARS < len(text) else "")
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", window)
