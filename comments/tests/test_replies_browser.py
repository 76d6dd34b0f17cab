"""In a real browser: "Reply to NAME" fills the form in place, and the reader sees their own pending reply."""

import pytest

from comments.models import Comment

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(monkeypatch):
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
def test_reader_replies_to_a_reply_and_sees_it_awaiting_moderation(live_server, browser_page, demo, make_reply):
    parent = make_reply(name="Aigerim", body="The first word")
    problems = []
    # Script errors and Content-Security-Policy refusals; a missing favicon is not ours.
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.on("console", lambda message: "Refused" in message.text and problems.append(message.text))
    browser_page.goto(live_server.url + demo.get_absolute_url())
    browser_page.click(f"a.reply-to[data-reply-id='{parent.pk}']")
    playwright.expect(browser_page.locator("#replying-to")).to_contain_text("Replying to Aigerim")
    browser_page.fill("#id_name", "Bolat")
    browser_page.fill("#id_email", "bolat@example.com")
    browser_page.fill("#id_body", "An answer from the browser")
    browser_page.click("#reply-form [type=submit]")
    playwright.expect(browser_page.locator(".own-replies")).to_contain_text("Awaiting moderation")
    playwright.expect(browser_page.locator(".own-replies")).to_contain_text("An answer from the browser")
    assert Comment.objects.get(name="Bolat").parent_id == parent.pk
    assert problems == []
