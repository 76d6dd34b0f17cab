"""The thread a page at a time: links that work without JavaScript, permalinks, a cost flat in replies."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment


def shown(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="reply[^"]*" id="reply-(\d+)"', page)]


@pytest.fixture
def two_per_page(settings):
    settings.NEWSROOM_REPLY_THREADS_PER_PAGE = 2


@pytest.fixture
def story(make_article):
    return make_article(title="Counting night")


@pytest.fixture
def reply_to_story(make_reply, story):
    def make(**fields):
        return make_reply(article=story, **fields)

    return make


def test_a_page_holds_its_top_level_replies_with_their_answers(client, story, reply_to_story, two_per_page):
    first = reply_to_story(body="one", email="1@example.com")
    answer = reply_to_story(body="answer", email="2@example.com", parent=first)
    second = reply_to_story(body="two", email="3@example.com")
    third = reply_to_story(body="three", email="4@example.com")

    page_one = client.get(story.get_absolute_url()).content.decode()
    page_two = client.get(story.get_absolute_url(), {"replies": 2}).content.decode()

    assert shown(page_one) == [first.pk, answer.pk, second.pk]
    assert shown(page_two) == [third.pk]
    assert "4 replies" in page_one  # the heading counts them all
    assert 'rel="next" href="?replies=2#replies"' in page_one
    assert f'rel="prev" href="{story.get_absolute_url()}#replies"' in page_two
    assert 'rel="next"' not in page_two


@pytest.mark.parametrize("number", ["3", "0", "abc", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_not_found(client, story, reply_to_story, two_per_page, number):
    reply_to_story(body="one", email="1@example.com")
    assert client.get(story.get_absolute_url(), {"replies": number}).status_code == 404


def test_a_permalink_lands_on_the_page_that_holds_the_reply(client, story, reply_to_story, two_per_page):
    roots = [reply_to_story(body=f"root {n}", email=f"{n}@example.com") for n in range(5)]
    answer = reply_to_story(body="late answer", email="x@example.com", parent=roots[4])
    pending = reply_to_story(body="waiting", email="w@example.com", status=Comment.Status.PENDING)

    response = client.get(answer.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}?replies=3#reply-{answer.pk}"
    assert client.get(roots[0].get_absolute_url())["Location"] == f"{story.get_absolute_url()}#reply-{roots[0].pk}"
    assert client.get(pending.get_absolute_url())["Location"] == f"{story.get_absolute_url()}#replies"
    assert answer.pk in shown(client.get(f"{story.get_absolute_url()}?replies=3").content.decode())


def test_a_permalink_to_a_removed_or_unknown_reply_is_not_found(client, story, reply_to_story):
    removed = reply_to_story(status=Comment.Status.REMOVED)
    assert client.get(removed.get_absolute_url()).status_code == 404
    assert client.get(reverse("comments:reply", kwargs={"pk": 10**9})).status_code == 404


def test_the_thread_page_is_kept_until_a_reply_is_approved(
    client, story, reply_to_story, django_capture_on_commit_callbacks
):
    reply = reply_to_story(body="kept")
    client.get(story.get_absolute_url())  # builds and keeps the page and its thread
    again = client.get(story.get_absolute_url(), {"replyto": reply.pk})  # another page address, the same thread page
    assert again["X-Cache"] == "miss"
    assert "comments/_replies.html" not in [template.name for template in again.templates]
    assert reply.pk in shown(again.content.decode())

    late = reply_to_story(body="approved later", email="late@example.com", status=Comment.Status.PENDING)
    late.status = Comment.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):  # the approval empties the article's group once committed
        late.save()

    after = client.get(story.get_absolute_url(), {"replyto": reply.pk})
    assert "comments/_replies.html" in [template.name for template in after.templates]
    assert late.pk in shown(after.content.decode())


def add_replies(article, count: int) -> None:
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            article=article, name=f"Reader {n}", email=f"r{n}@example.com", body=f"Thought number {n:04}",
            status=Comment.Status.APPROVED, fingerprint=f"fp-{n}", created_at=now,
        )
        for n in range(count)
    )  # fmt: skip
    # Every fifth reply answers the one before it, so the thread nests.
    pks = list(Comment.objects.filter(article=article).order_by("pk").values_list("pk", flat=True))
    for parent, child in zip(pks[::5], pks[1::5], strict=False):
        Comment.objects.filter(pk=child).update(parent_id=parent)


def test_the_article_page_costs_the_same_with_1000_replies_as_with_10(
    client, make_article, settings, django_assert_max_num_queries
):
    settings.NEWSROOM_REPLY_THREADS_PER_PAGE = 8  # 10 replies in 8 threads: both pages show a full page
    quiet, busy = make_article(title="Quiet night"), make_article(title="Busy night")
    add_replies(quiet, 10)
    add_replies(busy, 1000)
    measured = {}
    for article in (quiet, busy):
        cache.clear()  # a miss: nothing of the page or its thread kept
        with django_assert_max_num_queries(8) as queries:
            response = client.get(article.get_absolute_url())
        assert response["X-Cache"] == "miss"
        measured[article.title] = (len(queries.captured_queries), len(response.content))
    (quiet_queries, quiet_size), (busy_queries, busy_size) = measured["Quiet night"], measured["Busy night"]
    assert busy_queries == quiet_queries
    assert busy_size <= quiet_size * 1.05  # the pages' links and the count's digits, nothing per reply


def test_a_page_of_the_thread_is_kept_once_however_its_number_is_spelt(
    client, story, reply_to_story, two_per_page, django_assert_num_queries
):
    for n in range(4):
        reply_to_story(body=f"reply {n}", email=f"{n}@example.com")
    first = client.get(story.get_absolute_url() + "?replies=2")
    client.cookies["messages"] = "x"  # built for this reader, from the kept parts
    with django_assert_num_queries(0):
        again = client.get(story.get_absolute_url() + "?replies=02")
    assert shown(again.content.decode()) == shown(first.content.decode()) != []
    assert client.get(story.get_absolute_url() + "?replies=9").status_code == 404
