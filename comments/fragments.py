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

from newsroom import pagecache

KEY_PREFIX = "replythread:"


def kept_under_article(request, article_id: int, key: str, build: Callable[[], str]) -> str:
    """`build()`'s HTML, kept until the article's group is emptied (or the page cache's lifetime ends).

    Only for requests the page cache would serve: whoever gets a page built
    for them (staff, a reader who has just posted) gets the thread built too.
    """
    lifetime = pagecache.page_lifetime()
    cacheable = request is not None and lifetime > 0 and pagecache.request_is_cacheable(request)
    version = cache.get(pagecache.GROUP_PREFIX + f"article:{article_id}") if cacheable else None
    if version is None:
        return build()  # nothing to key it on yet: the page cache sets the version when it stores the page
    name = KEY_PREFIX + hashlib.blake2s(f"{article_id}|{version}|{key}".encode()).hexdigest()
    html = cache.get(name)
    if html is None:
        html = build()
        cache.set(name, str(html), lifetime)
    return html
