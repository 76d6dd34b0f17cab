"""What an import would change, line by line, against the lines the election has now.

The preview shows this before anything is written: lines new to the
election, lines whose figures change (old → new), lines the file leaves out
(they would be removed), and the candidates the import would create.
"""

from dataclasses import dataclass

from django.db.models.functions import Lower

from elections.importing import Row, group_by_unit, non_candidate_options
from elections.models import Candidate, Election
from elections.recording import units_of
from elections.validation import Line, lines_of


@dataclass(frozen=True)
class LineChange:
    kind: str  # "new", "changed", "same" or "removed"
    label: str
    unit: str = ""
    party: str = ""
    before: Line | None = None
    after: Line | None = None
    creates_candidate: bool = False


def preview_changes(election: Election, rows: list[Row]) -> list[LineChange]:
    """Every line of the parts of `election` the file gives (the whole, units), compared with the file's."""
    groups, _problems = group_by_unit(election, rows)
    current = {unit.figures.unit_id: unit.lines for unit in units_of(election)}
    new_names = _names_to_create(rows)
    found = []
    for unit, group in groups.items():
        before = lines_of(election) if unit is None else current.get(unit.pk, [])
        found += _compare(unit.name if unit else "", before, group, new_names)
    return found


def _compare(unit: str, before: list[Line], rows: list[Row], new_names: set[str]) -> list[LineChange]:
    old = {line.label.casefold(): line for line in before}
    changes = []
    for row in rows:
        previous = old.pop(row.line.label.casefold(), None)
        kind = "new" if previous is None else "same" if _same(previous, row.line) else "changed"
        creates = row.option.casefold() in new_names
        changes.append(LineChange(kind, row.line.label, unit, row.party, previous, row.line, creates))
    changes += [LineChange("removed", line.label, unit, before=line) for line in old.values()]
    return changes


def _same(before: Line, after: Line) -> bool:
    return (before.votes, before.percent) == (after.votes, after.percent)


def _names_to_create(rows: list[Row]) -> set[str]:
    """The options the import would add as new candidates: not an option like "Against all", not known by name."""
    options = non_candidate_options()
    names = {row.option.casefold() for row in rows if row.option and row.option.casefold() not in options}
    known = Candidate.objects.annotate(key=Lower("name")).filter(key__in=names).values_list("key", flat=True)
    return names - {name.casefold() for name in known}
