"""Sitemaps (an index, and a Google News sitemap of the last two days) and robots.txt."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Tag

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def fetch_xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def locations(urlset) -> list[str]:
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


@pytest.fixture
def stories(make_article):
    fresh = make_article(title="Fresh story", publish_at=timezone.now() - dt.timedelta(hours=3))
    fresh.authors.add(Author.objects.create(name="Dana Nur", slug="dana-nur"))
    fresh.tags.add(Tag.objects.create(name="Floods", slug="floods"))
    old = make_article(title="Old story", publish_at=timezone.now() - dt.timedelta(days=3))
    draft = make_article(title="Draft story", status=Article.Status.DRAFT)
    later = make_article(title="Later story", publish_at=timezone.now() + dt.timedelta(hours=1))
    Tag.objects.create(name="Unused", slug="unused")
    return fresh, old, draft, later


def test_sitemap_index_names_each_sitemap_by_absolute_url(client, stories):
    index = fetch_xml(client, reverse("articles:sitemap_index"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    names = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in index.findall(f"{SITEMAP}sitemap")]
    for section in ("pages", "articles", "sections", "authors", "tags"):
        assert f"http://testserver/sitemap-{section}.xml" in names


def test_article_sitemap_lists_live_articles_only_with_their_last_change(client, stories):
    fresh, old, draft, later = stories
    urlset = fetch_xml(client, reverse("articles:sitemap", kwargs={"section": "articles"}))
    assert urlset.tag == f"{SITEMAP}urlset"
    assert locations(urlset) == [
        f"http://testserver{fresh.get_absolute_url()}",
        f"http://testserver{old.get_absolute_url()}",
    ]
    for url in urlset.findall(f"{SITEMAP}url"):
        assert dt.datetime.fromisoformat(url.findtext(f"{SITEMAP}lastmod"))


def test_list_page_sitemaps_skip_pages_without_live_articles(client, stories):
    tags = locations(fetch_xml(client, reverse("articles:sitemap", kwargs={"section": "tags"})))
    assert tags == ["http://testserver/tag/floods/"]
    authors = locations(fetch_xml(client, reverse("articles:sitemap", kwargs={"section": "authors"})))
    assert authors == ["http://testserver/author/dana-nur/"]
    sections = locations(fetch_xml(client, reverse("articles:sitemap", kwargs={"section": "sections"})))
    assert sections == ["http://testserver/section/news/"]


def test_news_sitemap_has_the_last_two_days_with_google_news_elements(client, stories):
    fresh, *_others = stories
    urlset = fetch_xml(client, reverse("articles:news_sitemap"))
    assert urlset.tag == f"{SITEMAP}urlset"
    assert locations(urlset) == [f"http://testserver{fresh.get_absolute_url()}"]
    news = urlset.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh story"
    published = dt.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == fresh.publish_at.replace(microsecond=0)
    assert published.tzinfo is not None


def test_news_sitemap_language_is_the_sites_not_the_readers(client, stories):
    response = client.get(reverse("articles:news_sitemap"), HTTP_ACCEPT_LANGUAGE="ru")
    assert b"<news:language>en</news:language>" in response.content


def test_robots_txt_points_at_both_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_unknown_sitemap_is_a_404(client, db):
    assert client.get("/sitemap-nothing.xml").status_code == 404
