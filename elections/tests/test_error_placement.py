"""Each refused figure is shown where it is: at its field, at its line's row; the cause once, not its echoes."""

import pytest
from django.urls import reverse

from elections.tests.test_admin import _form_data, _row


@pytest.fixture
def change(client, editor, make_election):
    client.force_login(editor)
    election = make_election()
    url = reverse("admin:elections_election_change", args=[election.pk])
    return client, url, _form_data(client.get(url))


def _places(response) -> tuple[dict, list, list]:
    """The figures form's errors, the lines' own list, and each row's errors."""
    form = response.context["adminform"].form
    results = next(inline.formset for inline in response.context["inline_admin_formsets"]
                   if inline.formset.prefix == "results")  # fmt: skip
    return form.errors, list(results.non_form_errors()), [form.errors for form in results.forms]


def test_a_wrong_valid_vote_count_is_one_error_at_its_field(change):
    client, url, data = change
    data["valid_votes_reported"] = "700"  # 700 + 20 is not 800, and every share of 700 disagrees
    response = client.post(url, data)
    assert response.status_code == 200
    figures, lines, rows = _places(response)
    assert list(figures) == ["valid_votes_reported"]
    [message] = figures["valid_votes_reported"]
    assert "valid-plus-invalid-is-ballots" in message
    assert "errors that follow from it are not listed" in message
    assert lines == [] and not any(rows)


def test_a_wrong_turnout_is_shown_at_the_turnout(change):
    client, url, data = change
    data["turnout_reported"] = "90"
    figures, lines, rows = _places(client.post(url, data))
    assert "turnout-matches-ballots" in figures["turnout_reported"][0]
    assert lines == [] and not any(rows)


def test_a_line_error_is_shown_at_its_row(change):
    client, url, data = change
    prefix = _row(data, "Bob Baker")
    data[f"{prefix}-percent"] = "19.33"
    figures, lines, rows = _places(client.post(url, data))
    index = int(prefix.rsplit("-", 1)[1])
    assert "share-matches-votes" in rows[index]["percent"][0]
    assert not figures and lines == []
    assert [errors for number, errors in enumerate(rows) if errors and number != index] == []


def test_shares_past_100_together_stay_above_the_lines(change):
    client, url, data = change
    for name in ("Alice Able", "Bob Baker"):
        data[f"{_row(data, name)}-votes"] = ""
    data[f"{_row(data, 'Alice Able')}-percent"] = "90"
    figures, lines, rows = _places(client.post(url, data))
    assert any("shares-sum-to-100" in line for line in lines)


def test_a_missing_correction_note_is_asked_for_at_the_note(change):
    client, url, data = change
    data["status"] = "final"
    assert client.post(url, data).status_code == 302
    data = _form_data(client.get(url))
    data[f"{_row(data, 'Alice Able')}-votes"] = "601"
    data[f"{_row(data, 'Alice Able')}-percent"] = "77.05"
    data[f"{_row(data, 'Bob Baker')}-votes"] = "149"
    data[f"{_row(data, 'Bob Baker')}-percent"] = "19.10"
    figures, lines, rows = _places(client.post(url, data))
    assert "correction-has-note" in figures["correction_note"][0]
    assert lines == []


def test_a_unit_page_shows_its_own_figures_errors_at_their_fields(client, editor, make_regional):
    from elections.models import UnitFigures

    client.force_login(editor)
    election = make_regional(2)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    url = reverse("admin:elections_unitfigures_change", args=[figures.pk])
    data = _form_data(client.get(url))
    data["valid_votes_reported"] = "70"  # 70 + 2 is not 80
    response = client.post(url, data)
    form = response.context["adminform"].form
    assert list(form.errors) == ["valid_votes_reported"]
    assert "Region 0: Rule “valid-plus-invalid-is-ballots”" in form.errors["valid_votes_reported"][0]
    results = response.context["inline_admin_formsets"][0].formset
    assert not any(row.errors for row in results.forms)
    figures.refresh_from_db()
    assert figures.valid_votes_reported == 78
