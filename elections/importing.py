"""Import an election's result lines from a CSV file, all or nothing.

The file has the header `option,party,votes,percent` and, for results by
region, `unit` (a reporting unit's slug or name; empty for the whole
election). More columns, such as those of our own results.csv export, are
ignored. `option` is a candidate's name or a non-candidate option ("Against
all"); votes or percent may be empty where the authority gave only one. The
whole file is read and checked against the election's rules, per unit and
units against the whole, before anything is written; only the parts the file
gives (the whole, or a unit) are replaced.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from elections import history, rollup
from elections.models import Candidate, Election, ReportingUnit, Result, UnitFigures
from elections.numbers import NumberError, parse_count, parse_percent
from elections.recording import (
    FiguresRefused,
    LineInput,
    derive_share,
    problems_with,
    record_figures,
    replace_lines,
    units_of,
)
from elections.validation import Line, Problem, errors, lines_of, warnings

REQUIRED_COLUMNS = ("option", "party", "votes", "percent")
MAX_LINES = 500
# Spreadsheets run cells that start with these; our export prefixes them with '.
FORMULA_STARTS = ("=", "+", "-", "@")


NAME_LENGTH = Candidate._meta.get_field("name").max_length
PARTY_LENGTH = Candidate._meta.get_field("party").max_length


@dataclass(frozen=True)
class Row:
    line: Line
    option: str
    party: str
    unit: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings(self.problems)


def non_candidate_options() -> dict[str, str]:
    """Names of non-candidate options, as a file may spell them, to their codes."""
    names = {}
    for option in Result.Option:
        if option == Result.Option.CANDIDATE:
            continue
        names[option.value.replace("_", " ")] = option.value
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[str(option.label).casefold()] = option.value
    return names


def canonical_label(option: str) -> str:
    """The label the page will show for `option`: an option's own name, a known candidate's spelling."""
    code = non_candidate_options().get(option.casefold())
    if code is not None:
        return str(Result.Option(code).label)
    candidate = Candidate.objects.filter(name__iexact=option).only("name").first() if option else None
    return candidate.name if candidate else option


def read_rows(text: str) -> tuple[list[Row], list[Problem]]:
    """Parse the CSV; every unreadable cell becomes a problem naming its line."""
    text = text.removeprefix("\ufeff").replace("\x00", "")
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    try:
        return _read_records(reader)
    except csv.Error as error:
        return [], [
            Problem(
                "csv-readable",
                _("line %(line)s cannot be read as CSV: %(error)s") % {"line": reader.line_num, "error": error},
            )
        ]


def _read_records(reader: csv.DictReader) -> tuple[list[Row], list[Problem]]:
    header = [(name or "").strip().casefold() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        message = _("the header must name the columns option,party,votes,percent; missing: %(missing)s.")
        return [], [Problem("csv-header", message % {"missing": ", ".join(missing)})]
    reader.fieldnames = header
    rows, problems = [], []
    for record in reader:
        if reader.line_num > MAX_LINES:
            problems.append(Problem("csv-size", _("a file has at most %(max)s lines.") % {"max": MAX_LINES}))
            break
        if not any((value or "").strip() for value in record.values()):
            continue
        row, row_problems = _read_row(reader.line_num, record)
        rows.append(row)
        problems += row_problems
    return rows, problems


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _cell(record: dict, name: str) -> str:
    value = (record.get(name) or "").strip()
    if value[:2] in {f"'{start}" for start in FORMULA_STARTS}:
        value = value[1:]
    return value


def _read_row(number: int, record: dict) -> tuple[Row, list[Problem]]:
    option, party = _cell(record, "option"), _cell(record, "party")
    line = Line(number, canonical_label(option[:NAME_LENGTH]) or "?", None, None)
    problems = []
    if not option:
        problems.append(Problem("option-named", _("name the candidate or option."), line))
    for text, limit in ((option, NAME_LENGTH), (party, PARTY_LENGTH)):
        if len(text) > limit:
            message = _("%(length)s characters is more than the %(limit)s a name may have.")
            problems.append(Problem("name-length", message % {"length": len(text), "limit": limit}, line))
    votes = percent = None
    try:
        votes = parse_count(_cell(record, "votes")) if _cell(record, "votes") else None
    except NumberError as error:
        problems.append(Problem("votes-readable", str(error), line))
    try:
        percent = parse_percent(_cell(record, "percent")) if _cell(record, "percent") else None
    except NumberError as error:
        problems.append(Problem("percent-readable", str(error), line))
    return Row(Line(number, line.label, votes, percent), option, party, _cell(record, "unit")), problems


def _with_derived_shares(owner, rows: list[Row], unit_name: str = "") -> tuple[list[Row], list[Problem]]:
    """Fill a share the authority left empty from votes / the denominator of `owner` (election or unit)."""
    done, problems = [], []
    for row in rows:
        line = row.line
        if line.percent is None and line.votes is not None:
            derived = derive_share(line.votes, owner)
            if derived is None:
                message = _("the share is empty and cannot be derived: there is no %(basis)s figure.")
                basis = owner.get_share_basis_display()
                problems.append(Problem("share-derivable", message % {"basis": basis}, line, unit=unit_name))
            line = Line(line.number, line.label, line.votes, derived)
        done.append(Row(line, row.option, row.party, row.unit))
    return done, problems


def _units_by_key(election: Election) -> dict[str, ReportingUnit]:
    units = {}
    for unit in ReportingUnit.objects.filter(country=election.country):
        units[unit.slug.casefold()] = units[unit.name.casefold()] = unit
    return units


def group_by_unit(election: Election, rows: list[Row]) -> tuple[dict, list[Problem]]:
    """Rows by unit (None for the whole election); a unit the country does not have is a problem."""
    known, groups, problems = _units_by_key(election), {}, []
    for row in rows:
        unit = known.get(row.unit.casefold()) if row.unit else None
        if row.unit and unit is None:
            message = _("%(unit)s is not a reporting unit of %(country)s; add it in the admin first.")
            problems.append(Problem("unit-known", message % {"unit": row.unit, "country": election.country}, row.line))
        groups.setdefault(unit, []).append(row)
    return groups, problems


def check_file(*, election: Election, text: str, note: str = "") -> Report:
    """Everything wrong with importing `text` into `election`; writes nothing."""
    rows, problems = read_rows(text)
    if not rows and not problems:
        problems.append(Problem("csv-has-lines", _("the file has no result lines.")))
    groups, unit_problems = group_by_unit(election, rows)
    problems += unit_problems
    existing = {unit.figures.unit_id: unit for unit in units_of(election)}
    rows, units, national = [], dict(existing), lines_of(election)
    for unit, group in groups.items():
        owner = election if unit is None else _figures_for(election, unit, existing)
        derived, derived_problems = _with_derived_shares(owner, group, unit.name if unit else "")
        rows += derived
        problems += derived_problems
        if unit is None:
            national = [row.line for row in derived]
        else:
            units[unit.pk] = rollup.UnitLines(owner, [row.line for row in derived])
    if not errors(problems):
        problems += problems_with(election, national, list(units.values()))
        problems += history.correction_problems(election, national, note, list(units.values()) or None)
    return Report(rows=rows, problems=problems)


def _figures_for(election: Election, unit: ReportingUnit, existing: dict) -> UnitFigures:
    if unit.pk in existing:
        return existing[unit.pk].figures
    return UnitFigures(election=election, unit=unit, status=election.status)


@transaction.atomic
def import_results(*, election: Election, text: str, dry_run: bool = False, note: str = "", user=None) -> Report:
    """Replace `election`'s result lines with the file's, if every line passes.

    Lines not in the file are removed: the file is the whole result. A figure
    set that changes final results needs `note`, shown to readers.
    """
    report = check_file(election=election, text=text, note=note)
    if report.errors or dry_run:
        return report
    groups, _problems = group_by_unit(election, report.rows)
    for unit, rows in groups.items():
        owner = election
        if unit is not None:
            owner, _created = UnitFigures.objects.get_or_create(
                election=election, unit=unit, defaults={"status": election.status}
            )
        replace_lines(owner=owner, lines=[_line_input(row) for row in rows])
    try:
        report.problems = record_figures(election=election, note=note, user=user)
    except FiguresRefused as refused:  # pragma: no cover - check_file ran the same checks
        transaction.set_rollback(True)
        report.problems = refused.problems
        return report
    report.applied = True
    return report


def _line_input(row: Row) -> LineInput:
    code = non_candidate_options().get(row.option.casefold())
    if code is not None:
        return LineInput(None, code, row.line.votes, row.line.percent)
    candidate = Candidate.objects.filter(name__iexact=row.option).first()
    if candidate is None:
        candidate = Candidate.objects.create(name=row.option, party=row.party)
    elif row.party and not candidate.party:
        candidate.party = row.party
        candidate.save(update_fields=["party"])
    return LineInput(candidate, Result.Option.CANDIDATE, row.line.votes, row.line.percent)
