import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.management.commands import load_demo


def test_the_demo_refuses_to_load_contradicting_figures(db, monkeypatch):
    results = [*load_demo.RESULTS[:-1], (None, Decimal("15.8"))]
    monkeypatch.setattr(load_demo, "RESULTS", results)
    with pytest.raises(CommandError, match="shares-sum-to-100"):
        call_command("load_demo", stdout=io.StringIO())


def test_the_demo_election_has_its_denominators_and_threshold(seed):
    assert seed.share_basis == "valid_votes"
    assert seed.runoff_threshold == 50
    assert seed.revisions.get().figures["ballots_cast"] == 8_300_046
