"""The reader's side: threads, their own pending reply, editing, deleting, reporting, plain text."""

import re

import time_machine
from django.urls import reverse

from comments.models import Comment, Report
from comments.tokens import OWN_REPLIES_COOKIE


def test_thread_nests_three_levels_with_reply_to_links(client, demo, make_reply):
    first = make_reply(name="Aigerim", body="Level one")
    second = make_reply(name="Bolat", body="Level two", parent=first)
    make_reply(name="Dana", body="Level three", parent=second)
    page = client.get(demo.get_absolute_url()).content.decode()
    assert page.count('<ol class="reply-thread') >= 3
    assert re.search(r"Level one.*Level two.*Level three", page, re.S)
    assert f'href="?replyto={first.pk}#leave-a-reply"' in page
    assert "Reply to Aigerim" in page


def test_replyto_without_javascript_sets_the_parent_and_names_it(client, demo, make_reply, post_reply):
    first = make_reply(name="Aigerim", body="Level one")
    page = client.get(demo.get_absolute_url(), {"replyto": first.pk}).content.decode()
    assert "Replying to Aigerim" in page
    assert f'name="parent" value="{first.pk}"' in page
    post_reply(parent=first.pk)
    assert Comment.objects.get(name="Aliya").parent == first


def test_replyto_garbage_is_ignored(client, demo):
    assert client.get(demo.get_absolute_url(), {"replyto": "x'<"}).status_code == 200


def test_featured_reply_is_shown_first(client, demo, make_reply):
    make_reply(body="An early reply")
    make_reply(body="The featured one", is_featured=True)
    page = client.get(demo.get_absolute_url()).content.decode()
    assert page.index("The featured one") < page.index("An early reply")


def test_article_cards_count_approved_replies_only(client, demo, make_reply):
    before = client.get("/").content.decode()
    make_reply(status=Comment.Status.PENDING, body="waiting")
    assert client.get("/").content.decode().count("reply-count") == before.count("reply-count")


def test_own_pending_reply_is_shown_only_to_its_author(client, demo, post_reply):
    response = post_reply()
    assert response.cookies[OWN_REPLIES_COOKIE]["path"] == "/comments/"
    article_page = client.get(demo.get_absolute_url()).content.decode()
    assert "Thank you for the clear report." not in article_page  # the cacheable page is the same for all
    mine = client.get(reverse("comments:mine", kwargs={"article_id": demo.pk}), {"fragment": 1})
    assert "Thank you for the clear report." in mine.content.decode()
    assert "Awaiting moderation" in mine.content.decode()
    assert "no-store" in mine["Cache-Control"] or "no-cache" in mine["Cache-Control"]
    client.cookies.clear()
    other = client.get(reverse("comments:mine", kwargs={"article_id": demo.pk}), {"fragment": 1})
    assert "Thank you for the clear report." not in other.content.decode()


def test_article_page_never_carries_the_readers_name_or_email(client, demo, post_reply):
    post_reply(name="Zhanar Unique", email="zhanar@example.com")
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "Zhanar Unique" not in page
    assert "zhanar@example.com" not in page


def test_forged_own_replies_cookie_shows_nothing(client, demo, post_reply):
    post_reply()
    client.cookies[OWN_REPLIES_COOKIE] = "[1,2,3]"
    mine = client.get(reverse("comments:mine", kwargs={"article_id": demo.pk}))
    assert "Thank you for the clear report." not in mine.content.decode()


def test_own_replies_token_expires(client, demo, post_reply, time_machine):
    time_machine.move_to("2026-05-01 12:00:00Z", tick=False)
    post_reply()
    time_machine.shift(8 * 24 * 60 * 60)
    mine = client.get(reverse("comments:mine", kwargs={"article_id": demo.pk}))
    assert "Thank you for the clear report." not in mine.content.decode()


def test_author_edits_within_ten_minutes_and_approved_reply_goes_back_to_queue(client, demo, post_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    with time_machine.travel("2026-05-01 12:00:00Z", tick=False) as clock:
        post_reply()
        reply = Comment.objects.get(name="Aliya")
        assert reply.status == Comment.Status.APPROVED
        clock.shift(9 * 60)
        response = client.post(reverse("comments:edit", kwargs={"pk": reply.pk}), {"body": "Better words"})
        assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Better words"
    assert reply.status == Comment.Status.PENDING
    assert "edited after approval" in reply.held_reason
    assert reply.edited_at is not None


def test_author_cannot_edit_or_delete_after_ten_minutes(client, demo, post_reply):
    with time_machine.travel("2026-05-01 12:00:00Z", tick=False) as clock:
        post_reply()
        reply = Comment.objects.get(name="Aliya")
        clock.shift(10 * 60 + 1)
        edit = client.post(reverse("comments:edit", kwargs={"pk": reply.pk}), {"body": "Too late"})
        delete = client.post(reverse("comments:delete", kwargs={"pk": reply.pk}))
    assert edit.status_code == 403 and delete.status_code == 403
    assert "within 10 minutes" in edit.content.decode()
    reply.refresh_from_db()
    assert reply.body == "Thank you for the clear report."


def test_nobody_else_can_edit_a_reply(client, demo, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    response = client.post(reverse("comments:edit", kwargs={"pk": reply.pk}), {"body": "Hijacked"})
    assert response.status_code == 404
    assert Comment.objects.get(pk=reply.pk).body == "A reader's thought"


def test_edit_with_empty_text_is_a_form_error(client, demo, post_reply):
    post_reply()
    reply = Comment.objects.get(name="Aliya")
    response = client.post(reverse("comments:edit", kwargs={"pk": reply.pk}), {"body": "  "})
    assert response.status_code == 400
    assert Comment.objects.get(pk=reply.pk).body == "Thank you for the clear report."


def test_author_deletes_their_reply_and_answers_move_up(client, demo, post_reply, make_reply, settings):
    settings.NEWSROOM_REPLY_MODE = "post"
    post_reply()
    reply = Comment.objects.get(name="Aliya")
    answer = make_reply(parent=reply, body="An answer")
    assert client.get(reverse("comments:delete", kwargs={"pk": reply.pk})).status_code == 200
    assert client.post(reverse("comments:delete", kwargs={"pk": reply.pk})).status_code == 302
    assert not Comment.objects.filter(pk=reply.pk).exists()
    answer.refresh_from_db()
    assert answer.parent_id is None


def test_reports_send_a_reply_back_to_the_queue(client, demo, make_reply, settings):
    settings.NEWSROOM_REPLY_REPORTS_TO_QUEUE = 2
    reply = make_reply(body="Contested words")
    url = reverse("comments:report", kwargs={"pk": reply.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "abuse"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    client.post(url, {"reason": "abuse"}, REMOTE_ADDR="10.0.0.1")  # the same reader again counts once
    reply.refresh_from_db()
    assert (reply.status, reply.report_count) == (Comment.Status.APPROVED, 1)
    client.post(url, {"reason": "spam", "detail": "an advert"}, REMOTE_ADDR="10.0.0.2")
    reply.refresh_from_db()
    assert reply.status == Comment.Status.PENDING
    assert reply.held_reason == "reported 2 times"
    assert Report.objects.filter(comment=reply).count() == 2


def test_report_needs_a_valid_reason(client, demo, make_reply):
    reply = make_reply()
    response = client.post(reverse("comments:report", kwargs={"pk": reply.pk}), {"reason": "nonsense"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_only_approved_replies_can_be_reported(client, demo, make_reply):
    reply = make_reply(status=Comment.Status.PENDING)
    assert client.get(reverse("comments:report", kwargs={"pk": reply.pk})).status_code == 404


def test_links_are_text_until_approved_then_nofollow_ugc(client, demo, post_reply):
    post_reply(body="Read https://example.org/source\nsecond line <b>bold</b>")
    reply = Comment.objects.get(name="Aliya")
    mine = client.get(reverse("comments:mine", kwargs={"article_id": demo.pk})).content.decode()
    assert "https://example.org/source" in mine
    assert 'href="https://example.org/source"' not in mine
    assert "&lt;b&gt;bold&lt;/b&gt;" in mine
    Comment.objects.filter(pk=reply.pk).update(status=Comment.Status.APPROVED)
    page = client.get(demo.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/source" rel="nofollow ugc noopener">' in page
    assert "<br>second line &lt;b&gt;bold&lt;/b&gt;" in page


def test_avatars_are_initials_with_no_email_hash(client, demo, make_reply):
    make_reply(name="Aigerim Bekova", email="aigerim@example.com")
    page = client.get(demo.get_absolute_url()).content.decode()
    assert re.search(r'<span class="avatar avatar-\d" aria-hidden="true">AB</span>', page)
    assert "gravatar" not in page.lower()
    assert not re.search(r"\b[0-9a-f]{32}\b", page)


def test_article_page_query_count_does_not_grow_with_replies(
    client, demo, make_reply, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.get(demo.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):  # each approval empties the cached page
        for index in range(3):
            make_reply(body=f"reply {index}")
    with django_assert_max_num_queries(25) as few:
        page = client.get(demo.get_absolute_url())
    assert page["X-Cache"] == "miss"  # built, with the new replies: not served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(20):
            make_reply(body=f"more {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(demo.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert len(few.captured_queries) > 0


def test_form_sent_back_with_errors_still_names_the_reply_it_answers(demo, make_reply, post_reply):
    first = make_reply(name="Aigerim", body="Level one")
    response = post_reply(parent=first.pk, email="not-an-email")
    assert response.status_code == 400
    assert "Replying to Aigerim" in response.content.decode()
