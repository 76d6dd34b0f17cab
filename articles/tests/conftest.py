"""People and helpers for the desk's tests."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from newsroom.tests.conftest import launch_chromium, new_browser_page  # noqa: F401 - the shared page fixture


@pytest.fixture
def reporter(db):
    user = User.objects.create_user("rita", "rita@newsroom.test", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporters"))
    return user


def article_form(article, **changes) -> dict:
    """What the admin's change form posts for `article`, with `changes` applied."""
    publish_at = timezone.localtime(article.publish_at)
    data = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section_id,
        "dateline": article.dateline,
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "publish_at_0": publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "comments_open": "on",
        "edit_token": article.updated_at.isoformat() if article.pk else "",
        # A lead image already saved stays as it is, with what readers are told of it.
        "lead_image_alt": article.lead_image_alt,
        "lead_image_caption": article.lead_image_caption,
        "lead_image_credit": article.lead_image_credit,
    }
    for prefix in ("articlestatement_set", "images", "notes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url() -> str:
    return reverse("admin:articles_article_changelist")


@pytest.fixture
def browser():
    """A Chromium for one test: other browser tests here run their own Playwright, which cannot share its loop."""
    yield from launch_chromium()
