"""What `make bench` measures: one request per scenario, repeated under load.

To add a scenario, add a dict to the list `scenarios()` returns: name (a key
in the report), label (what the table says), method, path ("{n}" becomes a
number unique to each request), headers (a page built for every request
sends MISS_HEADERS: the page cache keys on the parameters a page reads and
ignores the rest, so no query string can force a miss), and for a POST its body. `queries` in bench/queries.py counts
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
# A reader with messages waiting: the page cache builds the page for them and never keeps it. The
# article page is then put together from its kept parts (pagecache/fragments.py), as for any reader
# after a reply is approved; bench/queries.py times each page built with nothing kept.
MISS_HEADERS = {"Cookie": "messages=bench"}
SEARCH_WORDS = "turnout region"
ELECTION_BY_REGION = "/elections/demo-party-list-election-by-region/"  # load_demo's election reported by 21 units


def get(name: str, label: str, path: str, *, miss: bool = False) -> dict:
    return {"name": name, "label": label, "method": "GET", "path": path, "headers": MISS_HEADERS if miss else {}}


def pages() -> list[dict]:
    """The public pages, each built for every request (a cache miss)."""
    return [
        get("home", "home page", "/", miss=True),
        get("section", "section page", "/section/bench-section-0/", miss=True),
        get("author", "author page", "/author/bench-author-0/", miss=True),
        get("tag", "tag page", "/tag/bench-tag-0/", miss=True),
        get("search", f"search ({SEARCH_WORDS})", f"/search/?q={urllib.parse.quote(SEARCH_WORDS)}", miss=True),
        get("feed", "RSS feed", "/feeds/rss/", miss=True),
        get("article_10", "article, 10 replies", REPLIES_10, miss=True),
        get("article_200", "article, 200 replies (election)", ARTICLE, miss=True),
        get("article_1000", "article, 1,000 replies", REPLIES_1000, miss=True),
        get("election_units", "election page, 21 units and seats (demo)", ELECTION_BY_REGION, miss=True),
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
