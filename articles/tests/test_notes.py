"""Corrections and updates are dated and shown at the end of the article."""

import datetime as dt

from articles.models import ArticleNote
from articles.tests.conftest import article_form, change_url


def test_editor_adds_a_correction_that_readers_see_after_the_article(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    data = article_form(article) | {
        "notes-TOTAL_FORMS": "1",
        "notes-0-kind": "correction",
        "notes-0-noted_at_0": "2026-03-02",
        "notes-0-noted_at_1": "09:30:00",
        "notes-0-text": "An earlier version misspelt the candidate's name.",
    }
    assert client.post(change_url(article), data).status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Corrections and updates" in page
    assert "An earlier version misspelt the candidate&#x27;s name." in page
    assert page.index("Corrections and updates") > page.index("Words.")
    assert 'datetime="2026-03-02T09:30:00' in page


def test_notes_are_listed_oldest_first(make_article):
    article = make_article()
    later = ArticleNote.objects.create(
        article=article, kind="update", text="Later", noted_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
    )
    earlier = ArticleNote.objects.create(
        article=article, text="Earlier", noted_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    )
    assert list(article.notes_for_readers()) == [earlier, later]


def test_article_without_notes_shows_no_empty_section(client, make_article):
    article = make_article()
    assert "Corrections and updates" not in client.get(article.get_absolute_url()).content.decode()


def test_notes_are_ready_for_structured_data(make_article):
    article = make_article()
    note = ArticleNote.objects.create(
        article=article, text="Fixed a figure.", noted_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    )
    assert note.as_structured_data() == {
        "@type": "CorrectionComment",
        "text": "Fixed a figure.",
        "datePublished": "2026-03-02T00:00:00+00:00",
    }
