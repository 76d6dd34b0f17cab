"""One test per rule: the seed passes them all; each contradiction is named."""

from decimal import Decimal

from elections.models import Election
from elections.validation import RULES, Line, check_figures, errors, lines_of, warnings


def _rules(problems) -> set[str]:
    return {problem.rule for problem in problems}


def _lines(*rows) -> list[Line]:
    return [
        Line(number, label, votes, None if percent is None else Decimal(percent))
        for number, (label, votes, percent) in enumerate(rows, start=1)
    ]


GOOD = (("Alice Able", 600, "76.92"), ("Bob Baker", 150, "19.23"), ("Against all", 30, "3.85"))


def _election(**fields) -> Election:
    figures = {
        "registered_voters": 1000,
        "ballots_cast": 800,
        "valid_votes_reported": 780,
        "invalid_ballots_reported": 20,
        **fields,
    }
    return Election(name="Test", slug="test", authority_name="Board", **figures)


def test_the_seed_election_passes_every_check(seed):
    assert check_figures(seed, lines_of(seed)) == []


def test_consistent_figures_pass_every_check():
    assert check_figures(_election(), _lines(*GOOD)) == []


def test_every_rule_has_a_name_and_a_description():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.description for rule in RULES)


def test_shares_summing_past_100_beyond_rounding_are_refused():
    problems = check_figures(_election(), _lines(("Alice Able", None, "80"), ("Bob Baker", None, "20.11")))
    assert _rules(problems) == {"shares-sum-to-100"}
    assert "100.11%" in str(problems[0]) and "shares-sum-to-100" in str(problems[0])


def test_shares_over_100_within_rounding_pass():
    assert check_figures(_election(), _lines(("Alice Able", None, "80.05"), ("Bob Baker", None, "20.05"))) == []


def test_votes_over_ballots_cast_are_refused_naming_the_line():
    problems = errors(check_figures(_election(), _lines(GOOD[0], ("Bob Baker", 900, "19.23"), GOOD[2])))
    assert "votes-within-ballots" in _rules(problems)
    message = next(str(p) for p in problems if p.rule == "votes-within-ballots")
    assert message.startswith("Line 2 (Bob Baker)")
    assert "900 votes is more than the 800 ballots cast" in message


def test_votes_over_valid_votes_are_refused_when_shares_are_of_valid_votes():
    problems = check_figures(_election(), _lines(("Alice Able", 790, "100")))
    assert "votes-within-ballots" in _rules(problems)
    assert "790 votes is more than the 780 valid votes" in " ".join(map(str, problems))


def test_lines_together_over_their_denominator_are_refused():
    problems = check_figures(_election(), _lines(("Alice Able", 600, None), ("Bob Baker", 300, None)))
    assert "votes-sum-within-denominator" in _rules(problems)


def test_valid_plus_invalid_different_from_ballots_cast_is_refused():
    problems = check_figures(_election(invalid_ballots_reported=25), _lines(*GOOD))
    assert _rules(errors(problems)) == {"valid-plus-invalid-is-ballots"}
    assert "780 valid votes + 25 invalid ballots is not 800 ballots cast" in str(problems[0])


def test_valid_votes_over_ballots_cast_are_refused():
    problems = check_figures(_election(valid_votes_reported=900, invalid_ballots_reported=None), [])
    assert "valid-plus-invalid-is-ballots" in _rules(problems)


def test_a_share_that_disagrees_with_its_votes_is_refused():
    problems = check_figures(_election(), _lines(GOOD[0], ("Bob Baker", 150, "18.75"), GOOD[2]))
    assert _rules(problems) == {"share-matches-votes"}
    assert "Line 2 (Bob Baker)" in str(problems[0]) and "(19.23%)" in str(problems[0])


def test_shares_of_ballots_cast_are_checked_against_ballots_cast():
    election = _election(share_basis=Election.ShareBasis.BALLOTS_CAST)
    assert "share-matches-votes" in _rules(check_figures(election, _lines(*GOOD)))
    assert check_figures(election, _lines(("Alice Able", 600, "75"), ("Bob Baker", 150, "18.75"))) == []


def test_turnout_that_disagrees_with_ballots_and_registered_voters_is_refused():
    problems = check_figures(_election(turnout_reported=Decimal("81.00")), _lines(*GOOD))
    assert _rules(problems) == {"turnout-matches-ballots"}
    assert "(80.00%)" in str(problems[0])


def test_reported_turnout_within_rounding_passes():
    assert check_figures(_election(turnout_reported=Decimal("80.04")), _lines(*GOOD)) == []


def test_negative_counts_are_refused():
    problems = check_figures(_election(), _lines(("Alice Able", -5, "1")))
    assert "counts-not-negative" in _rules(problems)


def test_a_line_without_votes_or_share_is_refused():
    assert "line-has-a-figure" in _rules(check_figures(_election(), _lines(("Alice Able", None, None))))


def test_a_share_over_100_is_refused():
    assert "share-at-most-100" in _rules(check_figures(_election(), _lines(("Alice Able", None, "100.5"))))


def test_the_same_candidate_twice_is_refused():
    problems = check_figures(_election(), _lines(("Alice Able", None, "40"), ("alice able", None, "40")))
    assert "one-line-per-option" in _rules(problems)


def test_more_stations_abroad_than_in_all_is_refused():
    election = _election(polling_stations=10, polling_stations_abroad=11)
    assert _rules(check_figures(election, _lines(*GOOD))) == {"stations-abroad-within-total"}


def test_many_invalid_ballots_only_warn():
    election = _election(valid_votes_reported=760, invalid_ballots_reported=40)
    lines = _lines(("Alice Able", 600, "78.95"), ("Bob Baker", 160, "21.05"))
    problems = check_figures(election, lines)
    assert errors(problems) == []
    assert _rules(warnings(problems)) == {"invalid-ballots-high"}
    assert "5.00%" in str(problems[0])


def test_turnout_over_100_only_warns():
    election = _election(registered_voters=700)
    problems = check_figures(election, _lines(*GOOD))
    assert errors(problems) == []
    assert _rules(warnings(problems)) == {"turnout-over-100"}


def test_hard_problems_come_before_warnings():
    election = _election(registered_voters=700, invalid_ballots_reported=30)
    problems = check_figures(election, _lines(*GOOD))
    assert [(problem.rule, problem.hard) for problem in problems] == [
        ("valid-plus-invalid-is-ballots", True),
        ("invalid-ballots-high", False),
        ("turnout-over-100", False),
    ]


def test_without_a_denominator_swapped_shares_are_refused_by_the_lines_themselves():
    # No valid-votes figure at all: the lines must still imply one denominator and one order.
    election = _election(ballots_cast=None, valid_votes_reported=None, invalid_ballots_reported=None)
    swapped = _lines(("Alice Able", 600, "19.23"), ("Bob Baker", 150, "76.92"), ("Against all", 30, "3.85"))
    problems = errors(check_figures(election, swapped))
    assert {"lines-imply-one-denominator", "votes-order-matches-shares"} <= _rules(problems)
    messages = [str(problem) for problem in problems]
    assert (
        "Line 2 (Bob Baker), rule “votes-order-matches-shares”: 150 votes has a larger share (76.92%) than "
        "Alice Able with 600 votes (19.23%): are two shares swapped?"
    ) in messages
    assert any(message.startswith("Line 2 (Bob Baker), rule “lines-imply-one-denominator”") for message in messages)


def test_without_a_denominator_consistent_lines_pass():
    election = _election(ballots_cast=None, valid_votes_reported=None, invalid_ballots_reported=None)
    assert errors(check_figures(election, _lines(*GOOD))) == []


def test_a_wrong_denominator_is_reported_once_not_again_per_share():
    problems = check_figures(_election(valid_votes_reported=700), _lines(*GOOD))
    assert _rules(errors(problems)) == {"valid-plus-invalid-is-ballots"}
    assert "4 errors that follow from it are not listed" in str(problems[0])


def test_share_errors_are_listed_when_the_denominator_is_sound():
    problems = check_figures(_election(), _lines(GOOD[0], ("Bob Baker", 150, "18.75"), GOOD[2]))
    assert "share-matches-votes" in _rules(problems)
