"""The front page and the section, author, tag and search lists."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from comments.models import Comment

# A page's queries must not grow with its content: the same budget holds for
# a handful of articles and for several pages of them.
BUDGET = 8
SIZES = [25, 60]  # both past one page, so that page 2 exists


@pytest.fixture
def archive(section, make_article):
    """Build `count` live articles spread over two sections, each with authors, a tag and replies."""

    def build(count: int):
        world = Section.objects.create(name="World", slug="world", position=2)
        tag = Tag.objects.create(name="Kazakhstan", slug="kazakhstan")
        authors = [Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}") for n in range(2)]
        start = timezone.now() - dt.timedelta(days=1)
        for number in range(count):
            article = make_article(
                title=f"Story {number} about Astana",
                summary=f"Summary {number}.",
                section=world if number % 2 else section,
                publish_at=start + dt.timedelta(minutes=number),
            )
            article.authors.set(authors)
            article.tags.add(tag)
            add_replies(article, approved=2, pending=1)
        return {"section": section, "author": authors[0], "tag": tag}

    return build


def add_replies(article, *, approved: int, pending: int) -> None:
    statuses = [Comment.Status.APPROVED] * approved + [Comment.Status.PENDING] * pending
    Comment.objects.bulk_create(
        Comment(article=article, name="Reader", email="reader@reader.test", body=f"Reply {n}", status=status,
                fingerprint=f"{article.pk}-{n}")
        for n, status in enumerate(statuses)
    )  # fmt: skip


def list_urls(scope) -> list[str]:
    return [
        reverse("articles:home"),
        reverse("articles:home") + "?page=2",
        scope["section"].get_absolute_url(),
        scope["author"].get_absolute_url(),
        scope["tag"].get_absolute_url(),
        reverse("articles:search") + "?q=Astana",
    ]


@pytest.mark.parametrize("count", SIZES)
def test_list_pages_run_a_fixed_number_of_queries(client, archive, count, django_assert_max_num_queries):
    scope = archive(count)
    for url in list_urls(scope):
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert response.status_code == 200, url


def test_list_queries_do_not_grow_with_the_archive(client, archive, section, make_article):
    scope = archive(25)
    urls = list_urls(scope)
    before = [count_queries(client, url) for url in urls]
    for number in range(60):
        make_article(title=f"More {number} Astana").tags.add(scope["tag"])
    assert [count_queries(client, url) for url in urls] == before


def count_queries(client, url: str) -> int:
    """What building the page costs (not serving it from the page cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_card_shows_title_reading_time_excerpt_byline_date_and_approved_replies(client, make_article):
    article = make_article(title="Flood waters recede", summary="The Ishim is back in its banks.")
    article.authors.add(Author.objects.create(name="Dana Nur", slug="dana-nur"))
    add_replies(article, approved=2, pending=3)
    page = client.get(article.section.get_absolute_url()).content.decode()
    assert "Flood waters recede" in page
    assert "1 min read" in page
    assert "The Ishim is back in its banks." in page
    assert 'href="/author/dana-nur/">Dana Nur</a>' in page
    published = article.publish_at.astimezone(timezone.get_current_timezone())
    assert f'datetime="{published.isoformat(timespec="seconds")}"' in page
    assert "2 replies" in page
    assert "5 replies" not in page


def test_front_page_leads_with_the_featured_story_and_groups_the_rest_by_section(client, section, make_article):
    world = Section.objects.create(name="World", slug="world", position=2)
    featured = make_article(title="The lead", featured=True, publish_at=timezone.now() - dt.timedelta(days=3))
    make_article(title="Home news", publish_at=timezone.now() - dt.timedelta(hours=1))
    make_article(title="Abroad news", section=world)
    page = client.get(reverse("articles:home")).content.decode()
    # (The latest headlines, beside the lead, come before the sections.)
    sections = page[page.index('<section class="home-section"') :]
    assert page.index(featured.title) < page.index('id="home-section-news"')
    assert sections.index('id="home-section-news"') < sections.index("Home news")
    assert sections.index("Home news") < sections.index('id="home-section-world"') < sections.index("Abroad news")
    assert page.count(featured.title) == 1
    assert "More in World" in page


def test_front_page_shows_a_few_per_section_and_pages_on_to_older_news(client, make_article):
    for number in range(25):
        make_article(title=f"Item {number:02}", publish_at=timezone.now() - dt.timedelta(minutes=number))
    first = client.get(reverse("articles:home")).content.decode()
    assert "Item 00" in first  # the lead
    assert all(f"Item {n:02}" in first for n in range(1, 5))
    assert "Item 05" not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert "Item 24" in second
    assert "Item 00" not in second


def test_unpublished_and_scheduled_articles_stay_off_every_list(client, make_article):
    make_article(title="Live one")
    make_article(title="Draft one", status=Article.Status.DRAFT)
    make_article(title="Later one", publish_at=timezone.now() + dt.timedelta(days=1))
    for url in (reverse("articles:home"), reverse("articles:section", kwargs={"slug": "news"})):
        page = client.get(url).content.decode()
        assert "Live one" in page
        assert "Draft one" not in page
        assert "Later one" not in page


def list_pages(make_article) -> list[str]:
    """Home, section, author, tag and search, each with 25 articles: two pages of 20."""
    author = Author.objects.create(name="Dana Nur", slug="dana-nur")
    tag = Tag.objects.create(name="Steppe", slug="steppe")
    for number in range(25):
        article = make_article(title=f"Steppe {number:02}", publish_at=timezone.now() - dt.timedelta(minutes=number))
        article.authors.add(author)
        article.tags.add(tag)
    search = reverse("articles:search") + "?q=steppe"
    return [reverse("articles:home") + "?", "/section/news/?", "/author/dana-nur/?", "/tag/steppe/?", search + "&"]


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc", "1e9", "%00", "2.0", " 2", "99999999999"])
def test_a_page_that_does_not_exist_is_not_found(client, make_article, page):
    for url in list_pages(make_article):
        response = client.get(f"{url}page={page}")
        assert response.status_code == 404, url


def test_page_two_is_its_own_page_with_its_own_canonical_address(client, make_article):
    for url in list_pages(make_article):
        first = client.get(url.rstrip("?&")).content.decode()
        second = client.get(f"{url}page=2").content.decode()
        base = "http://testserver" + url.rstrip("?&").replace("&", "&amp;")
        assert f'<link rel="canonical" href="{base}">' in first, url
        page_two = base + ("&amp;" if "?" in base else "?") + "page=2"
        assert f'<link rel="canonical" href="{page_two}">' in second, url
        assert "Steppe 24" in second and "Steppe 24" not in first.split('class="pagination"')[0], url
        assert 'rel="prev"' in second and 'rel="next"' not in second, url
        assert client.get(f"{url}page=3").status_code == 404, url


def test_lists_are_paged_without_counting_the_archive_or_reading_bodies(client, make_article):
    list_pages(make_article)
    for url in ["/", "/section/news/", "/author/dana-nur/", "/tag/steppe/", "/feeds/rss/", "/search/?q=steppe"]:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts = [query["sql"] for query in queries if "COUNT(*)" in query["sql"].upper()]
        assert counts == [], url
        if "search" not in url:  # the search's snippets are cut from the bodies
            assert not [query for query in queries if '"articles_article"."body"' in query["sql"]], url


def test_empty_front_page_says_so(client, db):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert "No articles yet." in response.content.decode()
