"""The replies desk stays quick with a large table: no full count on each page load."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment

MANY = 100_000


def fill_replies(article, count: int) -> None:
    """`count` replies in one statement: creating them one by one would take minutes."""
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
        "INSERT INTO comments_comment (article_id, name, email, website, body, status, held_reason, created_at,"
        " user_agent, moderator_note, is_staff_reply, is_featured, report_count, notify, fingerprint) "
        "SELECT %s, 'Reader', 'reader' || i || '@example.com', '', 'A thought', "
        "CASE WHEN i %% 50 = 0 THEN 'pending' ELSE 'approved' END, '', %s, '', '', %s, %s, 0, '', 'bulk-' || i FROM n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, article.pk, timezone.now(), False, False])


@pytest.mark.parametrize("size", [10, MANY])
def test_replies_list_stays_within_its_query_budget(client, demo, moderator, size, django_assert_max_num_queries):
    fill_replies(demo, size)
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    # 12 for the list, one for the pending count in the header, one for the rows' open reports.
    with django_assert_max_num_queries(14):
        response = client.get(url, {"queue": "all"})
    assert response.status_code == 200
    assert Comment.objects.count() >= size
    assert b"Reader" in response.content


def test_replies_list_pages_far_into_a_large_table(client, demo, moderator, django_assert_max_num_queries):
    fill_replies(demo, MANY)
    client.force_login(moderator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:comments_comment_changelist"), {"queue": "approved", "p": "5"})
    assert response.status_code == 200
    assert b"Reader" in response.content


def test_queue_counts_stop_at_the_cap(client, demo, moderator, monkeypatch):
    monkeypatch.setattr("comments.admin_queue.DESK_COUNT_CAP", 30)
    fill_replies(demo, 100)  # 98 approved, 2 pending
    client.force_login(moderator)
    response = client.get(reverse("admin:comments_comment_changelist"), {"queue": "approved"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Approved (30+)" in text
    assert "Pending (2)" in text
    # The pages stop where the count stops: the last one offered is the cap's.
    assert response.context["cl"].paginator.count == 30
