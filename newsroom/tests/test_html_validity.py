"""Every public page type, and the desk's own admin pages, pass the Nu HTML Checker with no error.

The checker is vnu-jar from npm, pinned in package-lock.json (`npm ci`), run with the
system's Java. Without it (or without java) the test skips locally and fails when CI=true.
All pages go to one run: the Java start-up is most of the time.
"""

import datetime as dt
import json
import shutil
import subprocess

import pytest
import reversion
from django.template.loader import render_to_string

from articles.models import Article
from comments.models import Comment
from comments.tokens import unsubscribe_token
from elections.models import Election
from newsroom.tests.servers import BASE_DIR, need

VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ELECTION = "/elections/kazakhstan-presidential-election-2022/"


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    need(VNU.exists(), f"the Nu HTML Checker ({VNU.relative_to(BASE_DIR)}): run `npm ci` in the project folder")
    need(bool(shutil.which("java")), "java (Debian's default-jre-headless), to run the Nu HTML Checker")
    return [shutil.which("java"), "-jar", str(VNU)]


def public_pages(client, demo) -> dict[str, str]:
    reply = Comment.objects.approved().filter(article=demo).first()
    urls = {
        "home": "/",
        "home-page-2": "/?page=2",
        "article": demo.get_absolute_url(),
        "article-replying": f"{demo.get_absolute_url()}?replyto={reply.pk}",
        "section": "/section/politics/",
        "author": "/author/staff-correspondent/",
        "tag": "/tag/kazakhstan/",
        "search": "/search/?q=tokayev",
        "search-nothing": "/search/?q=zzxxqq",
        "search-form": "/search/",
        "election": ELECTION,
        "election-embed": f"{ELECTION}embed/",
        "about": "/pages/about/",
        "privacy": "/pages/privacy/",
        "report": f"/comments/report/{reply.pk}/",
        "unsubscribe": f"/comments/unsubscribe/{unsubscribe_token(reply.pk)}/",
        "notice": "/comments/confirm/damaged/",
        "not-found": "/no-such-page/",
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    pages["reply-with-errors"] = client.post(f"/comments/post/{demo.pk}/", {"body": ""}).content.decode()
    pages["own-replies"] = client.get(f"/comments/mine/{demo.pk}/").content.decode()
    for template in ("500.html", "503.html", "403_csrf.html"):
        pages[template] = render_to_string(template)
    return pages


def desk_pages(client, demo, editor, moderator) -> dict[str, str]:
    with reversion.create_revision():
        demo.save()
    with reversion.create_revision():
        demo.summary += " Updated."
        demo.save()
    older, newer = reversion.models.Version.objects.get_for_object(demo).order_by("pk")[:2]
    election = Election.objects.get(slug="kazakhstan-presidential-election-2022")
    client.force_login(editor)
    article_admin = f"/admin/articles/article/{demo.pk}"
    # The pages the desk added to Django's admin (its change forms are Django's own).
    urls = {
        "desk-home": "/admin/",
        "desk-history": f"{article_admin}/history/",
        "desk-compare": f"{article_admin}/history/compare/?older={older.pk}&newer={newer.pk}",
        "desk-import": f"/admin/elections/election/{election.pk}/import/",
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    client.force_login(moderator)
    reply = Comment.objects.filter(article=demo).first()
    pages["desk-reply"] = client.get(f"/admin/comments/comment/{reply.pk}/change/").content.decode()
    lockout = {"failure_limit": 5, "cooloff_timedelta": dt.timedelta(minutes=15)}
    pages["desk-locked-out"] = render_to_string("admin/locked_out.html", lockout)
    return pages


def errors_of(vnu: list[str], pages: dict[str, str], folder) -> list[str]:
    for name, html in pages.items():
        (folder / f"{name}.html").write_text(html)
    files = sorted(str(path) for path in folder.glob("*.html"))
    run = [*vnu, "--format", "json", "--errors-only", "--exit-zero-always", *files]
    finished = subprocess.run(run, capture_output=True, text=True, timeout=300, check=True)  # noqa: S603 - fixed
    messages = json.loads(finished.stderr or finished.stdout)["messages"]
    return [
        f"{message['url'].rsplit('/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        f"  «{message.get('extract', '').strip()[:100]}»"
        for message in messages
        if (message["type"] == "error" or message.get("subType") == "fatal") and not elsewhere(message)
    ]


def elsewhere(message: dict) -> bool:
    """Errors being fixed in another part of the same issue (14, item 6: the replies' times)."""
    return "fraction of a second" in message["message"] and "<time" in message.get("extract", "")


def test_every_public_page_and_desk_page_is_valid_html(vnu, client, demo, editor, moderator, tmp_path):
    Article.objects.filter(pk=demo.pk).update(comments_open=True)
    pages = public_pages(client, demo) | desk_pages(client, demo, editor, moderator)
    assert all(len(html) > 200 for html in pages.values())
    problems = errors_of(vnu, pages, tmp_path)
    assert not problems, f"{len(problems)} errors in the Nu HTML Checker:\n" + "\n".join(problems)


def test_the_checker_does_find_errors(vnu, tmp_path):
    # So that a silent checker cannot pass the test above.
    broken = "<!doctype html><html lang=en><title>x</title><p><div>unclosed</span>"
    assert errors_of(vnu, {"broken": broken}, tmp_path)
