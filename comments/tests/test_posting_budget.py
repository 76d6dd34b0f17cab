"""Posting a reply costs a few queries, the same for a quiet article and a busy one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Ban, Comment
from comments.policy import check_banned

# The article with its reply policy, the bans, the insert: outside a transaction, as a server runs the view
# (these tests are transactional for that), the insert is its own, with no BEGIN, COMMIT or savepoint.
POST_BUDGET = 3
# A test's own transaction makes the insert take a savepoint: its two statements.
POST_BUDGET_IN_A_TRANSACTION = POST_BUDGET + 2


def queries_to_post(post_reply, n: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = post_reply(email=f"reader{n}@example.com", body=f"Reply number {n}.")
    assert response.status_code == 302
    return len(queries)


@pytest.mark.django_db(transaction=True)
def test_posting_takes_the_same_few_queries_whatever_the_thread_holds(demo, post_reply, make_reply):
    quiet = queries_to_post(post_reply, 1)
    for n in range(40):
        make_reply(body=f"Approved {n}", email=f"other{n}@example.com")
        make_reply(body=f"Waiting {n}", email=f"other{n}@example.com", status=Comment.Status.PENDING)
    busy = queries_to_post(post_reply, 2)
    assert busy == quiet <= POST_BUDGET


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_outside_a_transaction_is_refused_and_stored_once(demo, post_reply):
    assert post_reply(email="twice@example.com", body="Said once.").status_code == 302
    with CaptureQueriesContext(connection) as queries:
        again = post_reply(email="Twice@Example.com ", body="  Said   once. ")
    assert again.status_code == 409
    assert Comment.objects.filter(email__iexact="twice@example.com").count() == 1
    # The failed insert was a transaction of its own: nothing to roll back to, nothing left open.
    statements = [query["sql"].split()[0].upper() for query in queries]
    assert not {"BEGIN", "SAVEPOINT", "ROLLBACK"} & set(statements)
    assert not connection.in_atomic_block


def test_inside_a_transaction_the_insert_takes_a_savepoint(demo, post_reply):
    with CaptureQueriesContext(connection) as queries:
        response = post_reply(email="saved@example.com", body="Inside the test's transaction.")
    assert response.status_code == 302
    assert len(queries) == POST_BUDGET_IN_A_TRANSACTION
    duplicate = post_reply(email="saved@example.com", body="Inside the test's transaction.")
    assert duplicate.status_code == 409
    # The savepoint rolled back only the failed insert: the transaction goes on.
    assert Comment.objects.filter(email="saved@example.com").count() == 1


def test_a_held_reply_does_not_count_the_moderation_queue(
    demo, post_reply, make_reply, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_REPLY_DIGEST_THRESHOLD = 50
    for n in range(20):
        make_reply(body=f"Waiting {n}", email=f"other{n}@example.com", status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        response = post_reply(email="held@example.com", body="Held for a moderator.")
    assert response.status_code == 302
    assert Comment.objects.get(email="held@example.com").status == Comment.Status.PENDING
    # What runs after commit too: the digest's check is the job's, not the request's.
    assert len(queries) <= POST_BUDGET_IN_A_TRANSACTION
    assert not [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_one_query_finds_any_ban_and_the_email_ban_names_the_verdict(db, django_assert_num_queries):
    Ban.objects.create(kind=Ban.Kind.DOMAIN, value="example.com")
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="banned@example.com")
    Ban.objects.create(kind=Ban.Kind.IP, value="192.0.2.1")
    reply = Comment(email="Banned@Example.com", ip_address="192.0.2.1")
    with django_assert_num_queries(1):
        verdict = check_banned(reply)
    assert verdict.reason == "banned email"
    assert check_banned(Comment(email="someone@example.com", ip_address="192.0.2.1")).reason == "banned domain"
    assert check_banned(Comment(email="someone@elsewhere.test", ip_address="192.0.2.1")).reason == "banned ip"
    assert check_banned(Comment(email="someone@elsewhere.test", ip_address="192.0.2.2")) is None
