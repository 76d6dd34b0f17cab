"""Values the site can store, read back and show: shared by every content app.

A date at year 1 is valid Python, but moved to UTC it falls before year 1 and
no database driver can read it back; one such value takes every list that
shows it down. A newsroom publishes between EARLIEST_YEAR and LATEST_YEAR, so
every date and time a person or an import types is held to that range, with a
message that says so. This module imports no content app.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

OUT_OF_RANGE_MESSAGE = _("Enter a date between the years %(earliest)d and %(latest)d.")


def within_newsroom_years(value: dt.date | dt.datetime | None) -> None:
    """Refuse a date or time outside the years a newsroom works in."""
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            OUT_OF_RANGE_MESSAGE,
            code="out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR, "value": value},
        )


def earliest_datetime() -> dt.datetime:
    return dt.datetime(EARLIEST_YEAR, 1, 1, tzinfo=dt.UTC)


def latest_datetime() -> dt.datetime:
    return dt.datetime(LATEST_YEAR, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
