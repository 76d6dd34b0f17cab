"""Who may change what: CSRF, safe GETs, and the desk closed to everyone else."""

import pytest
from django.test import Client

from comments.models import Comment
from newsroom.tests.readers import post_url, reply_data


@pytest.fixture
def pending_reply(demo):
    return Comment.objects.create(
        article=demo, name="Dana", email="dana@reader.test", body="Held for review", fingerprint="dana"
    )


def test_reply_without_csrf_token_is_refused(demo):
    browser = Client(enforce_csrf_checks=True)
    data = reply_data(browser, demo)
    response = browser.post(post_url(demo), data)
    assert response.status_code == 403
    assert not Comment.objects.filter(body="A plain reply.").exists()


def test_reply_with_csrf_token_from_the_token_endpoint_is_accepted(demo):
    # The cached article page carries no token; the page's script asks /csrf/ for one.
    browser = Client(enforce_csrf_checks=True)
    data = reply_data(browser, demo)
    data["csrfmiddlewaretoken"] = browser.get("/csrf/").json()["token"]
    response = browser.post(post_url(demo), data)
    assert response.status_code == 302
    assert Comment.objects.filter(body="A plain reply.").count() == 1


def test_admin_actions_need_a_csrf_token(moderator, pending_reply):
    desk = Client(enforce_csrf_checks=True)
    desk.force_login(moderator)
    response = desk.post(
        "/admin/comments/comment/", {"action": "approve", "_selected_action": [pending_reply.pk], "index": 0}
    )
    assert response.status_code == 403
    pending_reply.refresh_from_db()
    assert pending_reply.status == Comment.Status.PENDING


def test_posting_url_does_nothing_on_get(client, demo):
    response = client.get(post_url(demo), {"name": "G", "email": "g@reader.test", "body": "via GET"})
    assert response.status_code == 405
    assert not Comment.objects.filter(body="via GET").exists()


def test_logout_does_nothing_on_get(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/logout/").status_code == 405
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/admin/comments/comment/", "/admin/articles/article/add/"])
def test_desk_is_closed_to_anonymous_visitors_and_non_staff(client, outsider, path):
    assert client.get(path).status_code == 302
    client.force_login(outsider)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_moderation_is_closed_to_an_outsider_posting_directly(client, outsider, pending_reply):
    client.force_login(outsider)
    client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [pending_reply.pk]})
    pending_reply.refresh_from_db()
    assert pending_reply.status == Comment.Status.PENDING


def test_editor_cannot_approve_replies(client, editor, pending_reply):
    client.force_login(editor)
    client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [pending_reply.pk]})
    pending_reply.refresh_from_db()
    assert pending_reply.status == Comment.Status.PENDING


def test_moderator_cannot_write_articles(client, moderator, section):
    client.force_login(moderator)
    assert client.get("/admin/articles/article/add/").status_code == 403
