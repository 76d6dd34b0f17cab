"""The moderation desk in the admin: queues, actions, the log, and who may see emails."""

from django.contrib.auth.models import Permission, User
from django.urls import reverse

from comments.models import Ban, Comment, ModerationAction

CHANGELIST = "admin:comments_comment_changelist"


def _change_url(reply):
    return reverse("admin:comments_comment_change", args=[reply.pk])


def test_queues_show_their_counts(client, demo, moderator, make_reply):
    make_reply(status=Comment.Status.PENDING, body="first pending reply")
    make_reply(status=Comment.Status.PENDING, body="second pending reply")
    make_reply(status=Comment.Status.SPAM, body="s1")
    make_reply(body="reported one", report_count=1)
    client.force_login(moderator)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Pending (2)" in page
    assert "Spam (1)" in page
    assert "Reported (1)" in page
    assert "Removed (0)" in page
    reported = client.get(reverse(CHANGELIST), {"queue": "reported"}).content.decode()
    # Whole phrases, so a random CSRF token can never match by chance.
    assert "reported one" in reported and "first pending reply" not in reported


def test_change_view_shows_reason_history_and_thread(client, demo, moderator, make_reply):
    parent = make_reply(name="Aigerim", body="The parent reply", email="a@example.com")
    make_reply(body="An earlier approved one", email="b@example.com")
    reply = make_reply(
        status=Comment.Status.PENDING,
        parent=parent,
        body="Held one",
        email="b@example.com",
        held_reason="suspect word: scam",
    )
    client.force_login(moderator)
    page = client.get(_change_url(reply)).content.decode()
    assert "suspect word: scam" in page
    assert "1 approved of 2" in page
    assert "An earlier approved one" in page
    assert "The parent reply" in page
    assert 'name="_approve"' in page


def test_single_actions_from_the_change_form_are_logged(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(moderator)
    client.post(_change_url(reply), {"_approve": "1", "moderator_note": ""})
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED and reply.moderated_by == moderator
    client.post(_change_url(reply), {"_remove": "1", "moderator_note": ""})
    client.post(_change_url(reply), {"_restore": "1", "moderator_note": ""})
    reply.refresh_from_db()
    assert reply.status == Comment.Status.PENDING
    actions = list(ModerationAction.objects.filter(comment=reply).values_list("action", "moderator"))
    assert sorted(actions) == sorted([("approve", moderator.pk), ("remove", moderator.pk), ("restore", moderator.pk)])


def test_moderator_note_and_featuring_are_saved_and_logged(client, demo, moderator, make_reply):
    reply = make_reply()
    client.force_login(moderator)
    response = client.post(_change_url(reply), {"moderator_note": "Checked the source", "is_featured": "on"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.moderator_note == "Checked the source" and reply.is_featured
    assert set(ModerationAction.objects.filter(comment=reply).values_list("action", flat=True)) == {"note", "feature"}


def test_bulk_ban_refuses_later_replies_and_spams_waiting_ones(client, demo, moderator, make_reply, post_reply):
    waiting = make_reply(status=Comment.Status.PENDING, email="aliya@example.com", body="first")
    client.force_login(moderator)
    client.post(reverse(CHANGELIST), {"action": "ban", "_selected_action": [waiting.pk]})
    assert Ban.objects.filter(kind="email", value="aliya@example.com").exists()
    assert Comment.objects.get(pk=waiting.pk).status == Comment.Status.SPAM
    client.logout()
    assert post_reply().status_code == 403


def test_approving_resolves_reports(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING, report_count=3)
    reply.reports.create(reason="abuse")
    client.force_login(moderator)
    client.post(reverse(CHANGELIST), {"action": "approve", "_selected_action": [reply.pk]})
    reply.refresh_from_db()
    assert reply.report_count == 0
    assert reply.reports.get().resolved


def test_audit_log_is_readable_by_moderators_and_not_editable(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(moderator)
    client.post(reverse(CHANGELIST), {"action": "approve", "_selected_action": [reply.pk]})
    log = client.get(reverse("admin:comments_moderationaction_changelist"))
    assert log.status_code == 200
    assert "approve" in log.content.decode() and "mona" in log.content.decode()
    entry = ModerationAction.objects.get()
    assert (
        client.post(reverse("admin:comments_moderationaction_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ModerationAction.objects.count() == 1


def test_emails_are_shown_to_moderators_and_editors(client, demo, moderator, editor, make_reply):
    reply = make_reply(email="visible-to-desk@example.com")
    for user in (moderator, editor):
        client.force_login(user)
        assert "visible-to-desk@example.com" in client.get(reverse(CHANGELIST), {"queue": "all"}).content.decode()
        assert "visible-to-desk@example.com" in client.get(_change_url(reply)).content.decode()


def test_other_staff_never_see_emails_in_the_admin(client, demo, make_reply):
    reply = make_reply(email="hidden-from-others@example.com")
    clerk = User.objects.create_user("clerk", "clerk@newsroom.test", "x", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(clerk)
    listing = client.get(reverse(CHANGELIST), {"queue": "all"}).content.decode()
    detail = client.get(_change_url(reply)).content.decode()
    assert "hidden-from-others" not in listing + detail
    searched = client.get(reverse(CHANGELIST), {"q": "hidden-from-others"}).content.decode()
    assert "0 results" in searched  # searching by email would reveal it
    assert "A reader&#x27;s thought" in detail
    # ...and cannot act on replies.
    client.post(reverse(CHANGELIST), {"action": "approve", "_selected_action": [reply.pk]})
    assert not ModerationAction.objects.exists()


def test_reply_policy_per_article_is_managed_in_the_admin(client, demo, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:comments_replypolicy_add"), {"article": demo.pk, "mode": "post", "close_after_days": "7"}
    )
    assert response.status_code == 302
    assert demo.reply_policy.mode == "post"
