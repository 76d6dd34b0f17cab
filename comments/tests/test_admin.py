from django.urls import reverse

from comments.models import Comment


def _pending(article, body="Please approve me"):
    return Comment.objects.create(article=article, name="Reader", email="r@example.com", body=body, fingerprint=body)


def test_moderator_approves_a_reply_and_readers_see_it(client, demo, moderator):
    reply = _pending(demo)
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [reply.pk]},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED
    assert reply.moderated_by == moderator
    client.logout()
    assert "Please approve me" in client.get(demo.get_absolute_url()).content.decode()


def test_moderator_marks_spam_and_removes(client, demo, moderator):
    spam, removed = _pending(demo, "spam text"), _pending(demo, "rude text")
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    client.post(url, {"action": "mark_spam", "_selected_action": [spam.pk]})
    client.post(url, {"action": "remove", "_selected_action": [removed.pk]})
    assert Comment.objects.get(pk=spam.pk).status == Comment.Status.SPAM
    assert Comment.objects.get(pk=removed.pk).status == Comment.Status.REMOVED


def test_replies_list_filters_by_status_and_searches(client, demo, moderator):
    _pending(demo, "needle in the queue")
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    assert "needle in the queue" in client.get(url, {"status__exact": "pending"}).content.decode()
    assert "needle in the queue" not in client.get(url, {"status__exact": "approved"}).content.decode()
    assert "needle in the queue" in client.get(url, {"q": "needle"}).content.decode()


def test_outsider_cannot_reach_the_replies_list(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("admin:comments_comment_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
