"""An outage elsewhere (Redis, the mail server) is never the reader's 500, and never a thank-you for nothing."""

import logging

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from comments.models import Comment, Report
from jobs.models import SentEmail
from newsroom.celery import app as celery_app
from newsroom.tests import servers

CONFIRM_SENT = "Please open the link we emailed you"
CONFIRM_FAILED = "We could not send you the email to confirm your address"


def said(response) -> str:
    return " | ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Redis as the cache and the task broker, as in production, and then gone."""
    servers.need(servers.redis_available(), "redis-server")
    with servers.private_redis() as redis:
        url = f"redis://127.0.0.1:{redis.port}/0"
        settings.CACHES = {
            "default": {"BACKEND": "newsroom.cache.TolerantRedisCache", "LOCATION": url, "OPTIONS": {"RETRY_AFTER": 0}}
        }
        settings.CELERY_BROKER_URL = url
        monkeypatch.setattr(celery_app.conf, "broker_url", url)
        redis.terminate()
        redis.wait(10)
        yield


def test_with_redis_down_the_confirmation_is_really_sent_and_the_reader_told_so(post_reply, redis_down):
    response = post_reply(notify_me="on")
    assert response.status_code == 302
    assert CONFIRM_SENT in said(response)
    assert [m.to for m in mail.outbox] == [["aliya@example.com"]]  # run here, since the queue is down


def test_with_redis_and_mail_down_the_reader_is_told_no_email_went(post_reply, redis_down, settings):
    settings.EMAIL_BACKEND = "jobs.tests.mailboxes.DownBackend"
    response = post_reply(notify_me="on")
    assert response.status_code == 302
    assert CONFIRM_FAILED in said(response) and CONFIRM_SENT not in said(response)
    assert Comment.objects.filter(name="Aliya").exists()  # the reply itself is kept
    assert not SentEmail.objects.exists()


def test_with_the_mail_server_down_the_reader_is_told_and_asking_again_is_not_throttled(post_reply, settings):
    settings.EMAIL_BACKEND = "jobs.tests.mailboxes.DownBackend"
    assert CONFIRM_FAILED in said(post_reply(notify_me="on"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert CONFIRM_SENT in said(post_reply(notify_me="on", body="Trying again"))
    assert len(mail.outbox) == 1


def test_with_redis_down_a_report_is_recorded_before_the_reader_is_thanked(client, make_reply, redis_down):
    reply = make_reply()
    response = client.post(reverse("comments:report", kwargs={"pk": reply.pk}), {"reason": "spam", "detail": ""})
    assert response.status_code == 302
    assert "Thank you" in said(response)
    assert Report.objects.filter(comment=reply).count() == 1


def test_a_mail_outage_does_not_turn_a_stored_reply_into_an_error(
    client, post_reply, moderator, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", servers.free_port()  # nothing listens
    settings.NEWSROOM_REPLY_DIGEST_THRESHOLD = 1
    with caplog.at_level(logging.ERROR, logger="jobs.dispatch"), django_capture_on_commit_callbacks(execute=True):
        response = post_reply(body="Stored while the mail server was down")
    assert response.status_code == 302
    assert Comment.objects.filter(body="Stored while the mail server was down").exists()
    assert "comments.tasks.send_digest" in caplog.text  # the failure is logged for the operator
    assert not SentEmail.objects.exists()


def approve(client, moderator, replies, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve", "_selected_action": [reply.pk for reply in replies]},
        )


def test_a_line_break_in_a_readers_name_cannot_break_approve_or_the_header(
    client, moderator, make_reply, django_capture_on_commit_callbacks
):
    parent = make_reply(email="aliya@example.com", notify=Comment.Notify.CONFIRMED)
    answer = make_reply(
        parent=parent, status=Comment.Status.PENDING, name="Bolat\r\nBcc: everyone@example.com", body="I agree"
    )
    response = approve(client, moderator, [answer], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Comment.objects.get(pk=answer.pk).status == Comment.Status.APPROVED
    [notice] = mail.outbox
    assert notice.subject == "Bolat Bcc: everyone@example.com replied to you"
    assert "\n" not in notice.message()["Subject"] and notice.message()["Bcc"] is None


def test_one_message_that_fails_does_not_stop_the_rest_of_the_batch(
    client, moderator, make_reply, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "jobs.tests.mailboxes.RefusingBackend"
    refused = make_reply(email="bounce@example.com", notify=Comment.Notify.CONFIRMED, body="first")
    reached = make_reply(email="dana@example.com", notify=Comment.Notify.CONFIRMED, body="second")
    answers = [
        make_reply(parent=parent, status=Comment.Status.PENDING, body=f"answer {n}", email=f"r{n}@example.com")
        for n, parent in enumerate([refused, reached])
    ]
    response = approve(client, moderator, answers, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["dana@example.com"]]
    assert list(SentEmail.objects.values_list("key", flat=True)) == [f"reply-approved:{answers[1].pk}"]
