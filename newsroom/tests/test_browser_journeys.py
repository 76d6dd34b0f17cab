"""A reader, a moderator and an editor doing their jobs in a real Chromium."""

import urllib.request

import pytest

from articles.models import Article
from comments.models import Comment
from newsroom.tests.conftest import admin_login

pytestmark = pytest.mark.browser

REPLY = "The turnout figure matches the commission's own table."


def post_reply_from_home_page(page, *, title: str) -> None:
    page.goto("/")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_selector("#reply-form")
    page.fill("#id_name", "Aigerim")
    page.fill("#id_email", "aigerim@reader.test")
    page.fill("#id_body", REPLY)
    page.click("#reply-form [type=submit]")


def test_reader_reply_is_held_then_approved_by_a_moderator(transactional_db, demo, moderator, new_browser_page):
    reader = new_browser_page()
    post_reply_from_home_page(reader, title=demo.title)
    reader.get_by_text("Your reply is awaiting moderation").wait_for()
    assert REPLY not in reader.locator("#replies .approved-thread").inner_text()
    # Only its author sees the held reply, fetched from outside the cached page.
    reader.locator("#own-replies").get_by_text(REPLY).wait_for()
    reply = Comment.objects.get(body=REPLY)
    assert reply.status == Comment.Status.PENDING

    desk = new_browser_page()
    admin_login(desk, moderator.username)
    desk.goto("/admin/comments/comment/?status__exact=pending")
    desk.check(f"input[name=_selected_action][value='{reply.pk}']")
    desk.select_option("select[name=action]", "approve")
    desk.click("button[name=index]")
    desk.get_by_text("1 reply marked as Approved.").wait_for()

    reader.goto(demo.get_absolute_url())
    assert REPLY in reader.locator(f"#reply-{reply.pk}").inner_text()
    assert "aigerim@reader.test" not in reader.content()
    reply.refresh_from_db()
    assert (reply.status, reply.moderated_by) == (Comment.Status.APPROVED, moderator)
    assert not reader.watch.errors and not desk.watch.errors


def choose_autocomplete(page, field: str, text: str) -> None:
    page.click(f"[aria-labelledby=select2-id_{field}-container]")
    page.fill(".select2-dropdown .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")
    assert page.locator(f"#select2-id_{field}-container").inner_text().endswith(text)


PASTE = """(editor, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "");
    editor.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def paste_into_editor(page, html: str) -> None:
    """Paste HTML into the admin's rich text editor as a browser paste would."""
    editor = page.locator(".tiptap.ProseMirror").first
    editor.click()
    editor.evaluate(PASTE, html)


def test_editor_publishes_an_article_that_a_reader_finds_on_the_home_page(
    transactional_db, section, editor, new_browser_page
):
    desk = new_browser_page()
    admin_login(desk, editor.username)
    desk.goto("/admin/articles/article/add/")
    desk.fill("#id_title", "Polls close in Astana")
    choose_autocomplete(desk, "section", section.name)
    desk.fill("#id_summary", "Counting has begun at ten thousand polling stations.")
    paste_into_editor(
        desk, '<p>Counting has begun.</p><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    )
    desk.select_option("#id_status", Article.Status.PUBLISHED)
    desk.click("input[name=_save]")
    desk.wait_for_url("**/admin/articles/article/")
    assert not desk.watch.errors

    reader = new_browser_page()
    reader.goto("/")
    reader.get_by_role("link", name="Polls close in Astana").click()
    reader.wait_for_url("**/news/polls-close-in-astana/")
    assert "Counting has begun." in reader.locator(".article-body").inner_text()
    assert reader.evaluate("window.pwned") is None
    assert Article.objects.published().filter(slug="polls-close-in-astana").exists()


def test_reader_replies_from_a_cached_article_page(transactional_db, demo, live_server, new_browser_page):
    url = demo.get_absolute_url()
    with urllib.request.urlopen(live_server.url + url) as first:  # noqa: S310 - the test's own live server
        assert first.headers["X-Cache"] == "miss"
    reader = new_browser_page()
    asked_for_token = []
    reader.on("request", lambda request: "/csrf/" in request.url and asked_for_token.append(request.url))
    page = reader.goto(url)
    assert page.headers["x-cache"] == "hit"
    assert "csrfmiddlewaretoken" not in page.text()
    assert asked_for_token == []  # reading costs no extra request

    reader.fill("#id_name", "Aigerim")
    reader.fill("#id_email", "aigerim@reader.test")
    reader.fill("#id_body", "Sent from the page every reader shares.")
    reader.click("#reply-form [type=submit]")
    reader.get_by_text("Your reply is awaiting moderation").wait_for()
    assert len(asked_for_token) == 1
    reply = Comment.objects.get(body="Sent from the page every reader shares.")
    assert reply.status == Comment.Status.PENDING
    # The page the reader came back to was theirs (it showed their message); the next one is shared again.
    assert reader.goto(url).headers["x-cache"] == "hit"
    assert not reader.watch.errors
