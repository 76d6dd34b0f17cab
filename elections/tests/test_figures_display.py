"""After a save the desk sees its figures as its language writes them, and the ones the page derived."""

import pytest
from django.urls import reverse

from elections.tests.test_admin import _form_data


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def _page(desk, election, language: str) -> str:
    desk.cookies["django_language"] = language
    return desk.get(reverse("admin:elections_election_change", args=[election.pk])).content.decode()


def test_saved_counts_and_shares_come_back_grouped_as_the_language_writes_them(desk, make_election):
    election = make_election(registered_voters=11_950_627, ballots_cast=8_000_000, valid_votes_reported=None,
                             invalid_ballots_reported=20, turnout_reported="66.94")  # fmt: skip
    english, russian = _page(desk, election, "en"), _page(desk, election, "ru")
    assert 'value="11,950,627"' in english and 'value="66.94"' in english
    assert 'value="11\xa0950\xa0627"' in russian and 'value="66,94"' in russian
    assert 'value="76,92"' in russian  # a line's share


def test_derived_valid_votes_and_turnout_are_shown_read_only(desk, make_election):
    election = make_election(registered_voters=1_000_000, ballots_cast=800_000, valid_votes_reported=None,
                             invalid_ballots_reported=20_000, lines=())  # fmt: skip
    page = _page(desk, election, "en")
    assert "780,000" in page and "80.00" in page
    assert 'name="derived_valid_votes"' not in page  # shown, not an input


def test_figures_posted_back_as_shown_save_unchanged(desk, make_election):
    election = make_election(registered_voters=11_950_627)
    url = reverse("admin:elections_election_change", args=[election.pk])
    desk.cookies["django_language"] = "ru"
    data = _form_data(desk.get(url))
    data.update({"registered_voters": "11\xa0950\xa0627", "ballots_cast": "800", "results-0-percent": "76,92"})
    assert desk.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.registered_voters == 11_950_627
    assert str(election.results.get(position=0).percent) == "76.92"
