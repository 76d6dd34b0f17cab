"""In a real Chromium: a wrong valid-vote count is one error, shown at the valid votes field."""

import pytest
from django.urls import reverse

from newsroom.tests.conftest import STAFF_PASSWORD, admin_login, launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium():
    yield from launch_chromium()


def test_a_wrong_valid_vote_count_shows_one_error_at_its_field(transactional_db, live_server, chromium, editor,
                                                               make_election):  # fmt: skip
    election = make_election()
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    admin_login(page, editor.username, STAFF_PASSWORD)
    page.goto(reverse("admin:elections_election_change", args=[election.pk]))
    page.fill("#id_valid_votes_reported", "700")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")

    errors = page.locator(".errorlist li")
    assert errors.count() == 1
    field_row = page.locator(".field-valid_votes_reported")
    assert "valid-plus-invalid-is-ballots" in field_row.locator(".errorlist").inner_text()
    assert page.input_value("#id_valid_votes_reported") == "700"  # as typed
    election.refresh_from_db()
    assert election.valid_votes_reported == 780
    context.close()
