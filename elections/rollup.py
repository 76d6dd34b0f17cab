"""Reporting units against the whole: the sums, and the named checks that compare them.

The same rules that check the whole election (elections.validation) run on
each unit's figures; these add the ones between units and the whole. A
problem names the unit it is about, so the desk knows where to look.
"""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from elections.models import Election, UnitFigures
from elections.validation import Line, Problem, check_figures

COUNT_FIELDS = ("registered_voters", "ballots_cast", "valid_votes_reported", "invalid_ballots_reported")
MAX_NAMED = 3  # past this many units with the same figure, naming them helps nobody
DONE = {Election.Status.PRELIMINARY, Election.Status.FINAL, Election.Status.CORRECTED}


@dataclass(frozen=True)
class UnitLines:
    figures: UnitFigures
    lines: list[Line]


def unit_lines(figures: UnitFigures) -> UnitLines:
    """A unit's saved lines, ranked (uses prefetched `results` where the caller prefetched them)."""
    ranked = sorted(figures.results.all(), key=lambda result: (-result.percent, result.position, result.pk))
    lines = [Line(number, result.label, result.votes, result.percent) for number, result in enumerate(ranked, 1)]
    return UnitLines(figures, lines)


def check_units(election: Election, national: list[Line], units: list[UnitLines]) -> list[Problem]:
    """Every unit's own problems, then the disagreements between the units and the whole."""
    problems = []
    for unit in units:
        name = unit.figures.unit.name
        problems += [replace(problem, unit=name) for problem in check_figures(unit.figures, unit.lines)]
    if units and not election.national_from_units:
        problems += _counts_against_national(election, units)
        problems += _lines_against_national(national, units)
    return sorted(problems, key=lambda problem: not problem.hard)


def sums(units: list[UnitLines]) -> tuple[dict, dict[str, int]]:
    """The units' counts added up, and each line's votes added up by label (None where a unit lacks it)."""
    counts = {field: _sum(getattr(unit.figures, field) for unit in units) for field in COUNT_FIELDS}
    labels = {line.label for unit in units for line in unit.lines}
    votes = {label: _sum(_votes_of(unit, label) for unit in units) for label in labels}
    return counts, votes


def _sum(values):
    values = list(values)
    return None if not values or any(value is None for value in values) else sum(values)


def _votes_of(unit: UnitLines, label: str) -> int | None:
    return next((line.votes for line in unit.lines if line.label == label), 0)


def _all_done(units: list[UnitLines]) -> bool:
    return all(unit.figures.status in DONE for unit in units)


def _compare(what: str, national: int, parts: dict[str, int | None], *, complete: bool, line=None):
    """A problem if the units' `parts` exceed `national`, or miss it once every unit is done."""
    known = {name: value for name, value in parts.items() if value is not None}
    total = sum(known.values())
    if total == national or (total < national and not complete):
        return None
    difference = abs(total - national)
    culprits = [name for name, value in known.items() if value == difference]
    values = {"what": what, "total": f"{total:,}", "national": f"{national:,}", "difference": f"{difference:,}"}
    message = _("the units add up to %(total)s %(what)s, the whole election has %(national)s.") % values
    if 0 < len(culprits) <= MAX_NAMED:
        message += " " + _("%(unit)s has exactly the difference (%(difference)s): left out or counted twice?") % {
            **values,
            "unit": _(" or ").join(culprits),
        }
    elif len(known) < len(parts):
        missing = ", ".join(name for name, value in parts.items() if value is None)
        message += " " + _("No figure yet from: %(missing)s.") % {"missing": missing}
    return Problem("units-add-up-to-national", message, line)


def _counts_against_national(election: Election, units: list[UnitLines]) -> list[Problem]:
    problems, complete = [], _all_done(units)
    for field in COUNT_FIELDS:
        national = getattr(election, field)
        if national is None:
            continue
        parts = {unit.figures.unit.name: getattr(unit.figures, field) for unit in units}
        what = str(Election._meta.get_field(field).verbose_name)
        problem = _compare(what, national, parts, complete=complete and None not in parts.values())
        if problem:
            problems.append(problem)
    return problems


def _lines_against_national(national: list[Line], units: list[UnitLines]) -> list[Problem]:
    problems, complete = [], _all_done(units)
    by_label = {line.label: line for line in national}
    for unit in units:
        for line in unit.lines:
            if national and line.label not in by_label:
                message = _("%(label)s is not among the whole election's lines.") % {"label": line.label}
                problems.append(Problem("unit-lines-in-national", message, line, unit=unit.figures.unit.name))
    for line in national:
        if line.votes is None:
            continue
        parts = {unit.figures.unit.name: _votes_of(unit, line.label) for unit in units}
        problem = _compare(_("votes"), line.votes, parts, complete=complete, line=line)
        if problem:
            problems.append(problem)
    return problems
