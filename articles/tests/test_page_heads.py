"""What every public page tells search engines and link previews, and what an article shares."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from articles.tests import schemaorg
from articles.tests.test_metadata import head_of, json_ld, meta

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The pages' schema.org types, all kinds of WebPage (the vendored subset holds only what articles use).
PAGE_TYPES = {"WebSite": ["CreativeWork"], "CollectionPage": ["WebPage"], "ProfilePage": ["WebPage"]}
PAGE_TYPES |= {"SearchResultsPage": ["WebPage"], "AboutPage": ["WebPage"]}


class At:
    """A page by its address, for head_of()."""

    def __init__(self, url: str):
        self.url = url

    def get_absolute_url(self) -> str:
        return self.url


@pytest.fixture(autouse=True)
def _web_page_types(monkeypatch):
    for name, parents in PAGE_TYPES.items():
        monkeypatch.setitem(schemaorg.TYPES, name, parents)


PUBLIC_PAGES = [
    ("/", "WebSite", "http://testserver/"),
    ("/?utm_source=mail", "WebSite", "http://testserver/"),
    ("/section/politics/", "CollectionPage", "http://testserver/section/politics/"),
    ("/author/staff-correspondent/", "ProfilePage", "http://testserver/author/staff-correspondent/"),
    ("/tag/kazakhstan/", "CollectionPage", "http://testserver/tag/kazakhstan/"),
    ("/search/?q=tokayev", "SearchResultsPage", "http://testserver/search/?q=tokayev"),
    ("/pages/about/", "AboutPage", "http://testserver/pages/about/"),
    ("/pages/privacy/", "WebPage", "http://testserver/pages/privacy/"),
]


@pytest.mark.parametrize(("url", "kind", "canonical"), PUBLIC_PAGES)
def test_every_public_page_has_a_description_a_canonical_url_and_valid_json_ld(client, demo, url, kind, canonical):
    head = head_of(client, At(url))
    descriptions = meta(head, "description")
    assert len(descriptions) == 1
    assert 20 <= len(descriptions[0]) <= 300
    assert head.count('rel="canonical"') == 1
    assert f'<link rel="canonical" href="{canonical}">' in head
    data = json_ld(head)
    assert data["@type"] == kind
    assert data["url"] == canonical
    assert schemaorg.problems(data) == []
    assert meta(head, "og:image") == [f"http://testserver/static/{settings.NEWSROOM_SHARE_IMAGE}"]


def test_an_authors_page_is_about_the_author(client, demo):
    data = json_ld(head_of(client, At("/author/staff-correspondent/")))
    assert data["mainEntity"] == {
        "@type": "Person",
        "name": "Staff Correspondent",
        "url": "http://testserver/author/staff-correspondent/",
    }
    assert meta(head_of(client, At("/author/staff-correspondent/")), "description") == ["Reporting from Astana."]


def test_the_site_share_image_is_big_enough_for_every_network():
    with Image.open(finders.find(settings.NEWSROOM_SHARE_IMAGE)) as image:
        assert image.width >= 1200
        assert image.height >= 630


def test_an_article_shares_its_lead_images_widest_rendition_not_the_logo(client, demo):
    head = head_of(client, demo)
    data = json_ld(head)
    shared = "http://testserver/media/renditions/demo/tokayev-elected-president-1200w.jpg"
    assert data["image"] == [shared]
    assert meta(head, "og:image") == [shared]
    assert meta(head, "twitter:image") == [shared]
    assert "logo" in data["publisher"]["logo"]["url"]


def test_an_article_without_an_image_shares_the_site_image(client, make_article):
    article = make_article()
    head = head_of(client, article)
    assert json_ld(head)["image"] == [f"http://testserver/static/{settings.NEWSROOM_SHARE_IMAGE}"]


def test_the_demo_articles_dates_are_fixed_not_when_it_was_loaded(client, demo):
    data = json_ld(head_of(client, demo))
    assert data["datePublished"] == "2022-11-21T14:00:00+06:00"
    assert data["dateModified"] == "2022-11-21T18:30:00+06:00"


def test_an_edit_moves_date_modified(client, demo):
    demo.summary = "A corrected summary."
    demo.save()
    modified = dt.datetime.fromisoformat(json_ld(head_of(client, demo))["dateModified"])
    assert modified > dt.datetime.fromisoformat("2022-11-21T18:30:00+06:00")


def test_the_news_sitemap_keeps_to_its_schema_on_a_day_without_news(client, demo):
    response = client.get("/news-sitemap.xml")
    urlset = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    urls = urlset.findall(f"{SITEMAP}url")
    # sitemaps.org's schema: at least one <url>, each with its <loc>.
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == ["http://testserver/"]
    assert b"news:news>" not in response.content


def test_search_results_stay_out_of_the_index_but_the_search_page_may_be_found(client, db):
    assert "Disallow: /search/?" in client.get("/robots.txt").content.decode().splitlines()
    assert 'name="robots" content="noindex' in head_of(client, At("/search/?q=tokayev"))
    assert 'name="robots"' not in head_of(client, At("/search/"))
