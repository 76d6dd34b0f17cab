"""Rules that an election's figures must obey before they are saved.

Each rule has a name; each problem names the line and the rule, so an editor
on election night can fix it without guessing. Hard rules refuse the figures;
soft rules only warn (the authority may really have announced them). The
admin, the importer and the tests share these rules through `check_figures`.

`election` may be unsaved (the admin checks the values being typed), so rules
read its fields and derived properties, never the database.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from elections.models import Election, share

ROUNDING_PER_LINE = Decimal("0.05")
HUNDRED = Decimal("100")
INVALID_BALLOTS_WARNING = Decimal("3")


@dataclass(frozen=True)
class Line:
    """One result line as typed: `number` is where it is (row or file line)."""

    number: int
    label: str
    votes: int | None
    percent: Decimal | None


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    line: Line | None = None
    hard: bool = True
    unit: str = ""  # the reporting unit whose figures these are; empty for the whole election
    # Where the desk shows it: a figure's field (registered_voters…) or, with a line, the line's ("votes").
    field: str = ""

    def __str__(self):
        text = self._text()
        if self.unit:
            return _("%(unit)s: %(problem)s") % {"unit": self.unit, "problem": text}
        return text

    def _text(self) -> str:
        if self.line is None:
            return _("Rule “%(rule)s”: %(message)s") % {"rule": self.rule, "message": self.message}
        return _("Line %(number)s (%(label)s), rule “%(rule)s”: %(message)s") % {
            "number": self.line.number,
            "label": self.line.label,
            "rule": self.rule,
            "message": self.message,
        }


Finding = tuple[Line | None, str]


@dataclass(frozen=True)
class Rule:
    name: str
    hard: bool
    description: str
    test: Callable[[Election, list[Line]], Iterator[Finding]]
    field: str = ""


RULES: list[Rule] = []
# A wrong denominator makes every share look wrong: these rules' findings follow from it.
DENOMINATOR_RULE = "valid-plus-invalid-is-ballots"
KNOCK_ON_RULES = {"share-matches-votes", "votes-sum-within-denominator", "votes-within-ballots"}


def rule(name: str, description: str, *, hard: bool = True, field: str = ""):
    def register(test):
        RULES.append(Rule(name, hard, description, test, field))
        return test

    return register


def check_figures(election: Election, lines: list[Line]) -> list[Problem]:
    """Every problem with `election`'s figures and `lines`, hard ones first, root causes before knock-on ones."""
    problems = [
        Problem(rule.name, message, line, rule.hard, field=rule.field)
        for rule in RULES
        for line, message in rule.test(election, lines)
    ]
    return sorted(without_knock_on(problems), key=lambda problem: not problem.hard)


def without_knock_on(problems: list[Problem]) -> list[Problem]:
    """When the denominator breaks its own rule, report it once, not again as every share it breaks."""
    causes = [problem for problem in problems if problem.rule == DENOMINATOR_RULE]
    knock_on = [problem for problem in problems if problem.rule in KNOCK_ON_RULES]
    if not causes or not knock_on:
        return problems
    note = ngettext(
        "%(count)s error that follows from it is not listed; the lines are checked again once it is fixed.",
        "%(count)s errors that follow from it are not listed; the lines are checked again once it is fixed.",
        len(knock_on),
    ) % {"count": len(knock_on)}
    cause = replace(causes[0], message=f"{causes[0].message} {note}")
    return [cause if problem is causes[0] else problem for problem in problems if problem not in knock_on]


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.hard]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.hard]


def lines_of(election: Election) -> list[Line]:
    """The saved result lines of `election`, numbered as the page ranks them."""
    return [
        Line(number, result.label, result.votes, result.percent)
        for number, result in enumerate(election.results.ranked(), start=1)
    ]


def _n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


# Counts that cannot be.


@rule("counts-not-negative", gettext_lazy("No count or share is negative."))
def _counts_not_negative(election, lines):
    for line in lines:
        if (line.votes is not None and line.votes < 0) or (line.percent is not None and line.percent < 0):
            yield line, _("a line cannot have a negative count or share.")
    for field in ("registered_voters", "ballots_cast", "valid_votes_reported", "invalid_ballots_reported"):
        value = getattr(election, field)
        if value is not None and value < 0:
            yield None, _("%(field)s cannot be negative.") % {"field": Election._meta.get_field(field).verbose_name}


@rule("line-has-a-figure", gettext_lazy("Every line has votes, a share or both."))
def _line_has_a_figure(election, lines):
    for line in lines:
        if line.votes is None and line.percent is None:
            yield line, _("give the votes, the share or both.")


@rule("share-at-most-100", gettext_lazy("No line has more than 100%."), field="percent")
def _share_at_most_100(election, lines):
    for line in lines:
        if line.percent is not None and line.percent > HUNDRED:
            yield line, _("%(percent)s%% is more than 100%%.") % {"percent": line.percent}


@rule("one-line-per-option", gettext_lazy("A candidate or option appears once."))
def _one_line_per_option(election, lines):
    seen = set()
    for line in lines:
        key = line.label.strip().casefold()
        if key in seen:
            yield line, _("%(label)s appears more than once.") % {"label": line.label}
        seen.add(key)


@rule(
    "stations-abroad-within-total",
    gettext_lazy("Polling stations abroad are part of all polling stations."),
    field="polling_stations_abroad",
)
def _stations_abroad_within_total(election, lines):
    total, abroad = election.polling_stations, election.polling_stations_abroad
    if total is not None and abroad is not None and abroad > total:
        yield (
            None,
            _("%(abroad)s polling stations abroad is more than %(total)s polling stations in all.")
            % {
                "abroad": _n(abroad),
                "total": _n(total),
            },
        )


# Denominators that must agree with each other.


@rule(
    "valid-plus-invalid-is-ballots",
    gettext_lazy("Valid votes and invalid ballots add up to ballots cast."),
    field="valid_votes_reported",
)
def _valid_plus_invalid_is_ballots(election, lines):
    valid, invalid, ballots = election.valid_votes_reported, election.invalid_ballots_reported, election.ballots_cast
    if ballots is None:
        return
    if valid is not None and invalid is not None and valid + invalid != ballots:
        yield (
            None,
            _("%(valid)s valid votes + %(invalid)s invalid ballots is not %(ballots)s ballots cast.")
            % {
                "valid": _n(valid),
                "invalid": _n(invalid),
                "ballots": _n(ballots),
            },
        )
    for count in (valid, invalid):
        if count is not None and count > ballots:
            yield (
                None,
                _("%(count)s is more than the %(ballots)s ballots cast.")
                % {
                    "count": _n(count),
                    "ballots": _n(ballots),
                },
            )


@rule(
    "turnout-matches-ballots",
    gettext_lazy("Reported turnout agrees with ballots cast / registered voters."),
    field="turnout_reported",
)
def _turnout_matches_ballots(election, lines):
    if election.turnout_reported is None or election.ballots_cast is None:
        return
    expected = share(election.ballots_cast, election.registered_voters)
    if expected is not None and abs(expected - election.turnout_reported) > ROUNDING_PER_LINE:
        yield (
            None,
            _(
                "a turnout of %(turnout)s%% disagrees with %(ballots)s ballots cast of %(registered)s registered "
                "voters (%(expected)s%%)."
            )
            % {
                "turnout": election.turnout_reported,
                "ballots": _n(election.ballots_cast),
                "registered": _n(election.registered_voters),
                "expected": expected,
            },
        )


# Lines against the denominators.


@rule(
    "votes-within-ballots", gettext_lazy("No line has more votes than ballots cast or its denominator."), field="votes"
)
def _votes_within_ballots(election, lines):
    ballots, denominator = election.ballots_cast, election.share_denominator
    for line in lines:
        if line.votes is None:
            continue
        if ballots is not None and line.votes > ballots:
            yield (
                line,
                _("%(votes)s votes is more than the %(ballots)s ballots cast.")
                % {
                    "votes": _n(line.votes),
                    "ballots": _n(ballots),
                },
            )
        elif denominator is not None and line.votes > denominator:
            yield (
                line,
                _("%(votes)s votes is more than the %(denominator)s %(basis)s.")
                % {
                    "votes": _n(line.votes),
                    "denominator": _n(denominator),
                    "basis": election.get_share_basis_display(),
                },
            )


@rule(
    "votes-sum-within-denominator",
    gettext_lazy("All lines' votes together fit in their denominator."),
    field="valid_votes_reported",
)
def _votes_sum_within_denominator(election, lines):
    denominator = election.share_denominator
    total = sum(line.votes for line in lines if line.votes is not None)
    if denominator is not None and total > denominator:
        yield (
            None,
            _("the lines have %(total)s votes in all, more than the %(denominator)s %(basis)s.")
            % {
                "total": _n(total),
                "denominator": _n(denominator),
                "basis": election.get_share_basis_display(),
            },
        )


@rule("shares-sum-to-100", gettext_lazy("Shares add up to no more than 100% plus 0.05 per line for rounding."))
def _shares_sum_to_100(election, lines):
    shares = [line.percent for line in lines if line.percent is not None]
    total = sum(shares, Decimal(0))
    allowance = ROUNDING_PER_LINE * len(shares)
    if total > HUNDRED + allowance:
        yield (
            None,
            _("the shares add up to %(total)s%%, more than 100%% beyond rounding (%(allowance)s).")
            % {
                "total": total,
                "allowance": allowance,
            },
        )


@rule("share-matches-votes", gettext_lazy("A line's share agrees with its votes / the denominator."), field="percent")
def _share_matches_votes(election, lines):
    denominator = election.share_denominator
    for line in lines:
        if line.votes is None or line.percent is None:
            continue
        expected = share(line.votes, denominator)
        if expected is not None and abs(expected - line.percent) > ROUNDING_PER_LINE:
            message = _("%(percent)s%% disagrees with %(votes)s votes of %(denominator)s %(basis)s (%(expected)s%%).")
            yield (
                line,
                message
                % {
                    "percent": line.percent,
                    "votes": _n(line.votes),
                    "denominator": _n(denominator),
                    "basis": election.get_share_basis_display(),
                    "expected": expected,
                },
            )


# Soft checks: unusual, possibly true. The editor is warned, not refused.


# xgettext:no-python-format
@rule(
    "invalid-ballots-high",
    gettext_lazy("Invalid ballots are at most 3% of ballots cast."),
    hard=False,
    field="invalid_ballots_reported",
)
def _invalid_ballots_high(election, lines):
    invalid = election.invalid_ballots
    ratio = share(invalid, election.ballots_cast) if invalid is not None else None
    if ratio is not None and ratio > INVALID_BALLOTS_WARNING:
        yield (
            None,
            _("%(invalid)s invalid ballots are %(ratio)s%% of ballots cast; please check with the source.")
            % {
                "invalid": _n(invalid),
                "ratio": ratio,
            },
        )


@rule(
    "turnout-over-100", gettext_lazy("Ballots cast do not exceed registered voters."), hard=False, field="ballots_cast"
)
def _turnout_over_100(election, lines):
    ballots, registered = election.ballots_cast, election.registered_voters
    if ballots is not None and registered is not None and ballots > registered:
        yield (
            None,
            _("%(ballots)s ballots cast is more than the %(registered)s registered voters.")
            % {
                "ballots": _n(ballots),
                "registered": _n(registered),
            },
        )


# The rules between lines live beside these; importing them registers them after the ones above.
from elections import line_rules  # noqa: E402, F401
