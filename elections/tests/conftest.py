import datetime as dt
from decimal import Decimal

import pytest

from elections.models import Candidate, Election, Result

SEED_SLUG = "kazakhstan-presidential-election-2022"


@pytest.fixture
def seed(demo):
    return Election.objects.get(slug=SEED_SLUG)


@pytest.fixture
def make_election(db):
    """An election with round, consistent figures: 1,000 registered, 800 cast, 780 valid."""

    def make(lines=(("Alice Able", 600, "76.92"), ("Bob Baker", 150, "19.23"), (None, 30, "3.85")), **fields):
        defaults = {
            "name": "Mayor of Testville",
            "slug": "testville",
            "country": "Testland",
            "date": dt.date(2026, 11, 1),
            "authority_name": "Testville Election Board",
            "status": Election.Status.PRELIMINARY,
            "registered_voters": 1000,
            "ballots_cast": 800,
            "valid_votes_reported": 780,
            "invalid_ballots_reported": 20,
        }
        election = Election.objects.create(**{**defaults, **fields})
        for position, (name, votes, percent) in enumerate(lines):
            option = {"option": Result.Option.AGAINST_ALL}
            if name:
                candidate, _ = Candidate.objects.get_or_create(name=name)
                option = {"candidate": candidate}
            Result.objects.create(
                election=election, votes=votes, percent=Decimal(percent), position=position, **option
            )
        return election

    return make


@pytest.fixture
def make_regional(db):
    """An election by `count` units, each 80 cast, 78 valid (Alice 50, Bob 28); unit i has 100 + 10i registered.

    With `national=True` the whole election carries its own figures (the units' sum); otherwise the
    national figures are the sum of the units.
    """
    from elections.models import ReportingUnit, UnitFigures
    from elections.recording import LineInput, record_figures, replace_lines

    def make(count=3, *, national=False, slug="regionland", **fields):
        alice, _ = Candidate.objects.get_or_create(name="Alice Able")
        bob, _ = Candidate.objects.get_or_create(name="Bob Baker")
        registered = [100 + 10 * index for index in range(count)]
        totals = {"registered_voters": sum(registered), "ballots_cast": 80 * count, "valid_votes_reported": 78 * count,
                  "invalid_ballots_reported": 2 * count} if national else {}  # fmt: skip
        defaults = {"name": "Regionland general election", "country": "Regionland", "date": dt.date(2026, 11, 1),
                    "authority_name": "Regionland Board", "status": Election.Status.PRELIMINARY,
                    "national_from_units": not national}  # fmt: skip
        election = Election.objects.create(slug=slug, **{**defaults, **totals, **fields})
        if national:
            replace_lines(owner=election, lines=[LineInput(alice, "candidate", 50 * count, None),
                                                 LineInput(bob, "candidate", 28 * count, None)])  # fmt: skip
        for index in range(count):
            unit, _ = ReportingUnit.objects.get_or_create(
                country="Regionland", slug=f"region-{index}",
                defaults={"name": f"Region {index}", "short_name": f"R{index}", "map_row": index // 5,
                          "map_column": index % 5, "position": index},
            )  # fmt: skip
            figures = UnitFigures.objects.create(
                election=election, unit=unit, status=Election.Status.FINAL, registered_voters=registered[index],
                ballots_cast=80,
                valid_votes_reported=78, invalid_ballots_reported=2,
            )  # fmt: skip
            replace_lines(owner=figures, lines=[LineInput(alice, "candidate", 50, None),
                                                LineInput(bob, "candidate", 28, None)])  # fmt: skip
        record_figures(election=election)
        return election

    return make
