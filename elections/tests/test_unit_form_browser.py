"""The desk enters one unit's figures with the keyboard alone, and the checks run as it saves."""

import os
import shutil

import pytest
from django.urls import reverse

from elections.models import UnitFigures

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture
def keyboard_page(monkeypatch):
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("CI=true and no Chromium on PATH")
        pytest.skip("No Chromium on PATH")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


def _tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the field has the focus, as someone at the desk would."""
    for _press in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


@pytest.mark.django_db(transaction=True)
def test_a_unit_is_entered_by_keyboard_and_checked_on_save(live_server, keyboard_page, editor, make_regional):
    election = make_regional(2)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    page = keyboard_page
    page.goto(live_server.url + "/admin/login/")
    page.keyboard.type("erin")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + reverse("admin:elections_unitfigures_change", args=[figures.pk]))

    _tab_to(page, "id_ballots_cast")
    page.keyboard.press("Control+A")
    page.keyboard.type("90")
    page.keyboard.press("Enter")
    playwright.expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    playwright.expect(page.locator("body")).to_contain_text("Region 0: Rule “valid-plus-invalid-is-ballots”")
    figures.refresh_from_db()
    assert figures.ballots_cast == 80  # refused: nothing written

    _tab_to(page, "id_ballots_cast")
    page.keyboard.press("Control+A")
    page.keyboard.type("8 0")  # a typo the parser refuses rather than guesses
    page.keyboard.press("Enter")
    playwright.expect(page.locator("body")).to_contain_text("is not a whole count")
    _tab_to(page, "id_ballots_cast")
    page.keyboard.press("Control+A")
    page.keyboard.type("80")
    _tab_to(page, "id_announced_at_0")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/elections/unitfigures/")
    playwright.expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
