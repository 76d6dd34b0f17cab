"""Every path that changes a row empties the pages that show it: bulk updates, restores, commands, the shell."""

import io

import pytest
import reversion
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, ArticleNote, Section
from comments.models import Comment
from elections.models import Election, Result

pytestmark = pytest.mark.django_db


def x_cache(response) -> str:
    return response.get("X-Cache", "")


def cached(client, url):
    first = client.get(url)
    assert first.status_code == 200, url
    assert x_cache(client.get(url)) == "hit", url
    return first


def test_queryset_update_takes_an_unpublished_article_down(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(title="Soon withdrawn")
    cached(client, article.get_absolute_url())
    assert b"Soon withdrawn" in cached(client, "/").content
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert b"Soon withdrawn" not in client.get("/").content


def test_queryset_update_puts_a_published_article_up(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(title="Held back", status=Article.Status.DRAFT)
    cached(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert b"Held back" in client.get("/").content


def test_bulk_update_of_results_shows_on_the_election_page(client, demo, django_capture_on_commit_callbacks):
    url = demo.election.get_absolute_url()
    cached(client, url)
    lines = list(Result.objects.filter(election=demo.election))
    for line in lines:
        line.votes = 4242
    with django_capture_on_commit_callbacks(execute=True):
        Result.objects.bulk_update(lines, ["votes"])
    assert b"4,242" in client.get(url).content


def test_queryset_update_of_an_election_empties_its_page(client, demo, django_capture_on_commit_callbacks):
    url = demo.election.get_absolute_url()
    cached(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        Election.objects.filter(pk=demo.election.pk).update(name="Renamed election")
    assert b"Renamed election" in client.get(url).content


def test_renaming_sections_in_bulk_empties_every_page(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(title="Anywhere")
    cached(client, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.update(name="Renamed desk")
    assert b"Renamed desk" in client.get(article.get_absolute_url()).content


def test_hiding_replies_in_bulk_takes_them_off_the_article(client, demo, django_capture_on_commit_callbacks):
    Comment.objects.create(
        article=demo, name="Dana", email="d@reader.test", body="Bulk hidden", fingerprint="d", status="approved"
    )
    url = demo.get_absolute_url()
    assert b"Bulk hidden" in cached(client, url).content
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.filter(body="Bulk hidden").update(status=Comment.Status.REMOVED)
    assert b"Bulk hidden" not in client.get(url).content


def test_an_unseen_field_updated_in_bulk_empties_nothing(client, demo, django_capture_on_commit_callbacks):
    url = demo.get_absolute_url()
    cached(client, url)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Comment.objects.filter(article=demo).update(moderator_note="seen by mona")
    assert callbacks == []
    assert x_cache(client.get(url)) == "hit"


def test_a_correction_rewritten_in_bulk_shows_on_the_article(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(title="Corrected story")
    ArticleNote.objects.create(article=article, text="The turnout was 69 percent.")
    assert b"69 percent" in cached(client, article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        ArticleNote.objects.filter(article=article).update(text="The turnout was 96 percent.")
    assert b"96 percent" in client.get(article.get_absolute_url()).content


def test_restoring_an_old_version_puts_it_on_the_page(client, make_article, django_capture_on_commit_callbacks):
    # django-reversion restores with a raw save, as loaddata does.
    article = make_article(title="First words")
    with reversion.create_revision():
        article.save()
    article.title = "Second words"
    with reversion.create_revision():
        article.save()
    assert b"Second words" in cached(client, article.get_absolute_url()).content
    first = Version.objects.get_for_object(article).last()
    with django_capture_on_commit_callbacks(execute=True):
        first.revert()
    assert b"First words" in client.get(article.get_absolute_url()).content


def test_restoring_an_unpublished_version_takes_the_article_down(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Was a draft", status=Article.Status.DRAFT)
    with reversion.create_revision():
        article.save()
    article.status = Article.Status.PUBLISHED
    with reversion.create_revision(), django_capture_on_commit_callbacks(execute=True):
        article.save()
    cached(client, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        Version.objects.get_for_object(article).last().revert()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_change_from_the_shell_empties_at_once(client, make_article):
    # Outside a transaction (the shell, a command), a change commits at once, and so does the emptying.
    article = make_article(title="Typed in the shell")
    cached(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Corrected in the shell")
    assert b"Corrected in the shell" in client.get(article.get_absolute_url()).content
    article.refresh_from_db()
    article.title = "Saved in the shell"
    article.save()
    assert b"Saved in the shell" in client.get(article.get_absolute_url()).content


@pytest.mark.django_db(transaction=True)
def test_a_management_command_empties_the_pages_it_changes(client, make_article):
    article = make_article(title="Commented story")
    Comment.objects.create(
        article=article, name="Dana", email="dana@reader.test", body="Kept", fingerprint="d", status="approved"
    )
    url = article.get_absolute_url()
    assert b"Dana" in cached(client, url).content
    call_command("erase_reply_data", "dana@reader.test", "--keep-text", stdout=io.StringIO())
    page = client.get(url)
    assert x_cache(page) == "miss"
    assert b"Kept" in page.content
    assert b"Dana" not in page.content


@pytest.mark.django_db(transaction=True)
def test_a_change_that_rolls_back_empties_nothing(client, make_article):
    from django.db import transaction

    article = make_article(title="Steady")
    cached(client, article.get_absolute_url())
    with pytest.raises(RuntimeError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(title="Never")
        raise RuntimeError
    assert x_cache(client.get(article.get_absolute_url())) == "hit"
