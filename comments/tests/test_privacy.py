"""Personal data: network data erased after 30 days, export and erase by email."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Commenter


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_network_data_is_erased_after_thirty_days_and_the_command_is_safe_to_repeat(demo, make_reply, time_machine):
    time_machine.move_to("2026-05-01 12:00:00Z", tick=False)
    old = make_reply(body="old", ip_address="203.0.113.9", user_agent="Firefox")
    time_machine.shift(timedelta(days=29))
    recent = make_reply(body="recent", ip_address="203.0.113.10", user_agent="Safari")
    time_machine.shift(timedelta(days=2))
    assert "of 1 replies" in _run("erase_reply_network_data")
    assert "of 0 replies" in _run("erase_reply_network_data")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.10", "Safari")


def test_export_by_email_lists_every_reply(demo, make_reply):
    make_reply(body="mine", email="Asel@example.com", ip_address="203.0.113.9")
    make_reply(body="someone else's", email="other@example.com")
    data = json.loads(_run("export_reply_data", "asel@example.com"))
    assert [reply["body"] for reply in data["replies"]] == ["mine"]
    assert data["replies"][0]["ip_address"] == "203.0.113.9"


def test_erase_keeps_approved_text_as_anonymous(demo, make_reply, client):
    kept = make_reply(body="approved words", email="asel@example.com", name="Asel", website="https://asel.example")
    gone = make_reply(body="waiting words", email="asel@example.com", status=Comment.Status.PENDING)
    Commenter.objects.create(email="asel@example.com", confirmed_at=timezone.now())
    assert "Anonymised 1 replies, deleted 1" in _run("erase_reply_data", "asel@example.com")
    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.website, kept.body) == ("anonymous", "", "", "approved words")
    assert "asel@example.com" not in kept.fingerprint
    assert not Comment.objects.filter(pk=gone.pk).exists()
    assert not Commenter.objects.exists()
    assert "Asel" not in client.get(demo.get_absolute_url()).content.decode()


def test_erase_can_delete_the_text_too(demo, make_reply):
    kept = make_reply(body="approved words", email="asel@example.com")
    answer = make_reply(body="an answer", email="other@example.com", parent=kept)
    _run("erase_reply_data", "asel@example.com", "--delete-text")
    assert not Comment.objects.filter(pk=kept.pk).exists()
    answer.refresh_from_db()
    assert answer.parent_id is None


def test_erase_refuses_something_that_is_not_an_email(db):
    with pytest.raises(CommandError):
        _run("erase_reply_data", "nobody")


def test_admin_exports_and_erases_by_email(client, demo, moderator, make_reply):
    reply = make_reply(body="mine", email="asel@example.com")
    client.force_login(moderator)
    # The list opens on the pending queue; this approved reply is found under "All".
    url = reverse("admin:comments_comment_changelist") + "?queue=all"
    export = client.post(url, {"action": "export_data", "_selected_action": [reply.pk]})
    assert export["Content-Disposition"].startswith("attachment")
    assert json.loads(export.content)[0]["replies"][0]["body"] == "mine"
    client.post(url, {"action": "erase_data", "_selected_action": [reply.pk]})
    assert Comment.objects.get(pk=reply.pk).email == ""
