"""The embeddable results size their frame on someone else's page, in a real Chromium."""

import pytest

from newsroom.tests.conftest import launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium():
    # One Chromium for this test: other browser tests of this app run their own Playwright.
    yield from launch_chromium()


def test_the_embed_reports_its_height_and_the_host_frame_fits_it(transactional_db, demo, live_server, chromium):
    embed = f"{live_server.url}/elections/kazakhstan-presidential-election-2022/embed/"
    # The host page is served by the test itself; Chromium would keep a page of another
    # address from loading this machine's server at all.
    host_url = f"{live_server.url}/a-host-page/"
    host = (
        '<!doctype html><html lang="en"><title>A host</title><body>'
        f'<iframe src="{embed}" title="Results" width="640" height="300"></iframe>'
        f'<script src="{live_server.url}/static/js/embed-host.js"></script></body></html>'
    )
    page = chromium.new_page(viewport={"width": 800, "height": 900})
    try:
        page.route(host_url, lambda route: route.fulfill(body=host, content_type="text/html"))
        page.goto(host_url)
        page.wait_for_function("document.querySelector('iframe').getAttribute('height') !== '300'")
        frame = page.frame_locator("iframe").locator("html")
        inner = frame.evaluate("element => element.scrollHeight")
        assert int(page.get_attribute("iframe", "height")) == inner
        assert inner > 300  # the chart and table were cut off at the old height
    finally:
        page.close()
