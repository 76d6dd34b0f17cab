"""Results by reporting unit: the checks per unit and against the whole, the write path, the pages."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elections.importing import import_results
from elections.models import Election, Result, SeatRule, UnitFigures
from elections.recording import FiguresRefused, record_figures
from elections.signals import figures_changed


def _messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_national_figures_summed_from_units_are_written_with_derived_shares(make_regional):
    election = make_regional(3)
    election.refresh_from_db()
    assert (election.registered_voters, election.ballots_cast, election.valid_votes) == (330, 240, 234)
    lines = [(result.label, result.votes, str(result.percent)) for result in election.results.ranked()]
    assert lines == [("Alice Able", 150, "64.10"), ("Bob Baker", 84, "35.90")]
    assert election.revisions.count() == 1
    assert set(election.revisions.get().figures["units"]) == {"region-0", "region-1", "region-2"}


def test_a_unit_left_out_of_the_national_figures_is_named(make_regional):
    election = make_regional(3, national=True)
    election.registered_voters = 100 + 120  # the authority's total missed Region 1 (110)
    election.save()
    with pytest.raises(FiguresRefused) as refused:
        record_figures(election=election)
    assert _messages(refused.value.problems) == [
        "Rule “units-add-up-to-national”: the units add up to 330 registered voters, the whole election has 220. "
        "Region 1 has exactly the difference (110): left out or counted twice?"
    ]


def test_a_unit_whose_figures_disagree_is_named_by_its_own_rules_and_the_sums(make_regional):
    election = make_regional(3, national=True)
    UnitFigures.objects.filter(unit__slug="region-1").update(ballots_cast=87, valid_votes_reported=85)
    with pytest.raises(FiguresRefused) as refused:
        record_figures(election=election)
    messages = _messages(refused.value.problems)
    assert "the units add up to 247 ballots cast, the whole election has 240." in " ".join(messages)
    assert any(message.startswith("Region 1: Line 1 (Alice Able), rule “share-matches-votes”") for message in messages)


def test_a_unit_line_against_the_national_line_names_the_line(make_regional):
    election = make_regional(2, national=True)
    Result.objects.filter(election=election, candidate__name="Bob Baker").update(votes=50)
    with pytest.raises(FiguresRefused) as refused:
        record_figures(election=election)
    assert any("(Bob Baker)" in message and "units-add-up-to-national" in message
               for message in _messages(refused.value.problems))  # fmt: skip


def test_while_units_are_counting_their_sum_may_fall_short_of_the_whole(make_regional):
    election = make_regional(2, national=True)
    UnitFigures.objects.filter(election=election, unit__slug="region-0").update(
        status=Election.Status.COUNTING, ballots_cast=40, valid_votes_reported=39, invalid_ballots_reported=1
    )
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    figures.results.filter(candidate__name="Alice Able").update(votes=25, percent="64.10")
    figures.results.filter(candidate__name="Bob Baker").update(votes=14, percent="35.90")
    assert record_figures(election=election) == []


def test_the_same_rules_run_per_unit(make_regional):
    election = make_regional(2)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    figures.results.filter(candidate__name="Bob Baker").update(percent="50.00")
    with pytest.raises(FiguresRefused) as refused:
        record_figures(election=election)
    assert "Region 0: Line 2 (Bob Baker), rule “share-matches-votes”" in " ".join(_messages(refused.value.problems))


def test_the_write_path_empties_the_pages_once_per_change(make_regional):
    election = make_regional(2)
    heard = []
    figures_changed.connect(lambda sender, election, **kwargs: heard.append(election.pk), weak=False, dispatch_uid="t")
    try:
        record_figures(election=election)
    finally:
        figures_changed.disconnect(dispatch_uid="t")
    assert heard == [election.pk]


UNITS_CSV = """option,party,votes,percent,unit
Alice Able,,100,,
Bob Baker,,56,,
Alice Able,,50,,region-0
Bob Baker,,28,,region-0
Alice Able,,50,,Region 1
Bob Baker,,28,,region-1
"""


def test_the_importer_reads_a_unit_column_and_checks_units_against_the_whole(make_regional):
    election = make_regional(2, national=True)
    report = import_results(election=election, text=UNITS_CSV)
    assert report.applied, _messages(report.problems)
    wrong = UNITS_CSV.replace("Bob Baker,,28,,region-1", "Bob Baker,,38,,region-1")
    report = import_results(election=election, text=wrong)
    assert not report.applied
    assert any("units-add-up-to-national" in message for message in _messages(report.errors))


def test_the_importer_refuses_a_unit_the_country_does_not_have(make_regional):
    election = make_regional(1, national=True)
    report = import_results(election=election, text="option,party,votes,percent,unit\nAlice Able,,50,,atlantis\n")
    assert not report.applied
    assert "rule “unit-known”: atlantis is not a reporting unit of Regionland" in " ".join(_messages(report.errors))


def test_exports_carry_the_units(client, make_regional):
    election = make_regional(2)
    data = client.get(f"/elections/{election.slug}/results.json").json()
    assert [unit["unit"]["slug"] for unit in data["units"]] == ["region-0", "region-1"]
    assert data["units"][0]["figures"]["ballots_cast"] == 80
    assert data["units"][0]["results"][0] == {"option": "candidate", "name": "Alice Able", "party": "",
                                              "votes": 50, "percent": 64.1}  # fmt: skip
    lines = client.get(f"/elections/{election.slug}/results.csv").content.decode().splitlines()
    assert lines[0].endswith(",unit") and len(lines) == 1 + 2 + 4
    assert lines[3].startswith("Alice Able,,50,64.10,") and lines[3].endswith(",region-0")


def test_election_page_shows_the_map_the_table_and_who_reports(client, make_regional):
    election = make_regional(3)
    UnitFigures.objects.filter(unit__slug="region-2").update(status=Election.Status.SCHEDULED)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "2 of 3 units reporting" in page
    assert "Alice Able leads in 2 regions." in page
    assert "<title>Region 0: Alice Able leads with 64.10%</title>" in page  # each tile link's name
    assert "<title>Region 2: no figures yet</title>" in page
    assert f'<a href="/elections/{election.slug}/region-1/">Region 1</a>' in page  # the table links the pages
    assert ">AA</text>" in page  # the leader's initials: colour is not the only signal
    turnout = client.get(election.get_absolute_url() + "?map=turnout").content.decode()
    assert "Turnout ranges from 72.73% to 80.00%" in turnout and 'class="tile tile-t4"' in turnout


def test_unit_page_has_its_figures_structured_data_and_a_sitemap_entry(client, make_regional):
    election = make_regional(2)
    response = client.get(f"/elections/{election.slug}/region-1/")
    page = response.content.decode()
    assert response.status_code == 200 and "<h1>Region 1</h1>" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Dataset" and data["spatialCoverage"]["name"] == "Region 1, Regionland"
    assert client.get(f"/elections/{election.slug}/atlantis/").status_code == 404
    sitemap = client.get("/sitemap-election-units.xml").content.decode()
    assert f"/elections/{election.slug}/region-1/" in sitemap
    assert f"/elections/{election.slug}/" in client.get("/sitemap-elections.xml").content.decode()


def test_seat_table_and_parliament_chart_show_the_arithmetic(client, make_regional):
    election = make_regional(2)
    SeatRule.objects.create(election=election, seats=7, method=SeatRule.Method.HARE)
    page = client.get(election.get_absolute_url()).content.decode()
    chart = page[page.index('<figure class="parliament">') : page.index("</figure>", page.index("parliament"))]
    assert 'role="img"' in chart and "<desc" in chart and "Alice Able: 4; Bob Baker: 3" in chart
    assert chart.count("<circle") == 7
    assert "Hare quota: 156 votes of the lists past the threshold ÷ 7 seats = 22.29." in page
    assert client.get(f"/elections/{election.slug}/results.json").json()["seats"]["lists"][0]["seats"] == 4


def test_election_page_with_20_units_stays_within_eight_queries_flat_in_units(client, make_regional):
    counts = {}
    client.get(make_regional(1, slug="warm-up").get_absolute_url())  # the page cache's own first-request query
    for count in (2, 20):
        # A new election each time: its page was never cached, so this measures a miss.
        election = make_regional(count, slug=f"regionland-{count}")
        SeatRule.objects.create(election=election, seats=10)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(election.get_absolute_url())
        assert response.status_code == 200 and f"{count} of {count} units reporting" in response.content.decode()
        assert response.get("X-Cache") != "hit"
        counts[count] = len(captured)
    assert counts[20] <= 8
    assert counts[20] == counts[2]


def test_changing_a_units_final_figures_is_a_correction_that_needs_a_note(make_regional):
    election = make_regional(2, status=Election.Status.FINAL)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    figures.results.filter(candidate__name="Bob Baker").update(votes=27, percent="34.62")
    figures.results.filter(candidate__name="Alice Able").update(votes=51, percent="65.38")
    with pytest.raises(FiguresRefused) as refused:
        record_figures(election=election)
    assert [problem.rule for problem in refused.value.problems] == ["correction-has-note"]
    record_figures(election=election, note="Region 0's count was re-tallied.")
    election.refresh_from_db()
    assert election.status == Election.Status.CORRECTED
    assert election.revisions.last().note == "Region 0's count was re-tallied."


def test_a_unit_line_changed_by_any_path_empties_the_election_and_unit_pages(
    client, make_regional, django_capture_on_commit_callbacks
):
    election = make_regional(2)
    pages = [election.get_absolute_url(), f"/elections/{election.slug}/region-0/"]
    for url in pages:
        client.get(url)
        assert client.get(url).get("X-Cache") == "hit", url
    line = UnitFigures.objects.get(election=election, unit__slug="region-0").results.get(candidate__name="Bob Baker")
    line.votes, line.percent = 29, "37.18"  # as the shell would: a plain save, no write path
    with django_capture_on_commit_callbacks(execute=True):  # the pages are emptied once the save commits
        line.save()
    for url in pages:
        response = client.get(url)
        assert response.get("X-Cache") != "hit", url
    assert ">29</td>" in client.get(pages[1]).content.decode()


def test_unit_lines_changed_by_update_empty_the_election_and_unit_pages(
    client, make_regional, django_capture_on_commit_callbacks
):
    election = make_regional(2)
    pages = [election.get_absolute_url(), f"/elections/{election.slug}/region-0/"]
    for url in pages:
        client.get(url)
        assert client.get(url).get("X-Cache") == "hit", url
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    with django_capture_on_commit_callbacks(execute=True):  # QuerySet.update() sends no post_save
        figures.results.filter(candidate__name="Bob Baker").update(votes=29, percent="37.18")
    for url in pages:
        assert client.get(url).get("X-Cache") != "hit", url
    assert ">29</td>" in client.get(pages[1]).content.decode()
