"""The second demo election: a party-list vote reported by region, with seats.

The figures are invented (and say so in the election's name): Kazakhstan's
17 regions, 3 cities of republican significance and the votes cast abroad,
each with consistent counts, the national figures their sum, and 69 seats
allocated by largest remainder (Hare quota) among lists past 5 %. Written
through the elections app's one write path, like every other figure.
"""

import datetime as dt
from decimal import Decimal

from django.core.management.base import CommandError

from elections.models import Candidate, Election, ReportingUnit, Result, SeatRule, UnitFigures
from elections.recording import FiguresRefused, LineInput, record_figures, replace_lines

SLUG = "demo-party-list-election-by-region"

# (slug, name, short name, kind, map row, map column, registered voters)
UNITS = [
    ("kostanay", "Kostanay Region", "KOS", "region", 0, 2, 580_000),
    ("north-kazakhstan", "North Kazakhstan Region", "NKZ", "region", 0, 3, 370_000),
    ("pavlodar", "Pavlodar Region", "PAV", "region", 0, 4, 510_000),
    ("west-kazakhstan", "West Kazakhstan Region", "WKZ", "region", 1, 0, 450_000),
    ("aktobe", "Aktobe Region", "AKT", "region", 1, 1, 590_000),
    ("akmola", "Akmola Region", "AKM", "region", 1, 2, 500_000),
    ("astana", "Astana", "AST", "city", 1, 3, 830_000),
    ("abai", "Abai Region", "ABA", "region", 1, 4, 420_000),
    ("east-kazakhstan", "East Kazakhstan Region", "EKZ", "region", 1, 5, 510_000),
    ("atyrau", "Atyrau Region", "ATY", "region", 2, 0, 400_000),
    ("ulytau", "Ulytau Region", "ULY", "region", 2, 2, 150_000),
    ("karaganda", "Karaganda Region", "KAR", "region", 2, 3, 780_000),
    ("zhetisu", "Zhetisu Region", "ZHE", "region", 2, 5, 440_000),
    ("mangystau", "Mangystau Region", "MAN", "region", 3, 0, 460_000),
    ("kyzylorda", "Kyzylorda Region", "KYZ", "region", 3, 1, 490_000),
    ("turkistan", "Turkistan Region", "TUR", "region", 3, 2, 1_200_000),
    ("zhambyl", "Zhambyl Region", "ZHA", "region", 3, 3, 710_000),
    ("almaty-region", "Almaty Region", "ALR", "region", 3, 4, 960_000),
    ("almaty", "Almaty", "ALA", "city", 3, 5, 1_300_000),
    ("shymkent", "Shymkent", "SHY", "city", 4, 2, 720_000),
    ("abroad", "Votes cast abroad", "ABR", "abroad", 4, 0, 28_000),
]

# Lists and "against all", with national weights in tenths of a percent.
LISTS = [
    ("Amanat", 539),
    ("Auyl", 109),
    ("Respublica", 86),
    ("Ak Zhol", 84),
    ("People's Party of Kazakhstan", 68),
    ("Nationwide Social Democratic Party", 52),
    ("Baytaq", 23),
    (None, 39),
]

ELECTION = {
    "name": "Party-list election by region (demo data, invented figures)",
    "country": "Kazakhstan",
    "kind": Election.Kind.PARLIAMENTARY,
    "date": dt.date(2023, 3, 19),
    "authority_name": "Central Election Commission (demo figures, not the real results)",
    "authority_short_name": "CEC",
    "status": Election.Status.FINAL,
    "share_basis": Election.ShareBasis.VALID_VOTES,
    "national_from_units": True,
    "term_years": 5,
}


def _weights(index: int) -> list[int]:
    """The national weights, nudged per unit so regions differ (and sometimes another list leads)."""
    nudged = [weight + ((index * 7 + position * 3) % 11) - 5 for position, (_name, weight) in enumerate(LISTS)]
    if index % 10 == 4:  # two regions where the second list leads: the map has more than one colour
        nudged[0], nudged[1] = nudged[1] + 60, nudged[0] - 60
    return nudged


def _unit_lines(index: int, valid: int, candidates: dict) -> list[LineInput]:
    weights = _weights(index)
    votes = [valid * weight // sum(weights) for weight in weights]
    votes[0] += valid - sum(votes)  # what rounding down left goes to the first list
    lines = []
    for (name, _weight), count in zip(LISTS, votes, strict=True):
        if name is None:
            lines.append(LineInput(None, Result.Option.AGAINST_ALL, count, None))
        else:
            lines.append(LineInput(candidates[name], Result.Option.CANDIDATE, count, None))
    return lines


def load() -> Election:
    election, created = Election.objects.get_or_create(slug=SLUG, defaults=ELECTION)
    if not created:
        return election  # already loaded: running the demo again changes nothing
    SeatRule.objects.create(election=election, seats=69, method=SeatRule.Method.HARE, threshold=Decimal("5"))
    candidates = {
        name: Candidate.objects.get_or_create(name=name, defaults={"party": "Party list"})[0]
        for name, _weight in LISTS
        if name
    }
    for index, (slug, name, short, kind, row, column, registered) in enumerate(UNITS):
        unit, _created = ReportingUnit.objects.get_or_create(
            country=ELECTION["country"],
            slug=slug,
            defaults={"name": name, "short_name": short, "kind": kind, "map_row": row, "map_column": column,
                      "position": index},
        )  # fmt: skip
        ballots = registered * (520 + (index * 37) % 200) // 1000
        invalid = ballots // 100
        figures = UnitFigures.objects.create(
            election=election,
            unit=unit,
            status=Election.Status.FINAL,
            registered_voters=registered,
            ballots_cast=ballots,
            invalid_ballots_reported=invalid,
            valid_votes_reported=ballots - invalid,
        )
        replace_lines(owner=figures, lines=_unit_lines(index, ballots - invalid, candidates))
    try:
        record_figures(election=election)
    except FiguresRefused as refused:
        raise CommandError(str(refused)) from None
    return election
