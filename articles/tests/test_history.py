"""Every save through the desk is kept, with who and when, and can be restored."""

import re

from django.urls import reverse
from reversion.models import Version

from articles.tests.conftest import article_form, change_url


def test_each_admin_save_keeps_a_version_with_its_author(client, editor, make_article):
    article = make_article(title="First")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Second"))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, title="Third"))
    versions = Version.objects.get_for_object(article)
    assert [version.field_dict["title"] for version in versions] == ["Third", "Second"]
    assert {version.revision.user for version in versions} == {editor}
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "erin" in history


def test_an_old_version_can_be_restored(client, editor, make_article):
    article = make_article(title="First")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Second"))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, title="Third"))
    second = Version.objects.get_for_object(article).last()
    url = reverse("admin:articles_article_revision", args=[article.pk, second.pk])
    page = client.get(url).content.decode()
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    article.refresh_from_db()
    response = client.post(url, article_form(article, title="Second", edit_token=token))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Second"


def test_workflow_actions_are_recorded_in_the_history(client, editor, make_article):
    article = make_article(status="in_review")
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk]}
    )
    version = Version.objects.get_for_object(article).first()
    assert version.revision.comment == "Published"
    assert version.revision.user == editor


def test_two_versions_are_compared_field_by_field(client, editor, make_article):
    article = make_article(title="First", body="<p>One.</p><p>Two.</p>")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Second"))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, body="<p>One.</p><p>Three.</p>"))
    newer, older = Version.objects.get_for_object(article)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert f'name="older" value="{older.pk}"' in history
    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = client.get(url, {"older": older.pk, "newer": newer.pk}).content.decode()
    assert "<del>Two.</del>" in page
    assert "<ins>Three.</ins>" in page
    assert "<span>One.</span>" in page
    assert ">Title<" not in page  # unchanged between these two


def test_versions_of_another_article_cannot_be_compared(client, editor, make_article):
    mine = make_article(slug="mine")
    other = make_article(slug="other")
    client.force_login(editor)
    client.post(change_url(other), article_form(other, title="Other edited"))
    version = Version.objects.get_for_object(other).get()
    url = reverse("admin:articles_article_compare", args=[mine.pk])
    assert client.get(url, {"older": version.pk, "newer": version.pk}).status_code == 404


def test_compare_with_nonsense_versions_is_not_found(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(url, {"older": "abc", "newer": "\x00"}).status_code == 404
