"""Seed the benchmark's database: the demo, a few thousand articles, replies.

Run by bench/run.py in a process of its own, with the benchmark server's
environment (a fresh database). Articles go through bulk_create, with what
save() would have made (safe HTML, word counts, slugs); the big link and reply
tables take plain INSERTs, which keeps the whole seed to seconds.
"""

import datetime as dt
import hashlib
import io
import os
import random

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Author, Section, Tag  # noqa: E402
from comments.models import Comment  # noqa: E402

SEED_SLUG = "tokayev-elected-president"
ARTICLES = 5000
SECTIONS, AUTHORS, TAGS = 8, 40, 60
SEED_REPLIES = 200
OTHER_REPLIES = 20000
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
    # Table and column names come from the models above, never from input.
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def reply_row(article_id, n, *, prefix, status, body, created_at):
    return (
        article_id, f"Reader {n}", f"{prefix}{n % 3000}@bench.test", "", body, status, "", created_at,
        "127.0.0.1", "", False, False, "", 0, "", fingerprint(prefix, n),
    )  # fmt: skip


@transaction.atomic
def seed() -> dict:
    rng = random.Random(8)
    call_command("load_demo", stdout=io.StringIO())
    sections = Section.objects.bulk_create(
        Section(name=f"Bench section {n}", slug=f"bench-section-{n}", position=10 + n) for n in range(SECTIONS)
    )
    authors = Author.objects.bulk_create(
        Author(name=f"Bench Author {n}", slug=f"bench-author-{n}") for n in range(AUTHORS)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"bench tag {n}", slug=f"bench-tag-{n}") for n in range(TAGS))
    # The demo's tags ("Kazakhstan"...) are common ones: many articles share them.
    tags += list(Tag.objects.filter(articles__slug=SEED_SLUG))
    now = timezone.now()
    pool = [f"<p>{' '.join(sentence(rng, 14) for _ in range(4))}</p>" for _ in range(64)]
    articles = []
    for n in range(ARTICLES):
        text = "".join(rng.sample(pool, 8))
        articles.append(
            Article(
                title=f"{sentence(rng, 6)[:-1]} {n}",
                slug=f"bench-article-{n}",
                summary=sentence(rng, 25),
                body=text,
                word_count=len(text.split()),
                dateline="Astana",
                section=sections[n % SECTIONS],
                # One in twenty is still a draft.
                status=Article.Status.PUBLISHED if n % 20 else Article.Status.DRAFT,
                publish_at=now - dt.timedelta(minutes=10 + n * 150),
                featured=n % 500 == 0,
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=500)
    insert_rows(
        Article.authors.through._meta.db_table,
        ["article_id", "author_id"],
        ((a.pk, authors[(i + k) % AUTHORS].pk) for i, a in enumerate(articles) for k in (0, 7)),
    )
    insert_rows(
        Article.tags.through._meta.db_table,
        ["article_id", "tag_id"],
        {(a.pk, tags[(i * k + k) % len(tags)].pk) for i, a in enumerate(articles) for k in (1, 3, 5)},
    )
    # The election article's thread: 200 approved replies, a third of them answers.
    seed_article = Article.objects.get(slug=SEED_SLUG)
    have = Comment.objects.approved().filter(article=seed_article).count()
    texts = [" ".join(sentence(rng, 12) for _ in range(1 + n % 4)) for n in range(50)]
    start = now - dt.timedelta(hours=6)
    insert_rows(
        Comment._meta.db_table,
        COMMENT_COLUMNS,
        (
            reply_row(seed_article.pk, n, prefix="seed", status=Comment.Status.APPROVED, body=texts[n % 50],
                      created_at=start + dt.timedelta(seconds=60 * n))
            for n in range(SEED_REPLIES - have)
        ),
    )  # fmt: skip
    thread = list(Comment.objects.filter(article=seed_article, email__startswith="seed").order_by("pk"))
    for n, reply in enumerate(thread):
        if n % 3 == 2:
            reply.parent_id = thread[n - 1 - n % 7].pk
    Comment.objects.bulk_update(thread, ["parent"], batch_size=500)
    # Replies elsewhere, for the listings' reply counts and the moderation queue.
    statuses = [Comment.Status.APPROVED] * 6 + [Comment.Status.PENDING] * 2 + [Comment.Status.SPAM] * 2
    insert_rows(
        Comment._meta.db_table,
        COMMENT_COLUMNS,
        (
            reply_row(articles[rng.randrange(ARTICLES)].pk, n, prefix="other", status=statuses[n % 10],
                      body=texts[n % 50], created_at=now - dt.timedelta(minutes=n))
            for n in range(OTHER_REPLIES)
        ),
    )  # fmt: skip
    return {
        "articles": Article.objects.count(),
        "replies": Comment.objects.count(),
        "approved replies on the election article": Comment.objects.approved().filter(article=seed_article).count(),
    }


if __name__ == "__main__":
    counts = seed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(", ".join(f"{value} {name}" for name, value in counts.items()))
