"""The moderator's queue: pending first, one-click actions as plain posts and as fetches, staff replies."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from comments import notifications
from comments.models import Comment, ModerationAction
from newsroom.checks import check_site_url_is_public


def _act_url(reply):
    return reverse("admin:comments_comment_act", args=[reply.pk])


def test_replies_list_opens_on_the_pending_queue(client, demo, moderator, make_reply):
    make_reply(status=Comment.Status.PENDING, body="Waiting for a moderator")
    make_reply(body="Already on the page")
    client.force_login(moderator)
    page = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "Waiting for a moderator" in page and "Already on the page" not in page
    everything = client.get(reverse("admin:comments_comment_changelist"), {"queue": "all"}).content.decode()
    assert "Already on the page" in everything


def test_each_row_shows_the_whole_reply_why_it_was_held_reports_and_record(client, demo, moderator, make_reply):
    long_body = "A long thought " * 40 + "that ends here."
    reply = make_reply(status=Comment.Status.PENDING, body="long one", held_reason="first-time commenter")
    Comment.objects.filter(pk=reply.pk).update(body=long_body)  # the old list cut it at 80 characters
    reply.reports.create(reason="abuse", detail="rude to another reader")
    client.force_login(moderator)
    page = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "that ends here." in page
    assert "first-time commenter" in page
    assert "Abusive or hateful (rude to another reader)" in page
    assert "0 approved of 1" in page
    assert f'formaction="{_act_url(reply)}"' in page


def test_a_plain_post_acts_and_returns_to_the_same_queue_and_filters(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(moderator)
    back = "/admin/comments/comment/?queue=pending&is_staff_reply__exact=0"
    response = client.post(_act_url(reply), {"action": "approve", "next": back})
    assert response.status_code == 302 and response.url == back
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED and reply.moderated_by == moderator
    assert ModerationAction.objects.filter(comment=reply, action="approve", moderator=moderator).exists()


def test_a_post_never_sends_the_moderator_off_the_desk(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(moderator)
    response = client.post(_act_url(reply), {"action": "spam", "next": "https://evil.example/admin/comments/comment/"})
    assert response.url == "/admin/comments/comment/?queue=pending"
    reply.refresh_from_db()
    assert reply.status == Comment.Status.SPAM


def test_the_page_script_gets_json_with_the_new_pending_count(client, demo, moderator, make_reply):
    first = make_reply(status=Comment.Status.PENDING, body="one")
    make_reply(status=Comment.Status.PENDING, body="two")
    waiting = Comment.objects.pending().count()
    client.force_login(moderator)
    response = client.post(_act_url(first), {"action": "remove"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["status"] == "removed"
    assert response.json()["pending"] == str(waiting - 1)
    bad = client.post(_act_url(first), {"action": "explode"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400 and "Choose" in bad.json()["message"]


def test_only_moderators_may_act(client, demo, editor, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(editor)
    assert client.post(_act_url(reply), {"action": "approve"}).status_code == 403
    reply.refresh_from_db()
    assert reply.status == Comment.Status.PENDING
    assert 'name="action"' not in client.get(reverse("admin:comments_comment_changelist")).content.decode()


def test_a_staff_reply_is_posted_under_the_signed_in_account(client, demo, moderator, make_reply, mailoutbox):
    moderator.first_name, moderator.last_name = "Mona", "Desk"
    moderator.save()
    reply = make_reply(status=Comment.Status.PENDING, body="Is this confirmed?")
    client.force_login(moderator)
    response = client.post(_act_url(reply), {"action": "reply", f"body-{reply.pk}": "Yes, by the CEC."})
    assert response.status_code == 302
    answer = Comment.objects.get(parent=reply)
    assert (answer.name, answer.email, answer.body) == ("Mona Desk", moderator.email, "Yes, by the CEC.")
    assert answer.is_staff_reply and answer.status == Comment.Status.APPROVED
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED  # answering a held reply lets it through
    again = client.post(
        _act_url(reply),
        {"action": "reply", f"body-{reply.pk}": "Yes, by the CEC."},
        headers={"Accept": "application/json"},
    )
    assert again.status_code == 400 and Comment.objects.filter(parent=reply).count() == 1


def test_an_empty_staff_reply_is_refused_with_a_message(client, demo, moderator, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    client.force_login(moderator)
    response = client.post(_act_url(reply), {"action": "reply", f"body-{reply.pk}": "  "}, follow=True)
    assert "Write the reply first." in response.content.decode()
    assert not Comment.objects.filter(parent=reply).exists()


def test_acting_on_a_reply_page_opens_the_next_pending_one(client, demo, moderator, make_reply):
    now = timezone.now()
    newer = make_reply(status=Comment.Status.PENDING, body="newer")
    older = make_reply(status=Comment.Status.PENDING, body="older")
    Comment.objects.filter(pk=newer.pk).update(created_at=now)
    Comment.objects.filter(pk=older.pk).update(created_at=now - timedelta(hours=1))
    client.force_login(moderator)
    change = reverse("admin:comments_comment_change", args=[newer.pk])
    filters = "_changelist_filters=queue%3Dpending"
    response = client.post(f"{change}?{filters}", {"_approve": "1", "moderator_note": ""})
    assert response.url == reverse("admin:comments_comment_change", args=[older.pk]) + f"?{filters}"


def test_the_pending_count_is_on_the_admin_home_and_in_the_header(client, demo, moderator, editor, make_reply):
    for number in range(3):
        make_reply(status=Comment.Status.PENDING, body=f"waiting {number}")
    waiting = Comment.objects.pending().count()
    client.force_login(moderator)
    home = client.get(reverse("admin:index")).content.decode()
    assert home.count(f"data-pending-count>{waiting}<") == 2  # the home page's module and the header
    client.force_login(editor)
    assert "data-pending-count" not in client.get(reverse("admin:index")).content.decode()


def test_the_log_shows_the_reply_and_local_times(client, demo, moderator, make_reply, settings):
    settings.TIME_ZONE = "Asia/Almaty"
    reply = make_reply(status=Comment.Status.PENDING, body="Words worth logging in the desk")
    client.force_login(moderator)
    client.post(_act_url(reply), {"action": "approve"})
    entry = ModerationAction.objects.get(comment=reply)
    log = client.get(reverse("admin:comments_moderationaction_changelist")).content.decode()
    assert "Words worth logging in the desk" in log and f">#{reply.pk}<" not in log
    detail = client.get(reverse("admin:comments_comment_change", args=[reply.pk])).content.decode()
    assert "+00:00" not in detail
    assert date_format(timezone.localtime(entry.created_at), "DATETIME_FORMAT") in detail


def test_the_digest_links_to_the_queue_at_the_sites_address(demo, moderator, make_reply, settings, mailoutbox):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    make_reply(status=Comment.Status.PENDING, body="Waiting for the digest")
    assert notifications.send_digest_if_queue_grew(force=True)
    assert "https://news.example/admin/comments/comment/?queue=pending" in mailoutbox[-1].body
    assert ":8000" not in mailoutbox[-1].body


def test_deploy_check_warns_when_the_site_address_is_this_machine(settings):
    settings.NEWSROOM_SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in check_site_url_is_public(None)] == ["newsroom.W002"]
    settings.NEWSROOM_SITE_URL = "https://news.example"
    assert check_site_url_is_public(None) == []
