"""The moderation policy: each named check and each mode, with the reason recorded."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Ban, Comment, Commenter, ReplyPolicy


def _stored(name="Aliya"):
    return Comment.objects.get(name=name)


def test_pre_moderation_is_the_default_and_records_why(demo, post_reply):
    post_reply()
    reply = _stored()
    assert reply.status == Comment.Status.PENDING
    assert reply.held_reason == "pre-moderation"


def test_post_moderation_for_the_site_publishes_at_once(client, demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    post_reply()
    assert _stored().status == Comment.Status.APPROVED
    assert _stored().held_reason == "post-moderation"
    assert "Thank you for the clear report." in client.get(demo.get_absolute_url()).content.decode()


def test_article_mode_overrides_the_site_mode(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.PRE)
    post_reply()
    assert _stored().status == Comment.Status.PENDING


def test_first_time_mode_holds_an_unconfirmed_email_even_with_approved_replies(demo, post_reply, make_reply):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    make_reply(email="aliya@example.com", body="An earlier approved reply")
    post_reply()
    assert _stored().status == Comment.Status.PENDING
    assert _stored().held_reason == "first-time commenter"


def test_first_time_mode_lets_a_confirmed_email_through(client, demo, post_reply):
    from comments.tokens import PROVEN_EMAIL_COOKIE, PROVEN_EMAIL_SALT, signing

    client.cookies[PROVEN_EMAIL_COOKIE] = signing.dumps("aliya@example.com", salt=PROVEN_EMAIL_SALT)
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    Commenter.objects.create(email="aliya@example.com", confirmed_at="2026-01-01T00:00:00Z")
    post_reply(email="Aliya@Example.com")
    assert _stored().status == Comment.Status.APPROVED
    assert _stored().held_reason == "known commenter"


def test_suspect_word_is_held_even_under_post_moderation(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    post_reply(body="This is a scam, surely")
    assert _stored().status == Comment.Status.PENDING
    assert "suspect word: scam" in _stored().held_reason


def test_too_many_links_are_held_with_the_count(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    post_reply(body="See https://a.example https://b.example www.c.example")
    assert _stored().status == Comment.Status.PENDING
    assert _stored().held_reason == "too many links: 3 (limit 2)"


def test_disallowed_word_wins_over_a_hold_and_both_reasons_are_kept(demo, post_reply):
    post_reply(body="casino bonus scam")
    assert _stored().status == Comment.Status.SPAM
    assert _stored().held_reason == "disallowed word: casino bonus; suspect word: scam; pre-moderation"


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        (Ban.Kind.EMAIL, "aliya@example.com", {"email": "ALIYA@example.com"}),
        (Ban.Kind.DOMAIN, "spam.example", {"email": "someone@spam.example"}),
        (Ban.Kind.IP, "127.0.0.1", {}),
    ],
)
def test_banned_email_domain_or_address_is_refused_and_nothing_stored(demo, post_reply, kind, value, fields):
    Ban.objects.create(kind=kind, value=value)
    response = post_reply(**fields)
    assert response.status_code == 403
    assert "Replies from this address are not accepted." in response.content.decode()
    assert "Thank you for the clear report." in response.content.decode()  # what they typed is kept
    assert not Comment.objects.filter(name="Aliya").exists()


def test_old_form_is_refused_with_a_clear_message(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MAX_AGE_SECONDS = -1
    response = post_reply()
    assert response.status_code == 400
    assert "The form has expired" in response.content.decode()


def test_staff_reply_is_published_and_marked(client, demo, post_reply, moderator):
    client.force_login(moderator)
    post_reply(name="Mona from the desk")
    reply = _stored("mona")  # the account's name, not the typed one
    assert reply.is_staff_reply and reply.status == Comment.Status.APPROVED
    client.logout()
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "reply-staff" in page and ">Staff<" in page


def test_replies_closed_automatically_after_the_sites_days(client, demo, post_reply, settings):
    settings.NEWSROOM_REPLY_CLOSE_AFTER_DAYS = 1
    demo.publish_at = demo.publish_at.replace(year=2020)
    demo.save()
    response = post_reply()
    assert response.status_code == 403
    assert "Replies to this article are closed." in client.get(demo.get_absolute_url()).content.decode()
    assert 'id="reply-form"' not in client.get(demo.get_absolute_url()).content.decode()


def test_article_can_keep_replies_open_longer_than_the_site(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_CLOSE_AFTER_DAYS = 1
    demo.publish_at = demo.publish_at.replace(year=2020)
    demo.save()
    ReplyPolicy.objects.create(article=demo, close_after_days=0)
    assert post_reply().status_code == 302


def test_reply_to_a_reply_that_is_not_approved_is_a_clear_error(demo, post_reply, make_reply):
    hidden = make_reply(status=Comment.Status.PENDING)
    response = post_reply(parent=hidden.pk)
    assert response.status_code == 400
    assert "not available" in response.content.decode()


def test_posting_to_an_unknown_article_is_404(client, db):
    assert client.post(reverse("comments:post", kwargs={"article_id": 999999}), {}).status_code == 404


def test_first_time_commenter_who_confirms_is_known_next_time(
    client, demo, post_reply, django_capture_on_commit_callbacks
):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="My first reply")
    assert Comment.objects.get(body="My first reply").status == Comment.Status.PENDING
    link = re.search(r"/comments/confirm/\S+/", mail.outbox[0].body).group(0)
    assert client.get(link).status_code == 200
    post_reply(body="My second reply")
    assert Comment.objects.get(body="My second reply").status == Comment.Status.APPROVED


def test_article_page_reads_the_reply_policy_once(client, demo):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.POST)
    with CaptureQueriesContext(connection) as queries:
        client.get(demo.get_absolute_url())
    assert sum("comments_replypolicy" in q["sql"] for q in queries.captured_queries) == 1
