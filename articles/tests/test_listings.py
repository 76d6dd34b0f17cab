"""The author's and tag's lists follow the links and the articles they copy (articles/listings.py)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles.listings import AuthorListing, TagListing
from articles.models import Article, Author, Tag

NOON = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def what_links_say() -> set:
    """Every link, with its article's status and publish time as stored."""
    rows = set()
    for field, key in (("authors", "author_id"), ("tags", "tag_id")):
        link = getattr(Article, field).through.objects
        copied = link.values_list("article_id", key, "article__status", "article__publish_at")
        rows |= {(field, *row) for row in copied}
    return rows


def what_listings_say() -> set:
    rows = {("authors", *row) for row in AuthorListing.objects.values_list("article_id", "author_id", *COPIED)}
    return rows | {("tags", *row) for row in TagListing.objects.values_list("article_id", "tag_id", *COPIED)}


COPIED = ("status", "publish_at")


def assert_in_step():
    assert what_listings_say() == what_links_say()


@pytest.fixture
def people(db):
    authors = [Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}") for n in range(3)]
    tags = [Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(3)]
    return authors, tags


def test_listings_follow_links_changed_from_either_side(make_article, people):
    authors, tags = people
    first, second = make_article(slug="first"), make_article(slug="second")
    first.authors.add(*authors[:2])
    first.tags.set(tags[:2])
    authors[2].articles.add(first, second)
    tags[2].articles.add(second)
    assert_in_step()
    assert len(what_listings_say()) == 7
    first.authors.remove(authors[0])
    authors[2].articles.remove(second)
    tags[0].articles.clear()
    assert_in_step()
    second.tags.clear()
    first.tags.set([tags[2]])
    assert_in_step()
    authors[2].delete()
    first.delete()
    assert_in_step()
    assert what_listings_say() == set()


def test_listings_follow_the_status_and_publish_time_however_they_are_written(make_article, people):
    authors, tags = people
    article = make_article(status=Article.Status.DRAFT)
    article.authors.add(authors[0])
    article.tags.add(tags[0])
    article.status = Article.Status.PUBLISHED
    article.save()
    assert_in_step()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - dt.timedelta(days=3))
    assert_in_step()
    article.refresh_from_db()
    article.status = Article.Status.IN_REVIEW
    Article.objects.bulk_update([article], ["status"])
    assert_in_step()
    article.publish_at = timezone.now() - dt.timedelta(days=1)
    article.save(update_fields=["publish_at"])
    assert_in_step()


def test_a_scheduled_article_joins_its_authors_and_tags_lists_at_its_time(client, make_article, people):
    authors, tags = people
    with time_machine.travel(NOON, tick=False):
        article = make_article(title="Spring floods", publish_at=NOON + dt.timedelta(hours=1))
        article.authors.add(authors[0])
        article.tags.add(tags[0])
        assert "Spring floods" not in client.get(authors[0].get_absolute_url()).content.decode()
        assert "Spring floods" not in client.get(tags[0].get_absolute_url()).content.decode()
    with time_machine.travel(NOON + dt.timedelta(hours=1), tick=False):
        assert "Spring floods" in client.get(authors[0].get_absolute_url()).content.decode()
        assert "Spring floods" in client.get(tags[0].get_absolute_url()).content.decode()
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
        cache.clear()  # the page cache empties after the commit that a test never makes
        assert "Spring floods" not in client.get(authors[0].get_absolute_url()).content.decode()
        assert "Spring floods" not in client.get(tags[0].get_absolute_url()).content.decode()


def test_an_authors_list_is_newest_first_and_holds_only_their_live_articles(client, make_article, people):
    authors, _tags = people
    start = timezone.now() - dt.timedelta(days=2)
    for number in range(4):
        article = make_article(title=f"Story {number}", publish_at=start + dt.timedelta(hours=number))
        article.authors.add(authors[number % 2])
    make_article(title="Story draft", status=Article.Status.DRAFT).authors.add(authors[0])
    listed = Article.objects.published().for_listing().by_author(authors[0])
    assert [article.title for article in listed] == ["Story 2", "Story 0"]
