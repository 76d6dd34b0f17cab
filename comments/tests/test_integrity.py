"""The replies' data keeps its shape: threads survive deletions, codes not prose, one commenter per address."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from comments import moderation
from comments.models import Comment, Commenter, ModerationAction, ReplyPolicy


@pytest.fixture
def thread(make_reply):
    top = make_reply(body="Top")
    middle = make_reply(body="Middle", parent=top)
    answer = make_reply(body="Answer", parent=middle)
    deeper = make_reply(body="Deeper", parent=answer)
    return top, middle, answer, deeper


def _parent_of(reply):
    return Comment.objects.get(pk=reply.pk).parent_id


def test_deleting_a_reply_in_the_admin_keeps_its_answers_one_level_up(client, thread, editor, django_user_model):
    top, middle, answer, deeper = thread
    admin_user = django_user_model.objects.create_superuser("root", "root@newsroom.test", "x")
    client.force_login(admin_user)
    response = client.post(reverse("admin:comments_comment_delete", args=[middle.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=middle.pk).exists()
    assert _parent_of(answer) == top.pk
    assert _parent_of(deeper) == answer.pk


def test_deleting_a_chain_together_lifts_the_survivors_to_the_nearest_reply_that_stays(thread):
    top, middle, answer, deeper = thread
    Comment.objects.filter(pk__in=[middle.pk, answer.pk]).delete()
    assert _parent_of(deeper) == top.pk
    Comment.objects.get(pk=top.pk).delete()
    assert _parent_of(deeper) is None


def test_every_logged_action_is_a_known_code(client, demo, make_reply, moderator):
    reply = make_reply(status=Comment.Status.PENDING)
    replies = Comment.objects.filter(pk=reply.pk)
    moderation.moderate(comments=replies, action=moderation.APPROVE, moderator=moderator)
    moderation.feature(comments=replies, moderator=moderator)
    moderation.save_note(comment=reply, note="Checked", moderator=moderator)
    logged = set(ModerationAction.objects.values_list("action", flat=True))
    assert logged == {"approve", "feature", "note"}
    assert logged <= set(ModerationAction.Action.values)


def test_a_first_time_hold_is_recorded_as_a_code_and_asks_for_confirmation(
    demo, post_reply, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.NEWSROOM_REPLY_SUSPECT_WORDS = ["scam"]
    ReplyPolicy.objects.create(article=demo, mode=ReplyPolicy.Mode.FIRST_TIME)
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(body="Is this a scam?")
    reply = Comment.objects.get(name="Aliya")
    assert reply.held_codes == [Comment.Reason.SUSPECT_WORD, Comment.Reason.FIRST_TIME]
    assert any("/comments/confirm/" in message.body for message in mailoutbox)


def test_one_commenter_per_address_whatever_its_case(db):
    Commenter.objects.create(email="dana@reader.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        Commenter.objects.create(email="Dana@Reader.TEST")


def test_the_migration_merges_commenters_that_differ_only_by_case(db):
    migration = importlib.import_module("comments.migrations.0006_reply_integrity")
    Commenter.objects.create(email="ZQ7beta@reader.test", confirmed_at=None)
    Commenter.objects.create(email="lone@reader.test")
    migration.merge_commenters_differing_by_case(apps, None)
    assert list(Commenter.objects.values_list("email", flat=True).order_by("email")) == [
        "lone@reader.test",
        "zq7beta@reader.test",
    ]
