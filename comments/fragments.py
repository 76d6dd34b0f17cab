"""A rendered page of the reply thread, kept under the page cache's version of its article.

The page cache gives the group "article:<id>" a new version whenever a reply
on the article is approved, changed or removed (and when the article
changes). A thread page kept under the version it was built with is thus
stale at once, and the next reader of that page of the thread builds it
again, while the other pages of the thread are left alone until asked for.
This is the one place that knows how the page cache names versions: re-point
it here when the page cache moves.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache

from pagecache.groups import group
from pagecache.keys import page_lifetime, request_is_cacheable
from pagecache.versions import group_versions

KEY_PREFIX = "replythread:"


def kept_under_article(request, article_id: int, key: str, build: Callable[[], str]) -> str:
    """`build()`'s HTML, kept until the article's group is emptied (or the page cache's lifetime ends).

    Only for requests the page cache would serve: whoever gets a page built
    for them (staff, a reader who has just posted) gets the thread built too.
    """
    lifetime = page_lifetime()
    cacheable = request is not None and lifetime > 0 and request_is_cacheable(request)
    article_group = group("article", article_id)
    version = group_versions([article_group]).get(article_group) if cacheable else None
    if version is None:
        return build()  # the cache keeps nothing (turned off, or Redis down)
    name = KEY_PREFIX + hashlib.blake2s(f"{article_id}|{version}|{key}".encode()).hexdigest()
    html = cache.get(name)
    if html is None:
        html = build()
        cache.set(name, str(html), lifetime)
    return html
