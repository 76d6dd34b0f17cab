"""Rules by which the lines vouch for each other where the election-wide denominator cannot.

Registered in elections.validation's RULES, which imports this module after its own rules.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections.validation import HUNDRED, ROUNDING_PER_LINE, Line, _n, rule

# Without the election-wide denominator the lines still vouch for each other.


def _implied_denominator(line: Line) -> tuple[Decimal, Decimal] | None:
    """The range of denominators that `line`'s votes and rounded share allow."""
    if line.votes is None or line.percent is None or line.percent <= ROUNDING_PER_LINE:
        return None
    votes = Decimal(line.votes) * HUNDRED
    return votes / (line.percent + ROUNDING_PER_LINE), votes / (line.percent - ROUNDING_PER_LINE)


@rule(
    "lines-imply-one-denominator",
    gettext_lazy("Without a denominator, votes ÷ share agree across lines."),
    field="percent",
)
def _lines_imply_one_denominator(election, lines):
    if election.share_denominator is not None:
        return  # "share-matches-votes" checks each line against the real one
    ranges = [(line, bounds) for line in lines if (bounds := _implied_denominator(line)) is not None]
    if len(ranges) < 2:
        return
    first, (low, high) = ranges[0]
    for line, (line_low, line_high) in ranges[1:]:
        if line_low > high or line_high < low:
            yield (
                line,
                _(
                    "%(votes)s votes at %(percent)s%% imply about %(implied)s in all, but %(first)s implies about "
                    "%(expected)s."
                )
                % {
                    "votes": _n(line.votes),
                    "percent": line.percent,
                    "implied": _n(round(Decimal(line.votes) * HUNDRED / line.percent)),
                    "first": first.label,
                    "expected": _n(round(Decimal(first.votes) * HUNDRED / first.percent)),
                },
            )
            continue
        low, high = max(low, line_low), min(high, line_high)


@rule("votes-order-matches-shares", gettext_lazy("More votes never means a smaller share."), field="percent")
def _votes_order_matches_shares(election, lines):
    complete = sorted((line for line in lines if line.votes is not None and line.percent is not None),
                      key=lambda line: line.votes, reverse=True)  # fmt: skip
    for more, fewer in zip(complete, complete[1:], strict=False):
        if more.votes > fewer.votes and more.percent < fewer.percent:
            yield (
                fewer,
                _(
                    "%(fewer_votes)s votes has a larger share (%(fewer_percent)s%%) than %(label)s with "
                    "%(more_votes)s votes (%(more_percent)s%%): are two shares swapped?"
                )
                % {
                    "fewer_votes": _n(fewer.votes),
                    "fewer_percent": fewer.percent,
                    "label": more.label,
                    "more_votes": _n(more.votes),
                    "more_percent": more.percent,
                },
            )
