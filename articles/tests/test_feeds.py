"""RSS 2.0 and Atom feeds for the site and for each section."""

import datetime as dt
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch_xml(client, url: str, content_type: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


@pytest.fixture
def stories(section, make_article):
    world = Section.objects.create(name="World", slug="world")
    home = make_article(title="Home story", summary="At home.", publish_at=timezone.now() - dt.timedelta(hours=1))
    home.authors.add(Author.objects.create(name="Dana Nur", slug="dana-nur"))
    abroad = make_article(title="Abroad story", summary="Far away.", section=world)
    make_article(title="Draft story", status=Article.Status.DRAFT)
    make_article(title="Later story", publish_at=timezone.now() + dt.timedelta(days=1))
    return home, abroad


def test_site_rss_has_the_required_elements_for_every_live_article(client, stories):
    rss = fetch_xml(client, reverse("articles:feed_rss"), "application/rss+xml")
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Abroad story", "Home story"]
    for item in items:
        assert item.findtext("link").startswith("http://testserver/news/")
        assert item.findtext("guid") == item.findtext("link")
        assert item.findtext("description")
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    assert "Dana Nur" in items[1].findtext("{http://purl.org/dc/elements/1.1/}creator", "") + items[1].findtext(
        "author", ""
    )
    assert {category.text for category in items[1].findall("category")} == {"News"}


def test_site_atom_has_the_required_elements(client, stories):
    feed = fetch_xml(client, reverse("articles:feed_atom"), "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}"), required
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Abroad story", "Home story"]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/news/")
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")).tzinfo is not None
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published")).tzinfo is not None
        assert entry.findtext(f"{ATOM}summary")


def test_section_feeds_carry_only_that_section(client, stories):
    url = reverse("articles:section_feed_rss", kwargs={"slug": "world"})
    channel = fetch_xml(client, url, "application/rss+xml").find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Abroad story"]
    assert channel.findtext("link") == "http://testserver/section/world/"
    atom = fetch_xml(client, reverse("articles:section_feed_atom", kwargs={"slug": "news"}), "application/atom+xml")
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == ["Home story"]


def test_an_unknown_section_has_no_feed(client, db):
    assert client.get(reverse("articles:section_feed_rss", kwargs={"slug": "nope"})).status_code == 404


def test_every_page_links_the_site_feeds_and_section_pages_their_own(client, stories):
    home, _abroad = stories
    site_links = [
        '<link rel="alternate" type="application/rss+xml" title="Newsroom: latest news (RSS)" href="/feeds/rss/">',
        '<link rel="alternate" type="application/atom+xml" title="Newsroom: latest news (Atom)" href="/feeds/atom/">',
    ]
    pages = [reverse("articles:home"), reverse("articles:search") + "?q=story", home.get_absolute_url(),
             home.section.get_absolute_url(), "/no/such/page/"]  # fmt: skip
    for url in pages:
        head = client.get(url).content.decode().split("</head>")[0]
        for link in site_links:
            assert link in head, url
    for url in (home.section.get_absolute_url(), home.get_absolute_url()):
        head = client.get(url).content.decode().split("</head>")[0]
        assert 'href="/section/news/rss/"' in head
        assert 'href="/section/news/atom/"' in head


def test_feed_queries_do_not_grow_with_the_feed(client, make_article, django_assert_max_num_queries):
    for number in range(40):
        make_article(title=f"Story {number}").authors.add(Author.objects.get_or_create(name="A", slug="a")[0])
    with django_assert_max_num_queries(4):
        assert client.get(reverse("articles:feed_rss")).status_code == 200


HOSTILE_SUMMARY = 'Q&A </script><script>alert("x")</script>'


def test_atom_delivers_the_summary_as_text(client, make_article):
    make_article(title="Hostile", summary=HOSTILE_SUMMARY)
    for name in ("articles:feed_atom", "articles:section_feed_atom"):
        url = reverse(name, kwargs={"slug": "news"} if "section" in name else None)
        summary = fetch_xml(client, url, "application/atom+xml").find(f"{ATOM}entry/{ATOM}summary")
        assert summary.get("type") == "text"
        assert summary.text == HOSTILE_SUMMARY


def test_rss_delivers_the_summary_escaped_so_readers_show_it_as_text(client, make_article):
    make_article(title="Hostile", summary=HOSTILE_SUMMARY)
    for url in (reverse("articles:feed_rss"), reverse("articles:section_feed_rss", kwargs={"slug": "news"})):
        description = fetch_xml(client, url, "application/rss+xml").findtext("channel/item/description")
        # A reader decodes the XML, then renders HTML: what it renders must be the text itself.
        assert description == "Q&amp;A &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
