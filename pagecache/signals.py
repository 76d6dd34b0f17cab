"""Signals for changes that Django's model signals do not see.

`QuerySet.update()`, `bulk_update()` and `bulk_create()` send no post_save.
A content model whose manager is `PageQuerySet.as_manager()` (or a queryset
built on it) sends these instead, so its app's signal handlers empty the
pages those rows are on, however the rows were changed.
"""

from django.dispatch import Signal

# Sent with pks (the rows about to change) and fields (the names being set), before the change.
rows_updating = Signal()
# Sent with pks and fields after the change (and after bulk_create, with fields=None).
rows_updated = Signal()
