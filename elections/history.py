"""The history of an election's figures and the corrections readers see.

The one write path (elections.recording) calls `record_revision` after
figures change: it keeps the new set beside the earlier ones, so no
announced figure is ever lost. Once figures were announced as final, changing
them is a correction: it needs a note for readers and marks the election
"corrected".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from elections.models import Election, Revision
from elections.validation import Line, Problem

FIGURE_FIELDS = [
    "registered_voters",
    "ballots_cast",
    "valid_votes_reported",
    "invalid_ballots_reported",
    "share_basis",
    "turnout_reported",
    "polling_stations",
    "polling_stations_abroad",
    "diplomatic_missions",
    "observers",
    "accredited_journalists",
]
SETTLED = {Election.Status.FINAL, Election.Status.CORRECTED}


@dataclass(frozen=True)
class Change:
    """One figure a correction changed, for the corrections log."""

    what: str
    before: int | str | None
    after: int | str | None
    is_percent: bool = False

    @property
    def numbers(self) -> tuple:
        # Snapshots keep decimals as strings; the page localises numbers.
        convert = Decimal if self.is_percent else (lambda value: value)
        return tuple(None if value is None else convert(value) for value in (self.before, self.after))


def snapshot(election: Election, lines: list[Line], units=()) -> dict:
    """The figures of `election` (and its units' figures, `rollup.UnitLines`) as plain JSON: what a revision keeps."""
    figures = {field: _plain(getattr(election, field)) for field in FIGURE_FIELDS}
    # Ranked by share, then name: the same figures make the same snapshot
    # whatever order they were typed in.
    ranked = sorted(lines, key=lambda line: (-(line.percent or 0), line.label))
    figures["lines"] = [{"label": line.label, "votes": line.votes, "percent": _plain(line.percent)} for line in ranked]
    if units:
        figures["units"] = {unit.figures.unit.slug: _unit_snapshot(unit) for unit in units}
    return figures


def _unit_snapshot(unit) -> dict:
    fields = ("status", "registered_voters", "ballots_cast", "valid_votes_reported", "invalid_ballots_reported")
    return {
        **{name: getattr(unit.figures, name) for name in fields},
        "lines": [{"label": line.label, "votes": line.votes, "percent": _plain(line.percent)} for line in unit.lines],
    }


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # "80" typed and "80.00" stored are the same share
    return value


def latest(election: Election) -> Revision | None:
    if election.pk is None:
        return None
    return election.revisions.order_by("-recorded_at", "-pk").first()


def is_correction(election: Election, lines: list[Line], units=None) -> bool:
    """Whether `lines` and the figures (and `units`, when given) change a set already announced as final."""
    previous = latest(election)
    if previous is None or previous.status not in SETTLED:
        return False
    if units is None:  # the whole only: the caller does not have the units at hand
        return _national(previous.figures) != snapshot(election, lines)
    return previous.figures != snapshot(election, lines, units)


def _national(figures: dict) -> dict:
    return {key: value for key, value in figures.items() if key != "units"}


def correction_problems(election: Election, lines: list[Line], note: str, units=None) -> list[Problem]:
    """The rule "correction-has-note": a changed final result says what changed."""
    if note.strip() or not is_correction(election, lines, units):
        return []
    message = _("these figures change results announced as final; write a correction note for readers.")
    return [Problem("correction-has-note", message, field="correction_note")]


def record_revision(*, election: Election, lines: list[Line], note: str = "", user=None, units=()) -> Revision | None:
    """Keep the current figures as a revision unless they equal the latest one.

    Call it after the figures are saved, inside the same transaction.
    """
    previous = latest(election)
    figures = snapshot(election, lines, units)
    if previous is not None and previous.status in SETTLED and previous.figures != figures:
        election.status = Election.Status.CORRECTED
        election.save(update_fields=["status"])
    unchanged = previous is not None and (previous.figures, previous.status) == (figures, election.status)
    if unchanged and not note.strip():
        return None
    return Revision.objects.create(
        election=election,
        status=election.status,
        announced_at=election.announced_at,
        source_url=election.source_url,
        figures=figures,
        note=note.strip(),
        recorded_by=user if user is not None and user.is_authenticated else None,
    )


def corrections(election: Election) -> list[Revision]:
    """The corrections readers see, oldest first, each with `changes` from the set before it."""
    found, previous = [], None
    for revision in election.revisions.all():
        if revision.note:
            revision.changes = changes(previous.figures if previous else None, revision.figures)
            found.append(revision)
        previous = revision
    return found


def changes(before: dict | None, after: dict) -> list[Change]:
    """What differs between two snapshots: election-wide figures, then lines."""
    if before is None:
        return []
    found = [
        Change(
            str(Election._meta.get_field(name).verbose_name),
            before.get(name),
            after.get(name),
            is_percent=name == "turnout_reported",
        )
        for name in FIGURE_FIELDS
        if name != "share_basis" and before.get(name) != after.get(name)
    ]
    old_lines = {line["label"]: line for line in before.get("lines", [])}
    new_lines = {line["label"]: line for line in after.get("lines", [])}
    for label in [*new_lines, *(label for label in old_lines if label not in new_lines)]:
        old, new = old_lines.get(label, {}), new_lines.get(label, {})
        for key in ("votes", "percent"):
            if old.get(key) != new.get(key):
                found.append(Change(label, old.get(key), new.get(key), is_percent=key == "percent"))
    return found
