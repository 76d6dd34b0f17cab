"""The head metadata in a real Chromium, under the site's CSP."""

import pytest

from newsroom.tests.conftest import CHROMIUM_ARGS, find_chromium, in_ci

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(monkeypatch, live_server):
    # Its own Playwright for this test alone: the suite's session-wide browser
    # would keep an event loop running under the other apps' browser tests.
    path = find_chromium()
    if not path:
        if in_ci():
            pytest.fail("CI=true and no Chromium on PATH", pytrace=False)
        pytest.skip("No Chromium on PATH")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=live_server.url)
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        yield page
        browser.close()


def test_json_ld_is_read_as_data_and_trips_no_content_security_policy(browser_page, demo):
    page = browser_page
    page.goto(demo.get_absolute_url())
    page.wait_for_load_state("load")
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == demo.title
    feeds = page.evaluate("[...document.querySelectorAll('link[rel=alternate]')].map(link => link.type)")
    assert feeds.count("application/rss+xml") == 2  # the site's and the section's
    assert page.evaluate("document.querySelector('link[rel=canonical]').href").endswith(demo.get_absolute_url())
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []
