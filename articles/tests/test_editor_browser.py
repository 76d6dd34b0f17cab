"""The admin's rich-text editor runs in a real browser under the site's CSP."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article

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
        yield browser.new_page()
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_editor_writes_the_body_in_the_rich_text_editor(live_server, browser_page, make_article):
    article = make_article(status=Article.Status.DRAFT, body="<p>Old words.</p>")
    user = User.objects.create_user("erin", "erin@newsroom.test", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    blocked = []
    browser_page.on("console", lambda message: "script-src" in message.text and blocked.append(message.text))
    browser_page.goto(f"{live_server.url}/admin/login/")
    browser_page.fill("#id_username", "erin")
    browser_page.fill("#id_password", "correct horse battery")
    browser_page.click("input[type=submit]")
    browser_page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = browser_page.locator(".tiptap.ProseMirror")
    playwright.expect(editor).to_contain_text("Old words.")
    editor.click()
    browser_page.keyboard.press("End")
    browser_page.keyboard.type(" New words.")
    browser_page.click("input[name=_save]")
    playwright.expect(browser_page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert "New words." in article.body
    assert blocked == []
