"""Open data: an election's figures as CSV and JSON, with no personal data.

The CSV's first four columns are the importer's (option,party,votes,percent),
so an export imports back unchanged; the election-wide columns repeat on
every line so that each line stands on its own in a spreadsheet.
"""

import csv
import io

from django.utils import translation

from elections import history
from elections.importing import FORMULA_STARTS
from elections.models import Election, Result

CSV_COLUMNS = [
    "option", "party", "votes", "percent", "share_of", "election", "status", "announced_at", "authority",
    "source_url", "registered_voters", "ballots_cast", "valid_votes", "invalid_ballots", "turnout",
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


def results_csv(election: Election, results: list[Result]) -> str:
    election_wide = [
        election.share_basis,
        election.slug,
        election.status,
        election.announced_at.isoformat() if election.announced_at else "",
        election.authority_name,
        election.source_url,
        election.registered_voters,
        election.ballots_cast,
        election.valid_votes,
        election.invalid_ballots,
        election.turnout,
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        party = result.candidate.party if result.candidate_id else ""
        row = [_option(result), party, result.votes, result.percent, *election_wide]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _number(value):
    return None if value is None else float(value) if not isinstance(value, int) else value


def results_json(election: Election, results: list[Result], *, url: str) -> dict:
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
        "results": [
            {
                "option": result.option,
                "name": _option(result),
                "party": result.candidate.party if result.candidate_id else None,
                "votes": result.votes,
                "percent": _number(result.percent),
            }
            for result in results
        ],
        "corrections": [
            {"at": revision.recorded_at.isoformat(), "note": revision.note}
            for revision in history.corrections(election)
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
