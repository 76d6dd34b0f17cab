"""What `make bench` measures: one request per scenario, repeated under load.

To add a scenario, add a dict to the list `scenarios()` returns: name (a key
in the report), label (what the table says), method, path ("{n}" becomes a
number unique to each request, so "?b={n}" always misses the page cache),
and for a POST its headers and body. `queries` in bench/queries.py counts
the queries of every GET scenario on its own.
"""

import json
import re
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from bench.measure import TRIVIAL, fetch

ARTICLE = "/news/tokayev-elected-president/"  # the election article: results, statements, 200 replies
REPLIES_10 = "/news/bench-replies-10/"
REPLIES_1000 = "/news/bench-replies-1000/"
MISS = "b={n}"  # a query string the pages ignore: a page-cache miss every time
SEARCH_WORDS = "turnout region"


def get(name: str, label: str, path: str) -> dict:
    return {"name": name, "label": label, "method": "GET", "path": path}


def pages() -> list[dict]:
    """The public pages, each built for every request (a cache miss)."""
    return [
        get("home", "home page", f"/?{MISS}"),
        get("section", "section page", f"/section/bench-section-0/?{MISS}"),
        get("author", "author page", f"/author/bench-author-0/?{MISS}"),
        get("tag", "tag page", f"/tag/bench-tag-0/?{MISS}"),
        get("search", f"search ({SEARCH_WORDS})", f"/search/?q={urllib.parse.quote(SEARCH_WORDS)}&{MISS}"),
        get("feed", "RSS feed", f"/feeds/rss/?{MISS}"),
        get("article_10", "article, 10 replies", f"{REPLIES_10}?{MISS}"),
        get("article_200", "article, 200 replies (election)", f"{ARTICLE}?{MISS}"),
        get("article_1000", "article, 1,000 replies", f"{REPLIES_1000}?{MISS}"),
    ]


def scenarios(base: str) -> list[dict]:
    """Every scenario's request, with what the pages themselves link to."""
    _, home, _ = fetch(base, "/")
    static = re.search(r'href="(/static/css/newsroom[^"]*\.css)"', home).group(1)
    return [
        get("trivial", f"trivial view ({TRIVIAL})", TRIVIAL),
        get("static", "static file (WhiteNoise)", static),
        *pages(),
        get("article_cached", "article, cached (same URL)", ARTICLE),
        reply_post(base),
    ]


def reply_post(base: str) -> dict:
    """Posting a reply to the election article, as the page's form does."""
    _, page, _ = fetch(base, ARTICLE)
    action = re.search(r'action="(/comments/post/\d+/)(?:#[^"]*)?"', page).group(1)
    rendered = re.search(r'name="rendered" value="([^"]+)"', page).group(1)
    # The article page is the same for everyone and carries no CSRF token: like
    # static/js/csrf.js, ask /csrf/, which also sets the cookie the token goes with.
    with urllib.request.urlopen(base + "/csrf/", timeout=10) as response:
        csrf = json.loads(response.read())["token"]
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    form = {
        "csrfmiddlewaretoken": csrf,
        "rendered": rendered,
        "contact_me_by_fax": "",
        "website": "",
        "parent": "",
        "name": "Bench Reader",
        "email": "reader-{n}@bench.test",
        "body": "A reply from the benchmark, number {n}.",
    }
    return {
        "name": "post_reply",
        "label": "posting a reply",
        "method": "POST",
        "path": action,
        "headers": {
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        "body": urllib.parse.urlencode(form, safe="{}@"),
    }
