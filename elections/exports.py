"""Open data: an election's figures as CSV and JSON, with no personal data.

The CSV's first four columns are the importer's (option,party,votes,percent)
and its last is the importer's `unit` (empty for the whole election), so an
export imports back unchanged; the figures' columns repeat on every line (a
unit's own on its lines) so that each line stands on its own in a spreadsheet.
"""

import csv
import io

from django.utils import translation

from elections import history
from elections.importing import FORMULA_STARTS
from elections.models import Election, Result

CSV_COLUMNS = [
    "option", "party", "votes", "percent", "share_of", "election", "status", "announced_at", "authority",
    "source_url", "registered_voters", "ballots_cast", "valid_votes", "invalid_ballots", "turnout", "unit",
]  # fmt: skip


def _option(result: Result) -> str:
    if result.candidate_id:
        return result.candidate.name
    # One spelling whatever the reader's language, so files compare and import.
    with translation.override("en"):
        return str(Result.Option(result.option).label)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A name starting with "=" must not become a formula in someone's spreadsheet.
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _columns(election: Election, figures, status: str, announced_at, source_url: str) -> list:
    return [
        election.share_basis,
        election.slug,
        status,
        announced_at.isoformat() if announced_at else "",
        election.authority_name,
        source_url,
        figures.registered_voters,
        figures.ballots_cast,
        figures.valid_votes,
        figures.invalid_ballots,
        figures.turnout,
    ]


def results_csv(election: Election, results: list[Result], units=()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    whole = _columns(election, election, election.status, election.announced_at, election.source_url)
    parts = [(whole, "", results)]
    for unit in units:
        figures = unit.figures
        columns = _columns(election, figures, figures.status, figures.announced_at, figures.source_url)
        parts.append((columns, figures.unit.slug, unit.figures.results.all()))
    for columns, slug, lines in parts:
        for result in lines:
            party = result.candidate.party if result.candidate_id else ""
            row = [_option(result), party, result.votes, result.percent, *columns, slug]
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _number(value):
    return None if value is None else float(value) if not isinstance(value, int) else value


def results_json(election: Election, results: list[Result], *, url: str, units=()) -> dict:
    outcome = election.outcome(results)
    return {
        "election": {
            "name": election.name,
            "slug": election.slug,
            "url": url,
            "country": election.country,
            "kind": election.kind,
            "date": election.date.isoformat(),
            "term_years": election.term_years,
        },
        "status": election.status,
        "announced_at": election.announced_at.isoformat() if election.announced_at else None,
        "source": {
            "authority": election.authority_name,
            "authority_short_name": election.authority_short_name,
            "url": election.source_url or None,
        },
        "figures": _figures(election),
        "outcome": {"kind": outcome.kind, "options": [_option(line) for line in outcome.lines]},
        "results": _lines(results),
        "units": [_unit(unit) for unit in units],
        "corrections": [
            {"at": revision.recorded_at.isoformat(), "note": revision.note}
            for revision in history.corrections(election)
        ],
    }


def _lines(results) -> list[dict]:
    return [
        {
            "option": result.option,
            "name": _option(result),
            "party": result.candidate.party if result.candidate_id else None,
            "votes": result.votes,
            "percent": _number(result.percent),
        }
        for result in results
    ]


def _unit(unit) -> dict:
    figures = unit.figures
    return {
        "unit": {
            "slug": figures.unit.slug,
            "name": figures.unit.name,
            "kind": figures.unit.kind,
            "code": figures.unit.code,
        },
        "status": figures.status,
        "announced_at": figures.announced_at.isoformat() if figures.announced_at else None,
        "source_url": figures.source_url or None,
        "figures": {
            "registered_voters": figures.registered_voters,
            "ballots_cast": figures.ballots_cast,
            "valid_votes": figures.valid_votes,
            "invalid_ballots": figures.invalid_ballots,
            "turnout": _number(figures.turnout),
        },
        "results": _lines(figures.results.all()),
    }


def seats_json(table: dict | None) -> dict | None:
    if table is None or table["allocation"] is None:
        return None
    allocation = table["allocation"]
    return {
        "seats": allocation.seats,
        "method": allocation.method,
        "threshold": _number(allocation.threshold),
        "quota": float(allocation.quota) if allocation.quota is not None else None,
        "open_seats": allocation.open_seats,
        "tied": allocation.tied,
        "lists": [
            {"name": row.party.label, "votes": row.party.votes, "qualified": row.qualified, "seats": row.seats}
            for row in allocation.rows
        ],
    }


def _figures(election: Election) -> dict:
    return {
        "share_of": election.share_basis,
        "registered_voters": election.registered_voters,
        "ballots_cast": election.ballots_cast,
        "valid_votes": election.valid_votes,
        "invalid_ballots": election.invalid_ballots,
        "turnout": _number(election.turnout),
        "turnout_is_reported": election.turnout_reported is not None,
        "runoff_threshold": _number(election.runoff_threshold),
        "polling_stations": election.polling_stations,
        "polling_stations_abroad": election.polling_stations_abroad,
        "diplomatic_missions": election.diplomatic_missions,
        "observers": election.observers,
        "accredited_journalists": election.accredited_journalists,
    }
