"""Every list the site or the desk orders or filters by is read along an index.

Checked on PostgreSQL with EXPLAIN, at a volume where the planner would rather
read the whole table than an index that does not fit: 20,000 articles and
50,000 replies. The plans are those of the querysets the pages build (the
same methods, the same filters and orderings, the same page slices).
"""

import datetime as dt
import json

import pytest
from django.db import connection, transaction
from django.utils import timezone

from articles import listings_sync
from articles.models import Article, Author, Section, Tag
from articles.search import INDEX_NAME as SEARCH_INDEX
from articles.search import search_articles
from articles.views import HOME_PER_SECTION, PAGE_SIZE
from comments.models import Comment

pytestmark = pytest.mark.slow

ARTICLES, REPLIES = 20_000, 50_000
BIG_TABLES = {
    "articles_article", "comments_comment", "articles_article_authors", "articles_article_tags",
    "articles_authorlisting", "articles_taglisting",
}  # fmt: skip


def _insert(table: str, columns: list[str], rows) -> None:
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """A big archive, inserted once for the module and rolled back after it."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "Query plans are checked on PostgreSQL (DATABASE_URL=postgres://...; CI runs it): "
            "SQLite's planner is another one, and the site's production database is PostgreSQL."
        )
    with django_db_blocker.unblock(), transaction.atomic():
        now = timezone.now()
        sections = Section.objects.bulk_create(Section(name=f"S{n}", slug=f"s{n}") for n in range(10))
        authors = Author.objects.bulk_create(Author(name=f"A{n}", slug=f"a{n}") for n in range(200))
        tags = Tag.objects.bulk_create(Tag(name=f"t{n}", slug=f"t{n}") for n in range(300))
        words = ["ballot", "turnout", "budget", "court", "river", "school", "energy", "harvest"]
        articles = Article.objects.bulk_create(
            (
                Article(
                    title=f"{words[n % 8]} story {n}",
                    slug=f"story-{n}",
                    summary=f"{words[(n + 3) % 8]} summary",
                    body=f"<p>{words[(n * 7) % 8]} and {words[(n + 5) % 8]} number{n}</p>",
                    section=sections[n % 10],
                    status=Article.Status.PUBLISHED if n % 10 else Article.Status.DRAFT,
                    publish_at=now - dt.timedelta(hours=n),
                )
                for n in range(ARTICLES)
            ),
            batch_size=2000,
        )
        _insert(
            "articles_article_authors",
            ["article_id", "author_id"],
            [(a.pk, authors[i % 200].pk) for i, a in enumerate(articles)],
        )
        _insert(
            "articles_article_tags",
            ["article_id", "tag_id"],
            [(a.pk, tags[(i + k * 13) % 300].pk) for i, a in enumerate(articles) for k in (1, 7)],
        )
        listings_sync.fill_from_links()  # the links were inserted around the ORM
        statuses = ["approved"] * 7 + ["pending", "spam", "removed"]
        columns = ["article_id", "name", "email", "website", "body", "status", "held_reason", "created_at",
                   "user_agent", "is_staff_reply", "is_featured", "moderator_note", "report_count", "notify",
                   "fingerprint"]  # fmt: skip
        _insert(
            "comments_comment",
            columns,
            [
                (articles[(n * 7919) % ARTICLES].pk, f"R{n}", f"r{n % 5000}@reader.test", "", "Words.",
                 statuses[n % 10], "", now - dt.timedelta(seconds=n), "", False, False, "", int(n % 97 == 0), "",
                 f"f{n}")
                for n in range(REPLIES)
            ],
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(sorted(BIG_TABLES))}")
            # What (auto)vacuum does to a live table's search index, which no transaction may do.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        try:
            yield {"article": articles[1], "section": sections[3], "author": authors[5], "tag": tags[7]}
        finally:
            transaction.set_rollback(True)


def explain(queryset, form: str = "JSON") -> str:
    """EXPLAIN of the SQL Django runs for `queryset`, its parameters passed apart.

    (QuerySet.explain() would do, but Django 5.2 repeats the EXPLAIN inside the
    subquery it wraps around a filter on a window function.)
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT {form}) {sql}", params)
        rows = cursor.fetchall()
    if form == "JSON":
        plan = rows[0][0]
        return plan if isinstance(plan, str) else json.dumps(plan)
    return "\n".join(row[0] for row in rows)


def seq_scans(queryset) -> list[str]:
    """The big tables that the plan of `queryset` reads whole."""
    plan = json.loads(explain(queryset))
    found = []

    def walk(node):
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in BIG_TABLES:
            found.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


def listing(queryset):
    return queryset.for_listing()[:PAGE_SIZE]


def cases(archive):
    live = Article.objects.published()
    return {
        "home: the newest published": listing(live),
        "home: the lead story": live.for_listing().lead()[:1],
        "home: each section's newest": live.for_listing().latest_by_section(
            HOME_PER_SECTION, Section.objects.values_list("pk", flat=True)
        ),
        "a section's page": listing(live.filter(section=archive["section"])),
        "an author's page": live.for_listing().by_author(archive["author"])[:PAGE_SIZE],
        "a tag's page": live.for_listing().by_tag(archive["tag"])[:PAGE_SIZE],
        "search": search_articles(live.for_listing(), "harvest number77")[:PAGE_SIZE],
        "an article by its slug": live.filter(slug="story-77"),
        "an article's related articles": archive["article"].related_queryset(),
        "an article's approved replies": Comment.objects.approved()
        .filter(article=archive["article"])
        .order_by("-is_featured", "created_at", "pk"),
        "the desk: pending replies, newest first": Comment.objects.pending().order_by("-created_at", "-pk")[:100],
        "the desk: all replies, newest first": Comment.objects.order_by("-created_at", "-pk")[:100],
        "the desk: reported replies": Comment.objects.reported().order_by("-created_at", "-pk")[:100],
        "the desk: one commenter's replies": Comment.objects.by_email("r77@reader.test").order_by("-created_at"),
    }


CASES = [
    "home: the newest published",
    "home: the lead story",
    "home: each section's newest",
    "a section's page",
    "an author's page",
    "a tag's page",
    "search",
    "an article by its slug",
    "an article's related articles",
    "an article's approved replies",
    "the desk: pending replies, newest first",
    "the desk: all replies, newest first",
    "the desk: reported replies",
    "the desk: one commenter's replies",
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_lists_are_read_along_an_index(archive, case):
    queryset = cases(archive)[case]
    assert seq_scans(queryset) == [], explain(queryset, "TEXT")
