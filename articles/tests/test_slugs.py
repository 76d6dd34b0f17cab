"""Changing the slug of a published article keeps its old address working."""

from articles.models import Article, OldSlug
from articles.tests.conftest import article_form, change_url


def test_changed_slug_of_a_published_article_redirects_permanently(client, editor, make_article):
    article = make_article(title="Old title", slug="old-title")
    client.force_login(editor)
    assert client.post(change_url(article), article_form(article, slug="new-title")).status_code == 302
    client.logout()
    response = client.get("/news/old-title/")
    assert response.status_code == 301
    assert response["Location"] == "/news/new-title/"
    assert client.get("/news/new-title/").status_code == 200


def test_slug_changes_twice_and_back_never_loop(client, make_article):
    article = make_article(slug="first")
    for slug in ("second", "third", "first"):
        article.slug = slug
        article.save()
    assert set(OldSlug.objects.values_list("slug", flat=True)) == {"second", "third"}
    assert client.get("/news/first/").status_code == 200
    assert client.get("/news/second/")["Location"] == "/news/first/"


def test_draft_slug_changes_leave_no_redirect(client, make_article):
    article = make_article(slug="draft-one", status=Article.Status.DRAFT)
    article.slug = "draft-two"
    article.save()
    assert not OldSlug.objects.exists()
    assert client.get("/news/draft-one/").status_code == 404


def test_old_slug_of_an_unpublished_article_does_not_redirect(client, make_article):
    article = make_article(slug="was-live")
    article.slug = "now-renamed"
    article.save()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get("/news/was-live/").status_code == 404


def test_slug_is_made_from_the_title_and_never_collides(client, editor, section):
    client.force_login(editor)
    for _ in range(2):
        blank = Article(title="Polls close", slug="", section=section, body="<p>Counting.</p>")
        response = client.post("/admin/articles/article/add/", article_form(blank, status="draft"))
        assert response.status_code == 302
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["polls-close", "polls-close-2"]
