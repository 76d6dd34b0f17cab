"""The one write path for an election's figures, whoever writes them.

The admin, the importer, the unit form and the demo all end a change of
figures with `record_figures`: it adds up the units where the national
figures are their sum, runs every check (the whole, each unit, units against
the whole), keeps the revision, and tells the page cache (signals.py). Lines
are written by `replace_lines`, which derives a missing share the one way
(`derive_share`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from elections import history, rollup
from elections.models import Candidate, Election, Result, UnitFigures, UnitResult, share
from elections.signals import figures_changed
from elections.validation import Line, Problem, check_figures, errors, lines_of, warnings


class FiguresRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class LineInput:
    """A line about to be written: `candidate` for a candidate or party, else a non-candidate `option`."""

    candidate: Candidate | None
    option: str
    votes: int | None
    percent: Decimal | None


def derive_share(votes: int | None, figures) -> Decimal | None:
    """The share `votes` is of the denominator of `figures` (an election or a unit's figures)."""
    return None if votes is None else share(votes, figures.share_denominator)


def replace_lines(*, owner: Election | UnitFigures, lines: list[LineInput]) -> None:
    """Make `lines` the whole result of `owner`, deriving shares the authority left empty."""
    model, key = (Result, "election") if isinstance(owner, Election) else (UnitResult, "figures")
    model.objects.filter(**{key: owner}).delete()
    for position, line in enumerate(lines):
        percent = line.percent if line.percent is not None else derive_share(line.votes, owner)
        option = Result.Option.CANDIDATE if line.candidate else line.option
        model.objects.create(
            **{key: owner},
            option=option,
            candidate=line.candidate,
            votes=line.votes,
            percent=percent,
            position=position,
        )


def units_of(election: Election) -> list[rollup.UnitLines]:
    """Every unit's figures and lines, in the units' order: two queries however many units."""
    figures = UnitFigures.objects.filter(election=election).select_related("unit")
    figures = figures.prefetch_related(Prefetch("results", queryset=UnitResult.objects.select_related("candidate")))
    found = []
    for item in figures.order_by("unit__position", "unit__name"):
        item.election = election  # the rules and the URLs read it; no query per unit
        found.append(rollup.unit_lines(item))
    return found


def problems_with(election: Election, national: list[Line], units: list[rollup.UnitLines]) -> list[Problem]:
    """Every check: the whole election's lines, each unit's, and the units against the whole."""
    problems = check_figures(election, national) + rollup.check_units(election, national, units)
    return sorted(problems, key=lambda problem: not problem.hard)


@transaction.atomic
def record_figures(*, election: Election, note: str = "", user=None) -> list[Problem]:
    """Finish a change of `election`'s figures: sum, check, keep the revision, empty the pages.

    Call it inside the transaction that changed the figures; a hard problem
    raises FiguresRefused, which rolls the change back. Returns the warnings.
    """
    units = units_of(election)
    if election.national_from_units and units:
        _add_up_units(election, units)
    national = lines_of(election)
    problems = problems_with(election, national, units)
    problems += history.correction_problems(election, national, note, units)
    if errors(problems):
        raise FiguresRefused(errors(problems))
    history.record_revision(election=election, lines=national, note=note, user=user, units=units)
    figures_changed.send(sender=Election, election=election)
    return warnings(problems)


def _add_up_units(election: Election, units: list[rollup.UnitLines]) -> None:
    counts, _votes = rollup.sums(units)
    for field, value in counts.items():
        setattr(election, field, value)
    election.save(update_fields=list(counts))
    totals: dict[tuple, int] = {}
    for unit in units:
        for result in unit.figures.results.all():
            key = (result.candidate_id, result.option)
            totals[key] = totals.get(key, 0) + (result.votes or 0)
    candidates = Candidate.objects.in_bulk([key[0] for key in totals if key[0]])
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    replace_lines(
        owner=election,
        lines=[
            LineInput(candidates.get(candidate_id), option, votes, None) for (candidate_id, option), votes in ranked
        ],
    )
