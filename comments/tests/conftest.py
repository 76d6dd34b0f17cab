"""Fixtures for the replies app: posting like a browser, and replies in any state."""

import pytest
from django.urls import reverse

from comments.forms import sign_render_time
from comments.models import Comment
from newsroom.tests.conftest import launch_chromium, new_browser_page  # noqa: F401 - the shared page fixture


@pytest.fixture
def post_reply(client, demo):
    def post(article=None, **fields):
        article = article or demo
        data = {
            "name": "Aliya",
            "email": "aliya@example.com",
            "website": "",
            "body": "Thank you for the clear report.",
            "rendered": sign_render_time(article.pk),
        }
        data.update(fields)
        return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data)

    return post


@pytest.fixture
def make_reply(demo):
    def make(body="A reader's thought", status=Comment.Status.APPROVED, article=None, **fields):
        fields.setdefault("name", "Reader")
        fields.setdefault("email", "reader@example.com")
        return Comment.objects.create(
            article=article or demo, body=body, status=status, fingerprint=f"{body}-{fields['email']}", **fields
        )

    return make


@pytest.fixture
def browser():
    """A Chromium for one test: other browser tests here run their own Playwright, which cannot share its loop."""
    yield from launch_chromium()
