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
