"""A reader's email is in no public response: crawl everything a visitor can reach."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from comments.models import Comment

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Endpoints a crawler may not find by links; missing ones answer 404, which is checked too.
KNOWN_PATHS = [
    "/", "/robots.txt", "/health/", "/sitemap.xml", "/news-sitemap.xml", "/sitemap-news.xml",
    "/feed/", "/feeds/", "/feeds/latest/", "/feeds/rss/", "/feeds/atom/", "/rss/", "/atom/",
    "/elections/", "/search/?q=reader.test", "/search/?q=%40", "/comments/",
    "/no-such-page/", "/news/no-such-article/", "/admin/", "/admin/comments/comment/",
]  # fmt: skip
# Static files hold no replies; the admin is staff-only and checked on its own below.
# (The icons at the root are static files too, served by WhiteNoise.)
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/setlang", "/favicon.ico", "/apple-touch-icon.png")
MAX_PAGES = 400


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            # Links, and addresses that scripts fetch (data-*-url and the like).
            if value and (name in {"href", "src", "action"} or (value.startswith("/") and " " not in value)):
                self.links.append(value)


def links_in(response, base: str) -> list[str]:
    if "html" not in response.get("Content-Type", "") and "xml" not in response.get("Content-Type", ""):
        return []
    body = response.content.decode(errors="replace")
    parser = _Links()
    parser.feed(body)
    found = parser.links + re.findall(r"<loc>([^<]+)</loc>", body) + re.findall(r"<link>([^<]+)</link>", body)
    return [urljoin(base, link) for link in found]


def parameterless_paths(patterns=None, prefix="") -> list[str]:
    """Every route without arguments: new feeds and sitemaps are crawled as they land."""
    paths = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or route.startswith(("^", "admin")):
            continue
        if isinstance(pattern, URLResolver):
            paths += parameterless_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            paths.append("/" + prefix + route)
    return paths


def local_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIP_PREFIXES) else path


def crawl(client: Client) -> dict[str, object]:
    """Visit the home page's link graph plus every known path; path -> response."""
    queue = [*KNOWN_PATHS, *parameterless_paths()]
    seen: dict[str, object] = {}
    while queue and len(seen) < MAX_PAGES:
        link = queue.pop(0)
        path = link if link in KNOWN_PATHS else local_path(link)
        if path is None or path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        queue += links_in(response, "http://testserver" + path)
    return seen


def exposed(response) -> list[str]:
    text = response.content.decode(errors="replace") + "".join(f"{k}: {v}\n" for k, v in response.items())
    return [email for email in EMAIL.findall(text) if "reader.test" in email or email.startswith("crawl")]


@pytest.fixture
def seeded_replies(demo):
    replies = []
    for status in Comment.Status.values:
        for number in range(2):
            replies.append(
                Comment.objects.create(
                    article=demo,
                    name=f"Crawl reader {status} {number}",
                    email=f"crawl-{status}-{number}@reader.test",
                    website="https://reader.example/",
                    body=f"Reply {status} {number}, write to me at crawl-{status}-{number}@reader.test",
                    status=status,
                    fingerprint=f"crawl-{status}-{number}",
                )
            )
    Comment.objects.filter(status=Comment.Status.APPROVED, email__startswith="crawl").update(
        body="An approved reply that names no address."
    )
    return replies


def snapshot():
    return sorted(Comment.objects.values_list("pk", "status", "body")), Comment.objects.count()


def test_no_public_response_shows_a_reader_email(seeded_replies, moderator, settings):
    settings.DEBUG = False
    # A moderator browses first: a page cached for them must not leak to anyone after.
    staff = Client()
    staff.force_login(moderator)
    crawl(staff)
    before = snapshot()
    for attempt in ("uncached", "cached"):
        visited = crawl(Client())
        assert len(visited) > 15, attempt
        leaks = {path: found for path, response in visited.items() if (found := exposed(response))}
        assert leaks == {}, attempt
        assert all(response.status_code < 500 for response in visited.values())
    assert snapshot() == before, "a GET changed the replies"


def test_moderators_see_emails_in_the_admin_and_outsiders_do_not(seeded_replies, moderator, outsider, client):
    client.force_login(moderator)
    queue = client.get("/admin/comments/comment/").content.decode()
    assert "crawl-pending-0@reader.test" in queue
    client.force_login(outsider)
    response = client.get("/admin/comments/comment/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert exposed(response) == []
