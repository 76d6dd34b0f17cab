"""Each role can do exactly what it should on the desk, and no more."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.tests.conftest import article_form, change_url, changelist_url
from newsroom.roles import ROLE_PERMISSIONS


@pytest.mark.parametrize("role", sorted(ROLE_PERMISSIONS))
def test_each_group_has_exactly_its_listed_permissions(db, role):
    group = Group.objects.get(name=role)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert granted == set(ROLE_PERMISSIONS[role])


def test_reporter_writes_a_draft_and_submits_it_for_review(client, reporter, section):
    client.force_login(reporter)
    blank = Article(title="Turnout rises", slug="turnout-rises", section=section, body="<p>More voters.</p>")
    response = client.post(reverse("admin:articles_article_add"), article_form(blank, status="draft"))
    assert response.status_code == 302
    article = Article.objects.get(slug="turnout-rises")
    assert article.status == Article.Status.DRAFT

    response = client.post(changelist_url(), {"action": "submit_for_review", "_selected_action": [article.pk]})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_reporter_cannot_publish_through_the_status_field(client, reporter, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(reporter)
    response = client.post(change_url(article), article_form(article, status="published"))
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert not Article.objects.published().exists()


def test_reporter_cannot_create_an_article_already_published(client, reporter, section):
    client.force_login(reporter)
    blank = Article(title="Sneaky", slug="sneaky", section=section, body="<p>Now.</p>")
    response = client.post(reverse("admin:articles_article_add"), article_form(blank, status="published"))
    assert response.status_code == 200
    assert not Article.objects.filter(slug="sneaky").exists()


def test_reporter_cannot_publish_or_unpublish_through_actions(client, reporter, make_article):
    draft = make_article(title="Draft", slug="draft", status=Article.Status.IN_REVIEW)
    live = make_article(title="Live", slug="live")
    client.force_login(reporter)
    client.post(changelist_url(), {"action": "publish_now", "_selected_action": [draft.pk]})
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [live.pk]})
    assert Article.objects.get(pk=draft.pk).status == Article.Status.IN_REVIEW
    assert Article.objects.get(pk=live.pk).status == Article.Status.PUBLISHED


def test_reporter_cannot_change_or_delete_a_published_article(client, reporter, make_article):
    live = make_article(title="Live", slug="live")
    client.force_login(reporter)
    response = client.post(change_url(live), article_form(live, title="Rewritten"))
    assert response.status_code == 403
    response = client.post(reverse("admin:articles_article_delete", args=[live.pk]), {"post": "yes"})
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title == "Live"


def test_reporter_cannot_write_corrections(client, reporter, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(reporter)
    page = client.get(change_url(draft)).content.decode()
    assert "notes-TOTAL_FORMS" not in page


def test_editor_publishes_unpublishes_and_returns_to_draft(client, editor, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)
    client.post(changelist_url(), {"action": "return_to_draft", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    client.post(changelist_url(), {"action": "publish_now", "_selected_action": [article.pk]})
    assert Article.objects.published().filter(pk=article.pk).exists()
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [article.pk]})
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_editor_publishes_through_the_status_field(client, editor, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)
    response = client.post(change_url(article), article_form(article, status="published"))
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_moderator_may_look_at_articles_but_not_change_them(client, moderator, make_article):
    article = make_article()
    client.force_login(moderator)
    assert client.get(change_url(article)).status_code == 200
    response = client.post(change_url(article), article_form(article, title="Moderated"))
    assert response.status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert (article.title, article.status) == ("A story", Article.Status.PUBLISHED)


def test_someone_without_a_role_is_kept_out_of_the_desk(client, outsider, make_article):
    article = make_article()
    client.force_login(outsider)
    response = client.get(change_url(article))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_reporter_cannot_publish_by_restoring_a_published_version(client, editor, reporter, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)
    client.post(change_url(article), article_form(article, status="published"))
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [article.pk]})
    published_version = Version.objects.get_for_object(article).get(serialized_data__contains='"published"')
    client.force_login(reporter)
    url = reverse("admin:articles_article_revision", args=[article.pk, published_version.pk])
    # Restoring it would publish it, so the reporter is shown it read-only.
    assert 'name="edit_token"' not in client.get(url).content.decode()
    article.refresh_from_db()
    response = client.post(url, article_form(article, status="published"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_reporter_cannot_revoke_preview_links_of_published_or_scheduled_articles(client, reporter, make_article):
    import datetime as dt

    from django.utils import timezone

    live = make_article(slug="live")
    scheduled = make_article(slug="later", publish_at=timezone.now() + dt.timedelta(days=1))
    draft = make_article(slug="draft", status=Article.Status.DRAFT)
    secrets = {a.pk: a.preview_secret for a in (live, scheduled, draft)}
    client.force_login(reporter)
    client.post(changelist_url(), {"action": "revoke_preview_links", "_selected_action": list(secrets)})
    after = dict(Article.objects.values_list("pk", "preview_secret"))
    assert after[live.pk] == secrets[live.pk]
    assert after[scheduled.pk] == secrets[scheduled.pk]
    assert after[draft.pk] != secrets[draft.pk]
