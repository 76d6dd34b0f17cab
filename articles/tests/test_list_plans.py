"""The author's page, the tag's page and the search read as many rows at two sizes of the archive.

Measured on PostgreSQL with EXPLAIN ANALYZE: the rows each table scan returned
or threw away. The archive grows with newer articles by others, each matching
the search: what an author who is not the newest, or an old tag, costs must
not grow with what was written since. (The query counts are in test_lists.py.)
"""

import datetime as dt
import json

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article, Author, Tag
from articles.search import search_articles
from articles.views import PAGE_SIZE

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")

# Thousands, not dozens: the planner reads small tables whole, whatever their indexes, and under a few
# thousand matches it finds them all in the search index rather than walk the newest (cheap either way).
THEIRS, OTHERS = 100, [6000, 12000]
# The tables that grow with the archive (how sections and replies are read varies with the planner's mood).
WINDOW = 25
GROWING = {"articles_article", "articles_authorlisting", "articles_taglisting"}


def rows_read(queryset) -> int:
    """The rows the plan's scans of the growing tables returned and filtered out."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def walk(node) -> int:
        read = 0
        if node.get("Relation Name") in GROWING:
            removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
            read = (node["Actual Rows"] + removed) * node["Actual Loops"]
        return read + sum(walk(child) for child in node.get("Plans", []))

    return walk(plan[0]["Plan"])


def pages(author, tag) -> dict:
    """The querysets of the views, page 1."""
    live = Article.objects.published().for_listing()
    return {
        "author": live.by_author(author)[: PAGE_SIZE + 1],
        "tag": live.by_tag(tag)[: PAGE_SIZE + 1],
        "search": search_articles(live.defer(None).defer("search_document"), "turnout region")[: PAGE_SIZE + 1],
    }


def add_articles(make_article, count: int, start, **links) -> None:
    for number in range(count):
        article = make_article(
            title=f"Turnout in the region, part {number}", publish_at=start + dt.timedelta(minutes=number)
        )
        for field, value in links.items():
            getattr(article, field).add(value)


def add_others(count: int, start, section) -> None:
    """Newer articles by others, each matching the search (in bulk, past the page cache: nothing is cached)."""
    QuerySet(Article).bulk_create(
        Article(
            title=f"Turnout in the region, news {number}",
            slug=f"news-{start:%j}-{number}",
            body="<p>The region counts its turnout.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=start + dt.timedelta(seconds=number),
        )
        for number in range(count)
    )


@pytest.mark.django_db
def test_author_tag_and_search_read_as_many_rows_in_a_bigger_archive(make_article, section, monkeypatch):
    monkeypatch.setattr("articles.search.WINDOW", WINDOW)
    author = Author.objects.create(name="Old hand", slug="old-hand")
    tag = Tag.objects.create(name="Old tag", slug="old-tag")
    now = timezone.now()
    add_articles(make_article, THEIRS, now - dt.timedelta(days=30), authors=author, tags=tag)
    measured = []
    for size, newer in enumerate(OTHERS):
        add_others(newer, now - dt.timedelta(days=20 - size), section)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(sorted(GROWING))}")
        measured.append({name: rows_read(queryset) for name, queryset in pages(author, tag).items()})
    assert measured[0] == measured[1]
    # Not all of an author's or a tag's rows either, nor all the matches: the page's, and the window's.
    assert measured[0]["author"] == measured[0]["tag"] == 2 * (PAGE_SIZE + 1)  # listing rows, then articles
    assert measured[0]["search"] <= 3 * WINDOW
