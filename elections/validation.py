"""Rules that an election's figures must obey before they are saved.

Each problem names the line and the rule, so an editor on election night can
fix it without guessing. The admin and the importer share these rules.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from elections.models import share

ROUNDING_PER_LINE = Decimal("0.05")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Line:
    label: str
    votes: int | None
    percent: Decimal


def check_results(*, ballots_cast: int | None, lines: list[Line]) -> list[str]:
    problems = []
    for line in lines:
        problems += _check_line(line, ballots_cast)
    total = sum((line.percent for line in lines), Decimal(0))
    allowance = ROUNDING_PER_LINE * len(lines)
    if total > HUNDRED + allowance:
        problems.append(
            _("The shares add up to %(total)s%%, more than 100%% beyond rounding (%(allowance)s).")
            % {"total": total, "allowance": allowance}
        )
    return problems


def _check_line(line: Line, ballots_cast: int | None) -> list[str]:
    if line.votes is None or ballots_cast is None:
        return []
    if line.votes > ballots_cast:
        return [
            _("%(label)s: %(votes)s votes is more than the %(ballots)s ballots cast.")
            % {"label": line.label, "votes": line.votes, "ballots": ballots_cast}
        ]
    expected = share(line.votes, ballots_cast)
    if expected is not None and abs(expected - line.percent) > ROUNDING_PER_LINE:
        return [
            _("%(label)s: %(percent)s%% disagrees with %(votes)s votes of %(ballots)s ballots (%(expected)s%%).")
            % {
                "label": line.label,
                "percent": line.percent,
                "votes": line.votes,
                "ballots": ballots_cast,
                "expected": expected,
            }
        ]
    return []
