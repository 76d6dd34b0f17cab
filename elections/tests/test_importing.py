import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from elections.importing import check_file, import_results
from elections.models import Candidate, Election, Result

GOOD_CSV = """option,party,votes,percent
Alice Able,Blue Party,600,"76,92 %"
Bob Baker,,150,19.23
Carol Cole,Green Party,0,
Against all,,30,3.85
"""


def _figures(election: Election) -> list[tuple]:
    return [(result.label, result.votes, result.percent) for result in election.results.ranked()]


def _command(path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_results", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_replaces_the_lines_and_creates_new_candidates(make_election):
    election = make_election(lines=())
    report = import_results(election=election, text=GOOD_CSV)
    assert report.applied and report.errors == []
    assert _figures(election) == [
        ("Alice Able", 600, Decimal("76.92")),
        ("Bob Baker", 150, Decimal("19.23")),
        ("Against all", 30, Decimal("3.85")),
        ("Carol Cole", 0, Decimal("0.00")),
    ]
    assert Candidate.objects.get(name="Carol Cole").party == "Green Party"
    assert election.results.get(option=Result.Option.AGAINST_ALL).candidate is None


def test_candidates_are_matched_by_name_whatever_the_case(make_election):
    election = make_election()
    import_results(election=election, text=GOOD_CSV.replace("Alice Able", "ALICE ABLE"))
    assert Candidate.objects.filter(name__iexact="alice able").count() == 1


def test_a_file_with_one_bad_line_writes_nothing_and_names_every_problem(make_election):
    election = make_election()
    before = _figures(election)
    text = GOOD_CSV.replace("150,19.23", "1.5,19.23").replace('"76,92 %"', "7.6.9")
    report = import_results(election=election, text=text)
    assert not report.applied
    assert [problem.rule for problem in report.errors] == ["percent-readable", "votes-readable"]
    assert str(report.errors[0]).startswith("Line 2 (Alice Able)")
    assert str(report.errors[1]).startswith("Line 3 (Bob Baker)")
    assert _figures(election) == before


def test_contradicting_figures_in_a_file_are_refused_with_the_line_and_rule(make_election):
    election = make_election()
    report = import_results(election=election, text=GOOD_CSV.replace("150,19.23", "150,25"))
    messages = [str(problem) for problem in report.errors]
    assert (
        "Line 3 (Bob Baker), rule “share-matches-votes”: 25% disagrees with 150 votes of 780 valid votes (19.23%)."
        in messages
    )
    assert "Rule “shares-sum-to-100”: the shares add up to 105.77%, more than 100% beyond rounding (0.20)." in messages
    assert not Candidate.objects.filter(name="Carol Cole").exists()


def test_a_file_without_the_header_is_refused(make_election):
    report = check_file(election=make_election(), text="name,votes\nAlice,1\n")
    assert [problem.rule for problem in report.errors] == ["csv-header"]


def test_semicolon_files_from_spreadsheets_are_read(make_election):
    election = make_election(lines=())
    text = "option;party;votes;percent\nAlice Able;;600;76,92\nBob Baker;;150;19,23\nAgainst all;;30;3,85\n"
    assert import_results(election=election, text=text).applied
    assert len(_figures(election)) == 3


def test_a_missing_share_needs_a_denominator(make_election):
    election = make_election(lines=(), valid_votes_reported=None, invalid_ballots_reported=None)
    report = check_file(election=election, text="option,party,votes,percent\nAlice Able,,600,\n")
    assert [problem.rule for problem in report.errors] == ["share-derivable"]


def test_the_command_imports_a_good_file(make_election, tmp_path):
    election = make_election(lines=())
    path = tmp_path / "results.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    out, _err = _command(path, "--election", "testville")
    assert "imported 4 result line(s) into testville" in out
    assert election.results.count() == 4


def test_the_command_dry_run_writes_nothing(make_election, tmp_path):
    election = make_election(lines=())
    path = tmp_path / "results.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    out, _err = _command(path, "--election", "testville", "--dry-run")
    assert "would import 4 result line(s)" in out
    assert election.results.count() == 0


def test_the_command_exits_non_zero_with_one_line_per_problem(make_election, tmp_path):
    election = make_election()
    path = tmp_path / "results.csv"
    path.write_text(GOOD_CSV.replace("150,19.23", "900,19.23").replace("30,3.85", "30,"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_results", str(path), "--election", "testville", stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert any("Line 3 (Bob Baker), rule “votes-within-ballots”" in line for line in lines)
    assert all(line.startswith(str(path)) for line in lines)
    assert "nothing was imported" in str(failure.value)
    assert election.results.get(candidate__name="Bob Baker").votes == 150


def test_the_command_refuses_an_unknown_election(db, tmp_path):
    path = tmp_path / "results.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    with pytest.raises(CommandError, match="No election"):
        _command(path, "--election", "nowhere")


def test_the_csv_export_imports_back_to_the_same_figures(client, seed):
    before = _figures(seed)
    exported = client.get(f"/elections/{seed.slug}/results.csv").content.decode()
    seed.results.all().delete()
    report = import_results(election=seed, text=exported)
    assert report.applied, report.problems
    assert _figures(seed) == before


def test_a_formula_in_a_name_is_neutralised_on_export_and_restored_on_import(client, make_election):
    election = make_election(lines=(("=HYPERLINK()", 600, "76.92"), ("Bob Baker", 150, "19.23"), (None, 30, "3.85")))
    exported = client.get(f"/elections/{election.slug}/results.csv").content.decode()
    assert "\n'=HYPERLINK()," in exported
    election.results.all().delete()
    assert import_results(election=election, text=exported).applied
    assert election.results.filter(candidate__name="=HYPERLINK()").exists()


def test_a_file_that_is_not_csv_is_refused_not_crashed(make_election):
    report = check_file(election=make_election(), text='option,party,votes,percent\n"Alice\x00 Able,,1,\n')
    assert report.errors
    assert not report.applied


def test_an_absurd_count_is_refused_before_it_reaches_the_database(make_election):
    report = import_results(election=make_election(), text=GOOD_CSV.replace("600,", "99999999999999999999,"))
    assert [problem.rule for problem in report.errors] == ["votes-readable"]
