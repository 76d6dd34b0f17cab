"""The body editor's newsroom buttons in a real Chromium: one of the article's images, a link to our articles."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, ArticleImage
from newsroom.tests.conftest import admin_login

pytestmark = pytest.mark.browser


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("square.png", buffer.getvalue(), content_type="image/png")


def test_editor_inserts_an_article_image_and_links_one_of_our_articles(
    transactional_db, new_browser_page, editor, make_article, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    target = make_article(title="Turnout reached a record", slug="turnout-record")
    article = make_article(status=Article.Status.DRAFT, title="Count begins", body="<p>Counting began today.</p>")
    ArticleImage.objects.create(
        article=article, image=_png(), alt="A red square", caption="The count", credit="Photo: CEC"
    )
    page = new_browser_page()
    admin_login(page, editor.username)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    body = page.locator(".tiptap.ProseMirror")
    expect(body).to_contain_text("Counting began today.")

    body.click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Insert one of this article's images").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("select").select_option("A red square")
    dialog.get_by_role("button", name="Insert").click()
    expect(body.locator("figure img[alt='A red square']")).to_have_count(1)
    expect(body.locator("figure figcaption")).to_contain_text("Photo: CEC")

    body.locator("p", has_text="Counting began today.").click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")  # the words to link
    page.get_by_role("button", name="Link to one of our articles").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("input").fill("turnout record")
    dialog.get_by_role("button", name="Search").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    expect(dialog.locator("select")).to_have_value("Turnout reached a record")
    dialog.get_by_role("button", name="Insert").click()
    expect(body.locator(f"a[href='{target.get_absolute_url()}']")).to_have_count(1)

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert 'alt="A red square"' in article.body and "Photo: CEC" in article.body
    assert f'href="{target.get_absolute_url()}"' in article.body
    assert page.watch.errors == []
    # No script refused by the CSP (the extension module loads from 'self' through the import map).
    assert not [error for error in page.watch.console_errors if "script-src" in error]
