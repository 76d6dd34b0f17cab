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


def test_the_regional_demo_is_labelled_consistent_and_loads_once(demo):
    from elections.models import Election, Revision, UnitFigures, UnitResult

    election = Election.objects.get(slug="demo-party-list-election-by-region")
    assert "demo data" in election.name and election.national_from_units
    assert UnitFigures.objects.filter(election=election).count() == 21  # 17 regions, 3 cities, abroad
    units = UnitFigures.objects.filter(election=election)
    assert election.ballots_cast == sum(unit.ballots_cast for unit in units)
    counts = (UnitResult.objects.count(), Revision.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (UnitResult.objects.count(), Revision.objects.count()) == counts


def test_the_regional_demo_page_shows_its_seats(client, demo):
    page = client.get("/elections/demo-party-list-election-by-region/").content.decode()
    assert "21 of 21 units reporting" in page and "69 seats from party lists" in page
    assert 'Baytaq <span class="note">(below the threshold)</span>' in page
