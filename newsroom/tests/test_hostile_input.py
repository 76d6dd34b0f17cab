"""Hostile text through every reader input and the article body: it stays text."""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from newsroom.tests.payloads import XSS_PAYLOADS, markup_problems
from newsroom.tests.readers import form_token, reply_data

READER_FIELDS = ["name", "email", "website", "body"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data):
        self.chunks.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.chunks)


@pytest.fixture
def no_rate_limit(settings):
    settings.NEWSROOM_REPLY_RATE_LIMIT = (10_000, 60)


@pytest.mark.parametrize("field", READER_FIELDS)
def test_payload_in_any_reply_field_is_refused_or_stored_as_text(
    client, demo, moderator, no_rate_limit, field, django_capture_on_commit_callbacks
):
    url = reverse("comments:post", kwargs={"article_id": demo.pk})
    for number, payload in enumerate(XSS_PAYLOADS):
        data = reply_data(client, demo, email=f"reader{number}@reader.test", body=f"Plain reply {number}")
        data[field] = payload
        response = client.post(url, data)
        assert response.status_code in {302, 400}, (payload, response.status_code)
        if response.status_code == 400:
            assert markup_problems(response.content.decode()) == [], payload
    with django_capture_on_commit_callbacks(execute=True):  # the kept thread is emptied once this commits
        Comment.objects.filter(article=demo).update(status=Comment.Status.APPROVED)
    page = client.get(demo.get_absolute_url()).content.decode()
    assert markup_problems(page) == []
    text = visible_text(page)
    for comment in Comment.objects.filter(article=demo, email__endswith="@reader.test"):
        assert comment.body in text.replace("\n", "") or comment.body.replace("\n", "") in text
        assert comment.name in text


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_search_query_is_shown_as_text(client, demo, payload):
    response = client.get(f"{reverse('articles:search')}?q={quote(payload)}")
    assert response.status_code == 200
    assert markup_problems(response.content.decode()) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_not_found_page_for_a_hostile_path_is_plain(client, db, payload):
    response = client.get("/" + quote(payload, safe="") + "/")
    assert response.status_code == 404
    assert markup_problems(response.content.decode()) == []


def test_article_body_keeps_text_and_loses_anything_that_runs(client, make_article):
    article = make_article(
        title=XSS_PAYLOADS[0], summary=XSS_PAYLOADS[2], dateline=XSS_PAYLOADS[3], body="".join(XSS_PAYLOADS)
    )
    stored = Article.objects.get(pk=article.pk).body
    assert markup_problems(stored) == []
    for url in (article.get_absolute_url(), reverse("articles:home"), article.section.get_absolute_url()):
        page = client.get(url).content.decode()
        assert markup_problems(page) == [], url
        assert XSS_PAYLOADS[0] in visible_text(page)


def test_bidi_override_in_a_name_is_refused_with_a_reason(client, demo):
    data = reply_data(client, demo, name="Admin\u202e\u2066nimda", email="rtl@reader.test")
    response = client.post(reverse("comments:post", kwargs={"article_id": demo.pk}), data)
    assert response.status_code == 400
    assert "characters that are not allowed" in response.content.decode()
    assert not Comment.objects.filter(email="rtl@reader.test").exists()


def test_expired_form_comes_back_ready_to_post_again(client, demo):
    data = reply_data(client, demo, email="slow@reader.test")
    with time_machine.travel("2100-01-01", tick=False):
        refused = client.post(reverse("comments:post", kwargs={"article_id": demo.pk}), data)
        assert refused.status_code == 400
        assert "The form has expired" in refused.content.decode()
        data["rendered"] = form_token(refused.content.decode())
        accepted = client.post(reverse("comments:post", kwargs={"article_id": demo.pk}), data)
    assert accepted.status_code == 302
    assert Comment.objects.filter(email="slow@reader.test").count() == 1
