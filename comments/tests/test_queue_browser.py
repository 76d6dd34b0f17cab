"""The moderator's queue in a real Chromium: fifteen pending replies cleared within WordPress's budget."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from newsroom.tests.conftest import admin_login

pytestmark = pytest.mark.browser

PENDING = 15
MAX_ACTIONS = 20  # clicks and key presses
MAX_LOADS = 3  # full page loads


@pytest.fixture
def queue(transactional_db, demo, moderator):
    Comment.objects.pending().update(status=Comment.Status.APPROVED)
    for number in range(PENDING):
        Comment.objects.create(
            article=demo,
            name=f"Reader {number}",
            email=f"reader{number}@example.com",
            body=f"Pending thought number {number}.",
            status=Comment.Status.PENDING,
            held_reason="first-time commenter",
            fingerprint=f"queue-{number}",
        )
    return moderator


def test_moderator_clears_fifteen_pending_replies_within_budget(new_browser_page, queue):
    page = new_browser_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    admin_login(page, queue.username)
    loads, actions = [], 0
    page.on("load", lambda: loads.append(page.url))
    rows = page.locator("#result_list tbody tr")

    page.goto("/admin/")
    page.click(".desk-queue-module .desk-pending-link")
    actions += 1
    expect(rows).to_have_count(PENDING)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(page.locator(".desk-queue-help")).to_contain_text("Keyboard shortcuts")

    page.keyboard.press("j")  # the second row becomes the one the keys act on
    actions += 1
    second = rows.nth(1).locator(".desk-meta strong").inner_text()
    page.keyboard.press("s")
    actions += 1
    expect(rows).to_have_count(PENDING - 1)
    assert Comment.objects.get(status=Comment.Status.SPAM).name == second

    page.keyboard.press("d")
    actions += 1
    expect(rows).to_have_count(PENDING - 2)

    page.keyboard.press("r")
    page.keyboard.type("Thank you, we have added the source.")
    page.keyboard.press("Control+Enter")
    actions += 2
    expect(rows).to_have_count(PENDING - 3)

    for left in range(PENDING - 4, -1, -1):
        page.keyboard.press("a")
        actions += 1
        expect(rows).to_have_count(left)
    expect(page.locator("[data-pending-count]").first).to_have_text("0")

    assert actions <= MAX_ACTIONS
    assert len(loads) <= MAX_LOADS, loads
    assert not Comment.objects.pending().exists()
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 1
    assert Comment.objects.filter(status=Comment.Status.REMOVED).count() == 1
    staff = Comment.objects.get(is_staff_reply=True, body="Thank you, we have added the source.")
    assert (staff.name, staff.email, staff.parent.status) == (queue.username, queue.email, Comment.Status.APPROVED)
    assert page.watch.errors == []
    assert not [error for error in page.watch.console_errors if "Content Security Policy" in error]


def test_without_javascript_a_row_button_posts_and_keeps_the_queue(browser, live_server, queue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        admin_login(page, queue.username)
        page.goto("/admin/comments/comment/?queue=pending&is_staff_reply__exact=0")
        page.locator("#result_list tbody tr").first.get_by_role("button", name="Approve").click()
        page.wait_for_load_state()
        assert page.url.endswith("/admin/comments/comment/?queue=pending&is_staff_reply__exact=0")
        expect(page.locator(".messagelist")).to_contain_text("Approved the reply by")
        expect(page.locator("#result_list tbody tr")).to_have_count(PENDING - 1)
    finally:
        context.close()
