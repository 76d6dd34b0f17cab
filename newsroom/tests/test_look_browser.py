"""The look in Chromium: whole names in phone headlines, the front page's two columns, the new pages under axe."""

import pytest

from newsroom.tests.test_accessibility import VIEWPORTS, Audit, axe_source  # noqa: F401 - axe_source is a fixture

pytestmark = pytest.mark.browser

NAME_LINES = """() => Array.from(document.querySelectorAll("h1 .nobreak, .card-title .nobreak"))
    .map((span) => new Set(Array.from(span.getClientRects()).map((rect) => Math.round(rect.top))).size)"""


def test_a_hyphenated_name_stays_on_one_line_of_a_phones_headline(browser, transactional_db, demo, live_server):
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    try:
        page = context.new_page()
        for url in (demo.get_absolute_url(), "/"):
            page.goto(url)
            lines = page.evaluate(NAME_LINES)
            assert lines, url
            assert set(lines) == {1}, url
    finally:
        context.close()


def test_the_front_page_sets_the_latest_beside_the_lead_on_a_wide_screen(browser, transactional_db, demo, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto("/")
        lead, latest = page.locator(".lead-story").bounding_box(), page.locator(".latest").bounding_box()
        assert latest["x"] >= lead["x"] + lead["width"]
        assert abs(latest["y"] - lead["y"]) < 5
        assert page.locator(".lead-story img").evaluate("(img) => img.complete && img.naturalWidth > 0")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_about_and_privacy_pass_axe(axe_source, browser, transactional_db, demo, live_server, viewport):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    try:
        page = context.new_page()
        audit = Audit(page, axe_source, viewport)
        for url in ("/pages/about/", "/pages/privacy/"):
            page.goto(url)
            audit.check(url)
        audit.assert_clean()
    finally:
        context.close()
