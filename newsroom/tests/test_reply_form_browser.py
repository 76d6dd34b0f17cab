"""The reply form in Chromium, with and without JavaScript, posted from a cached article page."""

import pytest

from comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_page(browser, live_server, settings):
    settings.NEWSROOM_REPLY_MIN_SECONDS = 0
    contexts = []

    def open_(*, javascript: bool):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def test_without_javascript_a_refused_reply_opens_at_its_errors_and_a_good_one_awaits_moderation(open_page, demo):
    from playwright.sync_api import expect

    page = open_page(javascript=False)
    page.goto(demo.get_absolute_url())
    page.goto(demo.get_absolute_url())  # now from the page cache: no CSRF token on it
    page.fill("#id_email", "not-an-email")
    page.click("#reply-form [type=submit]")

    assert page.url.endswith("#leave-a-reply")  # the answer opens at the form, its summary in view
    summary = page.locator(".error-summary")
    expect(summary).to_be_in_viewport()
    page.keyboard.press("Tab")  # from the form's anchor, the next stop is the summary's first link
    expect(summary.locator("a").first).to_be_focused()
    expect(summary.locator("a[href='#id_email']")).to_have_text("Enter a valid email address.")
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    assert email.evaluate("field => getComputedStyle(field).borderTopWidth") == "2px"  # marked, not grey

    page.fill("#id_name", "Bolat")
    page.fill("#id_email", "bolat@example.com")
    page.fill("#id_body", "Posted with scripts off.")
    page.click("#reply-form [type=submit]")
    expect(page.locator("#replies .messages")).to_contain_text("Your reply is awaiting moderation.")
    assert Comment.objects.get(name="Bolat").status == Comment.Status.PENDING


def test_with_javascript_a_long_paste_is_counted_kept_whole_and_refused_by_the_server(open_page, demo):
    from playwright.sync_api import expect

    page = open_page(javascript=True)
    page.goto(demo.get_absolute_url())
    page.fill("#id_name", "Dana")
    page.fill("#id_email", "dana@example.com")
    page.fill("#id_body", "x" * 6000)
    expect(page.locator("#id_body_count")).to_have_text("1,000 characters too many")
    assert page.locator("#id_body").evaluate("field => field.value.length") == 6000
    page.click("#reply-form [type=submit]")

    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary a[href='#id_body']")).to_contain_text("at most 5000 characters")
    assert page.locator("#id_body").evaluate("field => field.value.length") == 6000  # nothing cut
    assert not Comment.objects.filter(name="Dana").exists()
