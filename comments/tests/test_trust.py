"""Trust needs proof: known commenters, staff voices, moderators' verdicts, duplicates."""

import re

import time_machine
from django.core import mail
from django.urls import reverse

from comments import moderation
from comments.models import Ban, Comment, Commenter, ReplyPolicy


def _confirm_link() -> str:
    return re.search(r"/comments/confirm/\S+/", mail.outbox[-1].body).group(0)


def test_typing_a_known_commenters_email_in_another_case_is_not_proof(demo, post_reply):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    Commenter.objects.create(email="zq7beta@reader.test", confirmed_at="2026-01-01T00:00:00Z")
    post_reply(name="Impostor", email="ZQ7BETA@reader.test")
    reply = Comment.objects.get(name="Impostor")
    assert reply.status == Comment.Status.PENDING
    assert reply.held_reason == "first-time commenter"


def test_the_browser_that_opened_the_confirmation_link_is_trusted_whatever_the_case(
    client, demo, post_reply, django_capture_on_commit_callbacks
):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="First", email="Zq7Beta@reader.test")
    assert client.get(_confirm_link()).status_code == 200
    post_reply(body="Second", email="ZQ7BETA@READER.TEST")
    assert Comment.objects.get(body="Second").status == Comment.Status.APPROVED


def test_a_proof_for_another_address_does_not_help(client, demo, post_reply, django_capture_on_commit_callbacks):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    Commenter.objects.create(email="victim@reader.test", confirmed_at="2026-01-01T00:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="Mine", email="me@reader.test")
    client.get(_confirm_link())
    post_reply(body="As the victim", email="victim@reader.test")
    assert Comment.objects.get(body="As the victim").status == Comment.Status.PENDING


def test_a_forged_proof_cookie_is_ignored(client, demo, post_reply):
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    Commenter.objects.create(email="aliya@example.com", confirmed_at="2026-01-01T00:00:00Z")
    client.cookies["nr_commenter"] = "aliya@example.com"
    post_reply()
    assert Comment.objects.get(name="Aliya").status == Comment.Status.PENDING


def test_reporters_post_as_readers(client, demo, post_reply, django_user_model):
    from django.contrib.auth.models import Group

    reporter = django_user_model.objects.create_user("rita", "rita@newsroom.test", "x", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    post_reply(name="The Editor-in-Chief")
    reply = Comment.objects.get(body="Thank you for the clear report.")
    assert not reply.is_staff_reply
    assert reply.status == Comment.Status.PENDING


def test_staff_replies_carry_the_accounts_name_not_a_typed_one(client, demo, post_reply, editor):
    editor.first_name, editor.last_name = "Erin", "Sato"
    editor.save()
    client.force_login(editor)
    post_reply(name="Somebody Else")
    reply = Comment.objects.get(body="Thank you for the clear report.")
    assert reply.is_staff_reply and reply.status == Comment.Status.APPROVED
    assert (reply.name, reply.email) == ("Erin Sato", "erin@newsroom.test")


def _post_and_edit(client, post_reply, *, between, body="Changed words"):
    with time_machine.travel("2026-05-01 12:00:00Z", tick=False):
        post_reply()
        reply = Comment.objects.get(name="Aliya")
        between(reply)
        response = client.post(reverse("comments:edit", kwargs={"pk": reply.pk}), {"body": body})
    reply.refresh_from_db()
    return response, reply


def test_an_authors_edit_cannot_undo_a_moderators_spam(client, demo, post_reply, moderator):
    def mark_spam(reply):
        moderation.moderate(comments=Comment.objects.filter(pk=reply.pk), action="spam", moderator=moderator)

    response, reply = _post_and_edit(client, post_reply, between=mark_spam)
    assert response.status_code in {302, 404}
    assert reply.status == Comment.Status.SPAM


def test_a_banned_commenter_editing_is_told_so_not_a_server_error(client, demo, post_reply):
    def ban(reply):
        Ban.objects.create(kind=Ban.Kind.EMAIL, value=reply.email)

    response, reply = _post_and_edit(client, post_reply, between=ban)
    assert response.status_code == 403
    assert "not accepted" in response.content.decode()
    assert reply.body == "Thank you for the clear report."


def test_a_duplicate_with_invisible_characters_or_other_spaces_is_caught(demo, post_reply):
    post_reply(body="Thank you for the clear report.")
    for variant in ("Thank\u200b you for the clear report.", "Thank you\u00a0for  the clear\u2060 report.\ufeff"):
        response = post_reply(body=variant)
        assert response.status_code == 409
    assert Comment.objects.filter(article=demo, name="Aliya").count() == 1
