import io
from decimal import Decimal

import time_machine
from django.core.management import call_command

from elections.history import changes
from elections.importing import import_results
from elections.models import Election

FINAL_CSV = "option,party,votes,percent\nAlice Able,,600,76.92\nBob Baker,,150,19.23\nAgainst all,,30,3.85\n"
CORRECTED_CSV = "option,party,votes,percent\nAlice Able,,590,75.64\nBob Baker,,160,20.51\nAgainst all,,30,3.85\n"


def test_every_change_of_figures_keeps_the_earlier_version(make_election):
    election = make_election(lines=())
    import_results(election=election, text=FINAL_CSV)
    import_results(election=election, text=CORRECTED_CSV)
    first, second = election.revisions.all()
    assert first.figures["lines"][0] == {"label": "Alice Able", "votes": 600, "percent": "76.92"}
    assert second.figures["lines"][0] == {"label": "Alice Able", "votes": 590, "percent": "75.64"}
    assert first.figures["ballots_cast"] == 800


def test_the_same_figures_again_add_no_revision(make_election):
    election = make_election(lines=())
    import_results(election=election, text=FINAL_CSV)
    import_results(election=election, text=FINAL_CSV)
    assert election.revisions.count() == 1


def test_changing_final_results_without_a_note_is_refused(make_election):
    election = make_election(lines=(), status=Election.Status.FINAL)
    import_results(election=election, text=FINAL_CSV)
    report = import_results(election=election, text=CORRECTED_CSV)
    assert [problem.rule for problem in report.errors] == ["correction-has-note"]
    assert election.results.get(candidate__name="Alice Able").votes == 600


def test_a_correction_of_final_results_marks_them_corrected_and_shows_the_note(client, make_election):
    election = make_election(lines=(), status=Election.Status.FINAL)
    with time_machine.travel("2026-11-03 09:00Z"):
        import_results(election=election, text=FINAL_CSV)
    with time_machine.travel("2026-11-04 09:00Z"):
        report = import_results(election=election, text=CORRECTED_CSV, note="Ten ballots were moved to Bob Baker.")
    assert report.applied
    election.refresh_from_db()
    assert election.status == Election.Status.CORRECTED
    page = client.get(election.get_absolute_url()).content.decode()
    assert "Ten ballots were moved to Bob Baker." in page
    assert "Alice Able: <del>600</del> → <ins>590</ins>" in page
    assert "Bob Baker: <del>19.23%</del> → <ins>20.51%</ins>" in page
    assert "Corrected results" in page
    data = client.get(f"/elections/{election.slug}/results.json").json()
    assert data["corrections"] == [{"at": "2026-11-04T09:00:00+00:00", "note": "Ten ballots were moved to Bob Baker."}]
    assert data["status"] == "corrected"


def test_preliminary_figures_change_freely_without_a_note(make_election):
    election = make_election(lines=())
    import_results(election=election, text=FINAL_CSV)
    assert import_results(election=election, text=CORRECTED_CSV).applied


def test_a_corrected_turnout_is_logged_as_a_percentage():
    (change,) = changes({"turnout_reported": "69.44", "lines": []}, {"turnout_reported": "69.45", "lines": []})
    assert change.is_percent and change.numbers == (Decimal("69.44"), Decimal("69.45"))


def test_loading_the_demo_twice_records_one_revision(demo, seed):
    call_command("load_demo", stdout=io.StringIO())
    assert seed.revisions.count() == 1


def test_statements_are_ordered_without_joining_the_election(db):
    from elections.models import Statement

    assert "JOIN" not in str(Statement.objects.all().query)
