"""A future publish time schedules an article; the clock alone makes it live."""

import datetime as dt

import time_machine
from django.urls import reverse

from articles.models import Article
from articles.tests.conftest import article_form, change_url

NOON = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_scheduled_article_goes_live_at_its_time_with_no_job(client, make_article):
    with time_machine.travel(NOON, tick=False):
        article = make_article(slug="at-one", publish_at=NOON + dt.timedelta(hours=1))
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "A story" not in client.get("/").content.decode()
        assert list(Article.objects.scheduled()) == [article]
    with time_machine.travel(NOON + dt.timedelta(hours=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "A story" in client.get("/").content.decode()
        assert list(Article.objects.scheduled()) == []


def test_editor_schedules_through_the_form_and_the_desk_lists_it(client, editor, make_article):
    with time_machine.travel(NOON, tick=False):
        article = make_article(status=Article.Status.IN_REVIEW)
        client.force_login(editor)
        later = article_form(article, status="published", publish_at_0="2026-03-02", publish_at_1="08:00:00")
        assert client.post(change_url(article), later).status_code == 302
        assert not Article.objects.published().exists()
        changelist = client.get(reverse("admin:articles_article_changelist"), {"stage": "scheduled"})
        assert "A story" in changelist.content.decode()
        assert "A story" in client.get(reverse("admin:index")).content.decode()
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        assert Article.objects.published().get() == article


def test_publish_now_brings_a_scheduled_article_forward(client, editor, make_article):
    with time_machine.travel(NOON, tick=False):
        article = make_article(publish_at=NOON + dt.timedelta(days=3))
        client.force_login(editor)
        client.post(
            reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk]}
        )
        article.refresh_from_db()
        assert article.publish_at == NOON
        assert Article.objects.published().get() == article
