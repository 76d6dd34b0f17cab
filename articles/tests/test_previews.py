"""Staff preview unpublished articles; shared links expire and can be revoked."""

import datetime as dt

import time_machine
from django.urls import reverse

from articles.models import Article
from articles.previews import preview_url

NOON = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_staff_see_a_draft_at_its_address_marked_as_a_preview(client, editor, make_article):
    draft = make_article(title="Not yet", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not yet" in page
    assert "Preview: readers cannot see this article yet." in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_shared_preview_link_opens_a_draft_without_an_account(client, make_article):
    draft = make_article(title="Embargoed", status=Article.Status.DRAFT)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "Embargoed" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_shared_preview_link_expires(client, settings, make_article):
    settings.NEWSROOM_PREVIEW_MAX_AGE_SECONDS = 3600
    with time_machine.travel(NOON, tick=False):
        draft = make_article(status=Article.Status.DRAFT)
        url = preview_url(draft)
    with time_machine.travel(NOON + dt.timedelta(minutes=59), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(NOON + dt.timedelta(minutes=61), tick=False):
        assert client.get(url).status_code == 404


def test_revoking_breaks_every_link_shared_so_far(client, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    url = preview_url(draft)
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    client.post(changelist, {"action": "revoke_preview_links", "_selected_action": [draft.pk]})
    client.logout()
    assert client.get(url).status_code == 404
    draft.refresh_from_db()
    assert client.get(preview_url(draft)).status_code == 200


def test_a_preview_link_opens_only_its_own_article(client, make_article):
    first = make_article(title="First", slug="first", status=Article.Status.DRAFT)
    second = make_article(title="Second", slug="second", status=Article.Status.DRAFT)
    token = preview_url(first).rstrip("/").rsplit("/", 1)[1]
    assert client.get(reverse("articles:preview", kwargs={"slug": second.slug, "token": token})).status_code == 404
    assert (
        client.get(reverse("articles:preview", kwargs={"slug": "first", "token": "forged:token"})).status_code == 404
    )


def test_editor_finds_the_preview_link_in_the_admin(client, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f"/news/{draft.slug}/preview/" in page


def test_staff_preview_of_a_scheduled_article_says_when_it_goes_live(client, editor, make_article):
    with time_machine.travel(NOON, tick=False):
        article = make_article(publish_at=NOON + dt.timedelta(days=1))
        client.force_login(editor)
        page = client.get(article.get_absolute_url()).content.decode()
    assert "Preview: this article is scheduled and goes live at" in page
