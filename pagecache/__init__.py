"""The page cache: anonymous readers get pages from the cache, emptied exactly when what they show changes.

A small app of its own that imports none of the content apps. A content app
uses it in two ways:

- its views name what each page shows (`groups.shows`, `groups.pages_showing`,
  with names from `groups.group`) and which query parameters the page reads
  (`groups.reads_query`); a page that names no group is never kept;
- its `AppConfig.ready()` connects its own `signal_handlers.py`, which empty
  the groups a change shows (`versions.empty_after_commit`) after the change
  commits, whichever path made it (the admin, a restore, a bulk action, a
  `QuerySet.update()` through `querysets.PageQuerySet`, a command, the shell).

Who is served from it, what is kept and how it is keyed: pagecache/middleware.py.
How a group is emptied, across every worker and server at once: pagecache/versions.py.
What a CDN in front is told, and how it is purged: pagecache/cdn.py.
"""
