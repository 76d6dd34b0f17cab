"""Reading the newest rows of several scopes at once, each along its own index.

The front page wants each section's newest four, the related list the newest
few of each scope an article belongs to. Asked as `pk IN (...) OR pk IN (...)`,
PostgreSQL reads every article to test the ORs; asked as one `pk IN (a UNION
ALL b ...)`, it reads each scope's few rows from its index and then those rows
by key, whatever the archive holds. SQLite cannot slice inside a UNION, but
answers the ORs by looking each list up on its own, which is as good there.
"""

import functools
import operator

from django.db import connections
from django.db.models import Q


def pk_in_any(slices: list) -> Q:
    """A filter for rows whose pk is in any of `slices` (single-column, possibly sliced, querysets)."""
    if not slices:
        return Q(pk__in=[])
    first, *others = slices
    if connections[first.db].features.supports_slicing_ordering_in_compound:
        return Q(pk__in=first.union(*others, all=True)) if others else Q(pk__in=first)
    return functools.reduce(operator.or_, (Q(pk__in=part) for part in slices))
