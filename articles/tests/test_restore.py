"""A history restore changes one article, and only if the person may change it as it is now."""

import re

from django.urls import reverse
from reversion.models import Version

from articles.models import Article, ArticleNote
from articles.tests.conftest import article_form, change_url, changelist_url


def _token(page: str) -> str:
    return re.search(r'name="edit_token" value="([^"]*)"', page).group(1)


def _revision_url(article, version) -> str:
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def test_reporter_cannot_unpublish_by_restoring_a_draft_version(client, editor, reporter, make_article):
    article = make_article(status=Article.Status.DRAFT, title="Draft words")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Draft words, edited"))
    client.post(changelist_url(), {"action": "publish_now", "_selected_action": [article.pk]})
    draft_version = Version.objects.get_for_object(article).get(serialized_data__contains='"draft"')

    client.force_login(reporter)
    url = _revision_url(article, draft_version)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="edit_token"' not in page.content.decode()  # shown read-only
    article.refresh_from_db()
    response = client.post(url, article_form(article, status="draft", title="Reporter's text"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.PUBLISHED, "Draft words, edited")
    assert client.get(article.get_absolute_url()).status_code == 200


def test_reporter_cannot_restore_over_a_scheduled_article(client, editor, reporter, make_article):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Edited draft"))
    article.refresh_from_db()
    later = timezone.localtime() + timedelta(days=2)
    scheduled = article_form(
        article, status="published", publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1="09:00:00"
    )
    assert client.post(change_url(article), scheduled).status_code == 302
    draft_version = Version.objects.get_for_object(article).last()
    client.force_login(reporter)
    article.refresh_from_db()
    response = client.post(_revision_url(article, draft_version), article_form(article, status="draft"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.is_scheduled


def test_restoring_one_article_leaves_the_others_of_a_bulk_action(client, editor, make_article):
    first = make_article(slug="first", title="First")
    second = make_article(slug="second", title="Second")
    both = {"_selected_action": [first.pk, second.pk]}
    client.force_login(editor)
    client.post(changelist_url(), {"action": "unpublish", **both})
    client.post(changelist_url(), {"action": "publish_now", **both})
    unpublished = Version.objects.get_for_object(first).get(revision__comment="Unpublished")
    assert unpublished.revision.version_set.count() == 2  # one revision holds both

    url = _revision_url(first, unpublished)
    first.refresh_from_db()
    token = _token(client.get(url).content.decode())
    response = client.post(url, article_form(first, status="draft", edit_token=token))
    assert response.status_code == 302
    assert Article.objects.get(pk=first.pk).status == Article.Status.DRAFT
    assert Article.objects.get(pk=second.pk).status == Article.Status.PUBLISHED


def test_restore_puts_back_the_articles_own_rows_and_no_one_elses(client, editor, make_article):
    article = make_article(slug="mine")
    other = make_article(slug="other")
    client.force_login(editor)
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [article.pk, other.pk]})
    old = Version.objects.get_for_object(article).get()
    ArticleNote.objects.create(article=article, text="Added later")
    ArticleNote.objects.create(article=other, text="Someone else's note")
    url = _revision_url(article, old)
    article.refresh_from_db()
    client.post(url, article_form(article, edit_token=_token(client.get(url).content.decode())))
    assert list(ArticleNote.objects.values_list("text", flat=True)) == ["Someone else's note"]


def test_viewing_a_version_changes_nothing(client, editor, make_article):
    article = make_article(title="Now")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Later"))
    old = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(title="Current")
    assert client.get(_revision_url(article, old)).status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Current"


def test_a_version_of_another_article_is_not_found(client, editor, make_article):
    mine = make_article(slug="mine")
    other = make_article(slug="other")
    client.force_login(editor)
    client.post(change_url(other), article_form(other, title="Other edited"))
    version = Version.objects.get_for_object(other).get()
    assert client.get(_revision_url(mine, version)).status_code == 404


def test_recover_takes_only_a_deleted_article_of_this_kind(client, editor, make_article):
    live = make_article(slug="live")
    client.force_login(editor)
    client.post(change_url(live), article_form(live, title="Edited"))
    version = Version.objects.get_for_object(live).get()  # not deleted
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert client.get(url).status_code == 404


def test_recovering_a_deleted_article_leaves_the_others_of_its_revision(client, editor, make_article):
    gone = make_article(slug="gone", title="Gone")
    other = make_article(slug="other", title="Other")
    client.force_login(editor)
    client.post(changelist_url(), {"action": "unpublish", "_selected_action": [gone.pk, other.pk]})
    client.post(changelist_url(), {"action": "publish_now", "_selected_action": [other.pk]})
    Article.objects.filter(pk=gone.pk).delete()
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    fields = deleted.field_dict
    recovered = Article(
        **{name: value for name, value in fields.items() if name not in {"authors", "tags", "related_articles"}}
    )
    response = client.post(url, article_form(recovered, status="draft"))
    assert response.status_code == 302
    assert Article.objects.get(slug="gone").status == Article.Status.DRAFT
    assert Article.objects.get(pk=other.pk).status == Article.Status.PUBLISHED
