"""How long the article page's reply thread takes to render: `python bench/thread_render.py [REPLIES]`.

A throwaway SQLite database, one article with REPLIES (200) approved replies
(every fifth answers the one before it), and the thread rendered again and
again with nothing cached: the median of many renders, in milliseconds, for
the thread alone and for the whole uncached article page. With
NEWSROOM_REPLY_THREADS_PER_PAGE set high every reply is on one page, which
compares the markup's cost reply for reply.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")  # as in production: no template debugging
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("NEWSROOM_PAGE_CACHE_SECONDS", "0")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/thread.sqlite3"
os.environ.pop("REDIS_URL", None)
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_HTTPS"] = "0"

import django

django.setup()

from django.test.utils import override_settings  # noqa: E402

# Plain static file names: the hashed manifest exists only after collectstatic.
override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
).enable()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

ROUNDS = 60


def seed(count: int):
    from articles.models import Article, Section
    from comments.models import Comment

    section = Section.objects.create(name="News", slug="news")
    article = Article.objects.create(
        title="Counting night", slug="counting-night", body="<p>Words.</p>", section=section,
        status=Article.Status.PUBLISHED, publish_at=timezone.now(),
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(article=article, name=f"Reader {n}", email=f"r{n}@example.com", body=f"Thought {n} https://e.org/{n}",
                status=Comment.Status.APPROVED, fingerprint=f"fp-{n}")
        for n in range(count)
    )  # fmt: skip
    pks = list(Comment.objects.order_by("pk").values_list("pk", flat=True))
    for parent, child in zip(pks[::5], pks[1::5], strict=False):
        Comment.objects.filter(pk=child).update(parent_id=parent)
    return article


def median_ms(func) -> float:
    func()
    times = []
    for _ in range(ROUNDS):
        cache.clear()
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    article = seed(count)
    template = Template("{% load replies %}{% reply_thread article %}")
    request = RequestFactory().get(article.get_absolute_url())

    def thread():
        return template.render(Context({"article": article, "request": request}))

    shown = thread().count('<li class="reply')
    client = Client()
    assert client.get(article.get_absolute_url()).status_code == 200
    page = median_ms(lambda: client.get(article.get_absolute_url()))
    print(f"{count} replies, {shown} shown: thread {median_ms(thread):.2f} ms, uncached article page {page:.2f} ms")


if __name__ == "__main__":
    main()
