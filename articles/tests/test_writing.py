"""Writing on the desk: tags and bylines for reporters, the compare view, read-only bodies, safe widgets."""

from django.urls import reverse
from reversion.models import Version

from articles.models import ArticleNote, Author, Tag
from articles.tests.conftest import article_form, change_url


def test_reporters_may_create_tags_and_bylines(client, reporter):
    client.force_login(reporter)
    tag = client.post(reverse("admin:articles_tag_add"), {"name": "Turnout", "slug": "turnout"})
    byline = client.post(reverse("admin:articles_author_add"), {"name": "Guest Writer", "slug": "guest-writer"})
    assert tag.status_code == byline.status_code == 302
    assert Tag.objects.filter(slug="turnout").exists() and Author.objects.filter(slug="guest-writer").exists()


def test_compare_shows_words_labels_local_times_and_notes(client, editor, make_article, settings):
    settings.TIME_ZONE = "Asia/Almaty"
    article = make_article(body="<p>The count&nbsp;began on Sunday morning.</p>", status="draft")
    client.force_login(editor)
    client.post(change_url(article), article_form(article))
    article.refresh_from_db()
    changed = article_form(article, body="<p>The count began on Monday morning.</p>")
    client.post(change_url(article), changed | {"status": "in_review", "publish_at_1": "09:30:00"})
    ArticleNote.objects.create(article=article, text="The day was wrong.")
    newer, older = Version.objects.get_for_object(article)[:2]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = client.get(url, {"older": older.pk, "newer": newer.pk}).content.decode()
    assert "<del>Sunday</del> <ins>Monday</ins>" in page
    assert "&amp;nbsp;" not in page and "nbsp" not in page.split("version-compare")[1]
    assert "<ins>In review</ins>" in page and "in_review" not in page.split("version-compare")[1]
    assert "9:30 a.m." in page and "+00:00" not in page
    assert "Publish at" in page


def test_notes_between_two_versions_are_listed(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    client.post(change_url(article), article_form(article))
    article.refresh_from_db()
    ArticleNote.objects.create(article=article, text="A name was misspelt.")
    client.post(change_url(article), article_form(article, title="Corrected"))
    newer, older = Version.objects.get_for_object(article)[:2]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = client.get(url, {"older": older.pk, "newer": newer.pk}).content.decode()
    assert "A name was misspelt." in page


def test_read_only_views_show_the_body_as_readers_see_it(client, moderator, make_article):
    article = make_article(body="<p>Words with <strong>weight</strong>.</p>")
    client.force_login(moderator)
    page = client.get(change_url(article)).content.decode()
    assert "<strong>weight</strong>" in page and "&lt;strong&gt;" not in page


def test_an_article_form_never_offers_to_delete_its_section(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "delete_id_section" not in page


def test_body_images_are_offered_only_to_those_who_may_change_the_article(client, reporter, editor, make_article):
    live = make_article()
    client.force_login(reporter)
    assert client.get(reverse("admin:articles_article_body_images", args=[live.pk])).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:articles_article_body_images", args=[live.pk])).json() == {"images": []}


def test_link_search_finds_published_articles_by_title_words(client, reporter, make_article):
    make_article(title="Turnout reached a record", slug="turnout-record")
    make_article(title="Turnout draft", slug="turnout-draft", status="draft")
    client.force_login(reporter)
    url = reverse("admin:articles_article_link_search")
    found = client.get(url, {"q": "turnout RECORD"}).json()["results"]
    assert found == [{"label": "Turnout reached a record", "url": "/turnout-record/"}] or (
        len(found) == 1 and found[0]["label"] == "Turnout reached a record"
    )
    assert client.get(url, {"q": "draft"}).json()["results"] == []
    assert client.get(url).json()["results"] == []
