"""Figures as newsrooms type them: "81,31 %", "8 300 046", "8,300,046", "8.300.046".

A value is read only when it can mean one thing. Anything else is refused with
an example of what would be accepted, never guessed at: a wrong guess on
election night is a wrong headline.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# Spaces people put between thousands: plain, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009"
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[,. ])\d{3}(?:(?P=sep)\d{3})*$", re.ASCII)
_PLAIN_DECIMAL = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$", re.ASCII)
# More than everyone alive: a typo, and too big for the database besides.
MAX_COUNT = 10_000_000_000


class NumberError(ValueError):
    """A figure that cannot be read as exactly one number."""


def _normalise_spaces(text: str) -> str:
    text = text.strip()
    for space in _SPACES:
        text = text.replace(space, " ")
    return re.sub(" +", " ", text)


def parse_count(text: str) -> int:
    """A whole count: "8300046", "8 300 046", "8,300,046" or "8.300.046"."""
    value = _normalise_spaces(str(text))
    if value.isascii() and value.isdigit():
        number = int(value)
    elif _GROUPED.match(value):
        number = int(re.sub(r"[,. ]", "", value))
    else:
        raise _not_a_count(text)
    if number > MAX_COUNT:
        raise NumberError(_('"%(value)s" is more than ten billion; check the figure.') % {"value": text})
    return number


def _not_a_count(text: str) -> NumberError:
    return NumberError(
        _('"%(value)s" is not a whole count; write it like 8300046, 8 300 046, 8,300,046 or 8.300.046.')
        % {"value": text}
    )


def parse_percent(text: str) -> Decimal:
    """A share in percent with at most two decimals: "81,31 %", "81.31%", "81.31", "5,8"."""
    value = _normalise_spaces(str(text)).removesuffix("%").strip()
    if not _PLAIN_DECIMAL.match(value):
        raise NumberError(
            _('"%(value)s" is not a percentage with at most two decimals; write it like 81.31, 81,31 or 81,31 %%.')
            % {"value": text}
        )
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only digits
        raise NumberError(_('"%(value)s" is not a number.') % {"value": text}) from None
    if number > 100:
        raise NumberError(_('"%(value)s" is more than 100 percent.') % {"value": text})
    return number
