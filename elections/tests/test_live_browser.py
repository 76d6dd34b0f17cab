"""The election page refreshes its figures by itself while the count is open."""

import pytest
from django.utils import timezone

from elections.models import Election

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own
    # ORM calls are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        try:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium")
        except Exception as error:  # noqa: BLE001 - no browser here: skip, do not fail
            pytest.skip(f"Chromium cannot start: {error}")
        page = browser.new_page()
        yield page
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_open_count_updates_figures_without_a_reload(live_server, browser_page, make_election):
    election = make_election(status=Election.Status.COUNTING, date=timezone.localdate())
    answers = []
    browser_page.on("response", lambda response: "/live/" in response.url and answers.append(response.status))
    browser_page.clock.install()
    browser_page.goto(live_server.url + election.get_absolute_url())
    assert browser_page.locator(".results-table").inner_text().count("600") == 1
    browser_page.clock.run_for(31_000)
    playwright.expect(browser_page.locator(".live-note")).to_contain_text("Figures updated")
    election.results.filter(candidate__name="Bob Baker").update(votes=151)
    browser_page.clock.run_for(31_000)
    playwright.expect(browser_page.locator(".results-table")).to_contain_text("151")
    browser_page.clock.run_for(31_000)
    browser_page.wait_for_timeout(300)
    assert answers[:3] == [200, 200, 304]
    assert browser_page.locator("[style]").count() == 0
