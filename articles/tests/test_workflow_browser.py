"""The workflow buttons per role and the soft edit lock, in a real Chromium."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from newsroom.tests.conftest import admin_login

pytestmark = pytest.mark.browser


def _buttons(page) -> list[str]:
    return [text.strip() for text in page.locator(".workflow-row button").all_inner_texts()]


def test_reporter_submits_and_editor_publishes_with_the_lock_shown(
    transactional_db, new_browser_page, reporter, editor, make_article
):
    article = make_article(status=Article.Status.DRAFT, title="Draft story")
    url = f"/admin/articles/article/{article.pk}/change/"

    rita = new_browser_page()
    admin_login(rita, reporter.username)
    rita.goto(url)
    expect(rita.locator("#article-status")).to_contain_text("Draft")
    assert _buttons(rita) == ["Submit for review"]
    # A refused save keeps what was chosen, the status included.
    rita.fill("#id_title", "")
    rita.select_option("#id_status", "in_review")
    rita.click("input[name=_continue]")
    expect(rita.locator(".errornote")).to_be_visible()
    assert rita.locator("#id_status").input_value() == "in_review"
    rita.fill("#id_title", "Finished story")
    rita.get_by_role("button", name="Submit for review").click()
    expect(rita.locator(".messagelist")).to_contain_text("Submitted for review")
    expect(rita.locator("#article-status")).to_contain_text("In review")
    assert _buttons(rita) == []

    erin = new_browser_page()
    admin_login(erin, editor.username)
    erin.goto(url)
    expect(erin.locator(".article-presence")).to_contain_text(f"{reporter.username} opened this article at")
    assert _buttons(erin) == ["Return to draft", "Publish now", "Schedule"]
    erin.get_by_role("button", name="Publish now").click()
    expect(erin.locator("#article-status")).to_contain_text("Published, live since")
    assert _buttons(erin) == ["Unpublish"]
    article.refresh_from_db()
    assert article.is_live and article.title == "Finished story"
    assert erin.watch.errors == [] and rita.watch.errors == []
