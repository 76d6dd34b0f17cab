"""The head metadata in a real Chromium, under the site's CSP."""

import pytest

from newsroom.tests.conftest import browser, browser_page, new_browser_page  # noqa: F401 - shared fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_json_ld_is_read_as_data_and_trips_no_content_security_policy(browser_page, demo):  # noqa: F811
    page = browser_page
    page.goto(demo.get_absolute_url())
    page.wait_for_load_state("load")
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == demo.title
    feeds = page.evaluate("[...document.querySelectorAll('link[rel=alternate]')].map(link => link.type)")
    assert feeds.count("application/rss+xml") == 2  # the site's and the section's
    assert page.evaluate("document.querySelector('link[rel=canonical]').href").endswith(demo.get_absolute_url())
    assert [error for error in page.watch.console_errors if "Content Security Policy" in error] == []
    assert page.watch.errors == []
