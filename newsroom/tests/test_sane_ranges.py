"""Every date a person types is one the site can store, read back and show."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from articles.models import Article
from articles.tests.conftest import article_form, change_url
from bounds.repair import bring_into_range
from bounds.validators import within_newsroom_years
from elections.models import Election

CONTENT_APPS = ["articles", "elections", "comments"]


def _date_fields():
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateField) and field.editable:
                    yield pytest.param(field, id=f"{model._meta.label}.{field.name}")


@pytest.mark.parametrize("field", list(_date_fields()))
def test_every_date_field_of_every_content_model_keeps_to_the_newsrooms_years(field):
    assert within_newsroom_years in field.validators


@pytest.fixture
def reporter(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("rita", "rita@newsroom.test", "x", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporters"))
    return user


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
def test_a_publish_time_outside_the_years_is_refused_with_a_message(client, reporter, make_article, day):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(reporter)
    response = client.post(change_url(article), article_form(article, publish_at_0=day, publish_at_1="00:00"))
    assert response.status_code == 200
    assert "Enter a date between the years 1900 and 2200." in response.content.decode()
    assert Article.objects.get(pk=article.pk).publish_at == article.publish_at
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_the_edges_of_the_years_are_accepted(client, editor, make_article):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.post(change_url(article), article_form(article, publish_at_0="2200-12-31", publish_at_1="12:00"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).publish_at.year == 2200


@pytest.mark.parametrize("value", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_an_election_day_outside_the_years_fails_validation(db, value):
    election = Election(name="E", slug="e", country="X", date=value, authority_name="CEC")
    with pytest.raises(Exception) as refused:
        election.full_clean()
    assert "date" in refused.value.message_dict


def test_rows_stored_before_the_ranges_are_brought_back_into_them(client, editor, make_article):
    article = make_article()
    too_early = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
    Article.objects.filter(pk=article.pk).update(publish_at=too_early)
    assert bring_into_range(Article, "publish_at") == 1
    assert Article.objects.get(pk=article.pk).publish_at == dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
    client.force_login(editor)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
