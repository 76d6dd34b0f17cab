"""Seed the benchmark's database: the demo, `ARTICLES` more articles, replies.

    python -m bench.seed 100000     prints one line: what it seeded

Run by bench/run.py in a process of its own, with the benchmark server's
environment (a fresh, migrated database). Articles go through bulk_create in
batches, with what save() would have made (safe HTML, word counts, slugs);
the big link and reply tables are copied in (COPY on PostgreSQL, plain
INSERTs on SQLite). 100,000 articles take about a minute on PostgreSQL.

What the scenarios read: the election article (the demo's) with 200
approved replies; `bench-replies-10` and `bench-replies-1000` with as many;
`bench-section-0`, `bench-author-0` and `bench-tag-0`, each holding an eighth,
a twentieth and about a twentieth of the archive. The section, the author and
the tag also hold articles spread evenly over the archive, a page or so of
them, so that the small archive shows a full page too: their growth then
compares pages of one size, as the home page's and the search's do (a page of
five cards renders in half the time of one of twenty). In the big archive these
are too few and too old to change what the first page shows and reads.
"""

import datetime as dt
import hashlib
import io
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import listings_sync  # noqa: E402
from articles.models import Article, Author, Section, Tag  # noqa: E402
from articles.views import PAGE_SIZE  # noqa: E402
from comments.models import Comment  # noqa: E402

SEED_SLUG = "tokayev-elected-president"
THREADS = {SEED_SLUG: 200, "bench-replies-10": 10, "bench-replies-1000": 1000}
SECTIONS, AUTHORS, TAGS = 8, 40, 60
BATCH = 5000
FULL_PAGE = PAGE_SIZE + 4
WORDS = [
    "election",
    "commission",
    "turnout",
    "polling",
    "station",
    "candidate",
    "parliament",
    "budget",
    "region",
    "city",
    "court",
    "minister",
    "reform",
    "ballot",
    "vote",
    "result",
    "campaign",
    "debate",
    "economy",
    "energy",
    "water",
    "school",
    "hospital",
    "road",
    "report",
]
COMMENT_COLUMNS = [
    "article_id", "name", "email", "website", "body", "status", "held_reason", "created_at", "ip_address",
    "user_agent", "is_staff_reply", "is_featured", "moderator_note", "report_count", "notify", "fingerprint",
]  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def fingerprint(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def insert_rows(table: str, columns: list[str], rows) -> None:
    """Many rows at once: COPY on PostgreSQL, executemany elsewhere. Names come from the models, never input."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))  # noqa: S608


def reply_row(article_id, n, *, prefix, status, body, created_at):
    return (
        article_id, f"Reader {n}", f"{prefix}{n % 3000}@bench.test", "", body, status, "", created_at,
        "127.0.0.1", "", False, False, "", 0, "", fingerprint(prefix, n),
    )  # fmt: skip


def article(rng, pool, n, *, now, sections, spread) -> Article:
    text = "".join(rng.sample(pool, 2))
    slug = {1: "bench-replies-10", 2: "bench-replies-1000"}.get(n, f"bench-article-{n}")
    return Article(
        title=f"{sentence(rng, 6)[:-1]} {n}",
        slug=slug,
        summary=sentence(rng, 25),
        body=text,
        word_count=len(text.split()),
        dateline="Astana",
        # Every `spread`-th in the first section too, so that its page is full in the small archive as well.
        section=sections[0] if n % spread == 0 else sections[n % SECTIONS],
        # One in twenty is still a draft (never the two reply threads).
        status=Article.Status.PUBLISHED if n % 20 else Article.Status.DRAFT,
        publish_at=now - dt.timedelta(minutes=10 + n * 7),
        featured=n % 500 == 3,
    )


def seed_articles(count: int, rng: random.Random) -> list[int]:
    """`count` articles in batches; their ids, oldest batch last."""
    now = timezone.now()
    sections = Section.objects.bulk_create(
        Section(name=f"Bench section {n}", slug=f"bench-section-{n}", position=10 + n) for n in range(SECTIONS)
    )
    pool = [f"<p>{' '.join(sentence(rng, 14) for _ in range(4))}</p>" for _ in range(64)]
    ids, spread = [], max(1, count // (FULL_PAGE + 8))
    for start in range(0, count, BATCH):
        numbers = range(start, min(count, start + BATCH))
        batch = [article(rng, pool, n, now=now, sections=sections, spread=spread) for n in numbers]
        ids += [created.pk for created in Article.objects.bulk_create(batch)]
    return ids


def seed_links(ids: list[int]) -> None:
    authors = Author.objects.bulk_create(
        Author(name=f"Bench Author {n}", slug=f"bench-author-{n}") for n in range(AUTHORS)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"bench tag {n}", slug=f"bench-tag-{n}") for n in range(TAGS))
    # The demo's tags ("Kazakhstan"...) are common ones: many articles share them.
    tags += list(Tag.objects.filter(articles__slug=SEED_SLUG))
    authored = {(pk, authors[(i + k) % AUTHORS].pk) for i, pk in enumerate(ids) for k in (0, 7)}
    tagged = {(pk, tags[(i * k + k) % len(tags)].pk) for i, pk in enumerate(ids) for k in (1, 3, 5)}
    spread = ids[:: max(1, len(ids) // FULL_PAGE)]  # one in twenty a draft: still a full page of live ones
    authored |= {(pk, authors[0].pk) for pk in spread}
    tagged |= {(pk, tags[0].pk) for pk in spread}
    insert_rows(Article.authors.through._meta.db_table, ["article_id", "author_id"], sorted(authored))
    insert_rows(Article.tags.through._meta.db_table, ["article_id", "tag_id"], sorted(tagged))
    # Copied around the ORM, the links fill the author's and tag's lists (articles/listings.py) by hand.
    listings_sync.fill_from_links()


def seed_replies(ids: list[int], rng: random.Random) -> None:
    now = timezone.now()
    texts = [" ".join(sentence(rng, 12) for _ in range(1 + n % 4)) for n in range(50)]
    for slug, wanted in THREADS.items():
        thread_article = Article.objects.get(slug=slug)
        have = Comment.objects.approved().filter(article=thread_article).count()
        start = now - dt.timedelta(hours=20)
        insert_rows(
            Comment._meta.db_table,
            COMMENT_COLUMNS,
            (
                reply_row(thread_article.pk, n, prefix=slug, status=Comment.Status.APPROVED,
                          body=texts[n % 50], created_at=start + dt.timedelta(seconds=60 * n))
                for n in range(wanted - have)
            ),
        )  # fmt: skip
        # A third of each thread answers an earlier reply.
        thread = list(Comment.objects.filter(article=thread_article, email__endswith="@bench.test").order_by("pk"))
        for n, reply in enumerate(thread):
            if n % 3 == 2:
                reply.parent_id = thread[n - 1 - n % 7].pk
        Comment.objects.bulk_update(thread, ["parent"], batch_size=1000)
    # Replies elsewhere, for the listings' reply counts and the moderation queue.
    statuses = [Comment.Status.APPROVED] * 6 + [Comment.Status.PENDING] * 2 + [Comment.Status.SPAM] * 2
    insert_rows(
        Comment._meta.db_table,
        COMMENT_COLUMNS,
        (
            reply_row(ids[rng.randrange(len(ids))], n, prefix="other", status=statuses[n % 10],
                      body=texts[n % 50], created_at=now - dt.timedelta(minutes=n))
            for n in range(len(ids) // 5)
        ),
    )  # fmt: skip


@transaction.atomic
def seed(count: int) -> dict:
    rng = random.Random(8)
    call_command("load_demo", stdout=io.StringIO())
    ids = seed_articles(count, rng)
    seed_links(ids)
    seed_replies(ids, rng)
    return {
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "replies": Comment.objects.count(),
    }


if __name__ == "__main__":
    counts = seed(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(", ".join(f"{value} {name}" for name, value in counts.items()))
