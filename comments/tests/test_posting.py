from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from pagecache import schedule


def test_posted_reply_is_held_and_the_reader_is_told(client, demo, post_reply):
    response = post_reply()
    assert response.status_code == 302
    assert response["Location"] == f"{demo.get_absolute_url()}#replies"
    reply = Comment.objects.get(name="Aliya")
    assert reply.status == Comment.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Your reply is awaiting moderation" in page
    assert "Thank you for the clear report." not in page


def test_invalid_reply_keeps_what_was_typed_and_says_what_is_wrong(demo, post_reply):
    response = post_reply(email="not-an-email", body="My careful words")
    assert response.status_code == 400
    page = response.content.decode()
    assert "My careful words" in page
    assert "Enter a valid email address." in page
    assert not Comment.objects.filter(body="My careful words").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "n" * 101, "at most 100 characters"),
        ("email", "a" * 250 + "@example.com", "at most 254 characters"),
        ("website", "https://example.com/" + "p" * 200, "at most 200 characters"),
        ("body", "b" * 5001, "at most 5000 characters"),
        ("body", "hello\x00world", "not allowed"),
        ("name", "", "This field is required."),
        ("email", "", "This field is required."),
        ("body", "   ", "This field is required."),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_stored(demo, post_reply, field, value, message):
    before = Comment.objects.count()
    response = post_reply(**{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == before


def test_filled_trap_field_is_refused(demo, post_reply):
    response = post_reply(contact_me_by_fax="buy now")
    assert response.status_code == 400
    assert not Comment.objects.filter(name="Aliya").exists()


def test_too_fast_submit_is_refused(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MIN_SECONDS = 30
    response = post_reply()
    assert response.status_code == 400
    assert "quicker than anyone can type" in response.content.decode()


def test_tampered_timestamp_is_refused(demo, post_reply):
    response = post_reply(rendered="forged")
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()


def test_same_reply_twice_is_stored_once(demo, post_reply):
    assert post_reply().status_code == 302
    second = post_reply()
    assert second.status_code == 409
    assert "already posted this reply" in second.content.decode()
    assert Comment.objects.filter(name="Aliya").count() == 1


def test_flood_from_one_address_is_held_back(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_RATE_LIMIT = (2, 60)
    assert post_reply(body="one").status_code == 302
    assert post_reply(body="two", email="b@example.com").status_code == 302
    response = post_reply(body="three", email="c@example.com")
    assert response.status_code == 429
    assert "posting too quickly" in response.content.decode()
    assert not Comment.objects.filter(body="three").exists()


def test_disallowed_word_marks_reply_as_spam(demo, post_reply):
    post_reply(body="Best casino bonus here")
    assert Comment.objects.get(name="Aliya").status == Comment.Status.SPAM


def test_replies_closed_refuse_new_replies(demo, post_reply):
    demo.comments_open = False
    demo.save()
    response = post_reply()
    assert response.status_code == 403
    assert not Comment.objects.filter(name="Aliya").exists()


@pytest.mark.parametrize(
    "change",
    [{"status": "draft"}, {"status": "in_review"}, {"publish_at": timezone.now() + timedelta(hours=1)}],
    ids=["draft", "in review", "scheduled"],
)
def test_an_article_readers_cannot_see_takes_no_replies(demo, post_reply, change):
    Article.objects.filter(pk=demo.pk).update(**change)
    assert post_reply().status_code == 404
    assert not Comment.objects.filter(name="Aliya").exists()


def test_a_refused_reply_shows_the_article_it_was_for_in_the_same_few_queries(
    demo, post_reply, django_assert_max_num_queries
):
    # Posting reads only some of the article's fields; the refusal page needs no other (each would be a query).
    schedule.remember_next_change()  # known on a running site (every article save notes it), asked once
    with django_assert_max_num_queries(2):  # the article, the sections of the page's navigation
        response = post_reply(email="not-an-email")
    assert response.status_code == 400
    assert demo.title in response.content.decode()
    assert demo.get_absolute_url() in response.content.decode()


def test_get_is_not_allowed_on_the_posting_url(client, demo):
    response = client.get(reverse("comments:post", kwargs={"article_id": demo.pk}))
    assert response.status_code == 405


def test_email_of_a_reply_appears_in_no_public_response(client, demo, post_reply):
    post_reply(email="secret-reader@example.com")
    Comment.objects.filter(email="secret-reader@example.com").update(status=Comment.Status.APPROVED)
    for url in [demo.get_absolute_url(), "/", "/search/?q=Tokayev", "/missing/", demo.election.get_absolute_url()]:
        assert "secret-reader" not in client.get(url).content.decode(), url
