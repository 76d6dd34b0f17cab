"""Email: the double opt-in, reply notifications with one-click unsubscribe, and the moderators' digest."""

import io
import re

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from comments import notifications
from comments.models import Comment, Commenter
from comments.tokens import confirm_token


def _link(message, name):
    return re.search(rf"http://\S+/comments/{name}/\S+/", message.body).group(0)


def test_double_opt_in_then_notified_of_an_approved_reply(
    client, demo, moderator, post_reply, make_reply, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(notify_me="on")
    reply = Comment.objects.get(name="Aliya")
    assert reply.notify == Comment.Notify.REQUESTED
    assert [m.to for m in mail.outbox] == [["aliya@example.com"]]
    confirm = _link(mail.outbox[0], "confirm")
    assert client.get(confirm.replace("http://127.0.0.1:8000", "")).status_code == 200
    reply.refresh_from_db()
    assert reply.notify == Comment.Notify.CONFIRMED
    assert Commenter.objects.get(email="aliya@example.com").confirmed_at is not None

    mail.outbox.clear()
    answer = make_reply(parent=reply, status=Comment.Status.PENDING, name="Bolat", body="I agree")
    assert mail.outbox == []  # nothing for a reply nobody may see yet
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [answer.pk]}
        )
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["aliya@example.com"] and "I agree" in notice.body
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "reader@example.com" not in notice.body


def test_no_notification_without_confirmation(
    client, demo, moderator, post_reply, make_reply, django_capture_on_commit_callbacks
):
    post_reply(notify_me="on")
    reply = Comment.objects.get(name="Aliya")
    answer = make_reply(parent=reply, status=Comment.Status.PENDING)
    mail.outbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [answer.pk]}
        )
    assert mail.outbox == []


def test_one_click_unsubscribe(client, demo, make_reply):
    from comments.tokens import unsubscribe_token

    reply = make_reply(notify=Comment.Notify.CONFIRMED)
    url = reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(reply.pk)})
    assert client.get(url).status_code == 200
    assert Comment.objects.get(pk=reply.pk).notify == Comment.Notify.CONFIRMED  # a GET changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Comment.objects.get(pk=reply.pk).notify == Comment.Notify.OFF


def test_damaged_links_are_a_clear_400(client, db):
    for name in ("confirm", "unsubscribe"):
        response = client.get(reverse(f"comments:{name}", kwargs={"token": "forged"}))
        assert response.status_code == 400
        assert "damaged" in response.content.decode()


def test_confirmation_link_expires(client, demo, make_reply, time_machine):
    time_machine.move_to("2026-05-01 12:00:00Z", tick=False)
    reply = make_reply(notify=Comment.Notify.REQUESTED, email="late@example.com")
    token = confirm_token(comment_id=reply.pk, email="late@example.com")
    time_machine.shift(8 * 24 * 60 * 60)
    assert client.get(reverse("comments:confirm", kwargs={"token": token})).status_code == 400
    assert not Commenter.objects.exists()


def test_moderators_get_a_digest_when_the_queue_grows(
    demo, moderator, post_reply, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_REPLY_DIGEST_THRESHOLD = 2
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="first")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="second")
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "2 replies are waiting" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="third")
    assert len(mail.outbox) == 1  # at most one digest per quiet interval


def test_held_replies_queue_the_digest_job_only_once_the_tally_may_reach_the_threshold(
    demo, moderator, post_reply, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.NEWSROOM_REPLY_DIGEST_THRESHOLD = 3
    queued = []
    run = notifications.dispatch.run
    monkeypatch.setattr(
        notifications.dispatch, "run", lambda task, *args: queued.append(task.name) or run(task, *args)
    )
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            post_reply(body=f"held {n}", email=f"held{n}@example.com")
    assert Comment.objects.pending().count() == 3
    # The first two add to the cache's tally; the third may reach the threshold, and the job counts.
    assert queued.count("comments.tasks.send_digest") == 1
    assert [m.to for m in mail.outbox if "waiting" in m.subject] == [[moderator.email]]


def test_digest_command_sends_only_when_the_queue_grew(demo, moderator, make_reply):
    make_reply(status=Comment.Status.PENDING)
    out = io.StringIO()
    call_command("send_reply_digest", "--force", stdout=out)
    assert "Digest sent." in out.getvalue() and len(mail.outbox) == 1
    call_command("send_reply_digest", "--force", stdout=out)
    assert len(mail.outbox) == 1
