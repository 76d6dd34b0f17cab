"""The article page costs the same few queries however many replies and result lines it shows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from comments.models import Comment
from elections.models import Candidate, Election, Result

BUDGET = 8


def add_replies(article, count: int) -> None:
    now = timezone.now()
    replies = [
        Comment(
            article=article, name=f"Reader {n}", email=f"r{n}@example.com", body=f"Thought {n}",
            status=Comment.Status.APPROVED, fingerprint=f"fp-{n}", created_at=now,
        )
        for n in range(count)
    ]  # fmt: skip
    Comment.objects.bulk_create(replies)
    # Every fifth reply answers the one before it, so the thread nests.
    first = list(Comment.objects.filter(article=article).order_by("pk").values_list("pk", flat=True))
    for parent, child in zip(first[::5], first[1::5], strict=False):
        Comment.objects.filter(pk=child).update(parent_id=parent)


def add_election(lines: int) -> Election:
    election = Election.objects.create(
        name="Big count", slug="big-count", country="Testland", date=dt.date(2026, 11, 1),
        authority_name="Board", status=Election.Status.FINAL, registered_voters=100_000, ballots_cast=50_000,
    )  # fmt: skip
    for position in range(lines):
        candidate = Candidate.objects.create(name=f"Candidate {position}", slug=f"candidate-{position}")
        Result.objects.create(
            election=election, candidate=candidate, votes=1000, percent=Decimal("2.00"), position=position
        )
    return election


@pytest.mark.parametrize(("replies", "lines"), [(0, 0), (500, 0), (0, 50), (500, 50)])
def test_article_page_stays_within_its_query_budget(
    client, make_article, replies, lines, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # committed, as the desk's changes are
        election = add_election(lines) if lines else None
        article = make_article(title="Counting night", election=election)
        make_article(title="Older story")
        add_replies(article, replies)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(article.get_absolute_url())
    assert (response.status_code, response["X-Cache"]) == (200, "miss")
    assert response.content.count(b'<li class="reply') >= min(replies, 20)  # the thread's first page
    assert response.content.count(b"Candidate ") >= lines
    assert b"Older story" in response.content


def test_article_page_renders_as_many_templates_with_1000_replies_as_with_200(client, make_article):
    """The thread is shown a page at a time: the page's template renders do not grow with the thread."""
    busy = make_article(title="Busy story")
    busier = make_article(title="Busier story")
    add_replies(busy, 200)
    add_replies(busier, 1000)

    busy_page = client.get(busy.get_absolute_url())
    busier_page = client.get(busier.get_absolute_url())

    assert busy_page.content.count(b'<li class="reply') == busier_page.content.count(b'<li class="reply') == 25
    assert len(busier_page.templates) == len(busy_page.templates)


def covered_story(make_article, capture_on_commit, *, replies: int):
    """An article covering an election of 20 lines, with an older story to relate to, committed."""
    with capture_on_commit(execute=True):
        article = make_article(title="Counting night", election=add_election(20))
        make_article(title="Older story")
        add_replies(article, replies)
    return article


def test_a_reader_the_page_cache_cannot_serve_gets_the_page_from_kept_parts(
    client, make_article, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    article = covered_story(make_article, django_capture_on_commit_callbacks, replies=200)
    first = client.get(article.get_absolute_url())
    client.cookies["messages"] = "from a reply just posted"  # the page cache builds this reader's page
    with django_assert_max_num_queries(0):
        again = client.get(article.get_absolute_url())
    assert again["X-Cache"] == "bypass"
    assert again.content == first.content


def test_approving_a_reply_rebuilds_its_page_of_the_thread_not_the_article(
    client, make_article, moderator, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comments import moderation

    article = covered_story(make_article, django_capture_on_commit_callbacks, replies=30)
    client.get(article.get_absolute_url())
    waiting = Comment.objects.create(
        article=article, name="Dana", email="d@reader.test", body="Late word", fingerprint="d"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate(comments=Comment.objects.filter(pk=waiting.pk), action="approve", moderator=moderator)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url() + "?replies=2")
    assert (response["X-Cache"], b"Late word" in response.content) == ("miss", True)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "comments_comment" in tables
    for table in ("elections_result", "articles_articlenote", "articles_article_tags", "articles_articlestatement"):
        assert table not in tables, table  # the article's own part and its related list were kept
