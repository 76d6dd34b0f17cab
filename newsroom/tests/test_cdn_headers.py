"""A CDN in front: per page type, the headers it is given and the keys it is purged with."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import moderation
from comments.models import Comment
from elections.models import Result

pytestmark = pytest.mark.django_db
purged: list[list[str]] = []


class RecordingPurger:
    def purge(self, keys):
        purged.append(keys)


@pytest.fixture
def purges(settings):
    settings.NEWSROOM_CDN_PURGER = "newsroom.tests.test_cdn_headers.RecordingPurger"
    purged.clear()
    return purged


def keys_of(response) -> set[str]:
    assert response["Cache-Tag"].split(",") == response["Surrogate-Key"].split(" ")
    return set(response["Surrogate-Key"].split(" "))


def assert_shared(response) -> None:
    control = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert {"public", "s-maxage", "stale-while-revalidate", "stale-if-error"} <= control
    assert "private" not in control and "no-store" not in control
    # What the page cache keys on (and Accept-Encoding, should the page be compressed on the way out).
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}


def page_groups(demo) -> dict[str, set[str]]:
    article, election = demo, demo.election
    tag, author = article.tags.first(), article.authors.first()
    return {
        "/": {"site", "home"},
        "/search/?q=tokayev": {"site", "search"},
        "/feeds/rss/": {"site", "feeds"},
        "/sitemap.xml": {"site", "sitemaps"},
        article.section.get_absolute_url(): {"site", f"section:{article.section_id}"},
        author.get_absolute_url(): {"site", f"author:{author.pk}"},
        tag.get_absolute_url(): {"site", f"tag:{tag.pk}"},
        article.get_absolute_url(): {"site", f"article:{article.pk}", f"election:{election.pk}"},
        election.get_absolute_url(): {"site", f"election:{election.pk}"},
        reverse("elections:embed", kwargs={"slug": election.slug}): {"site", f"election:{election.pk}"},
    }


def test_every_cached_page_type_names_its_groups_as_surrogate_keys(client, demo):
    for url, expected in page_groups(demo).items():
        for response in (client.get(url), client.get(url)):  # built, then from the page cache
            assert response.status_code == 200, url
            assert_shared(response)
            assert expected <= keys_of(response), url
        assert response["X-Cache"] == "hit", url


def test_the_article_page_names_the_articles_it_lists_as_related(client, demo):
    keys = keys_of(client.get(demo.get_absolute_url()))
    related = {f"article:{article.pk}" for article in demo.related()}
    assert related and related <= keys


def test_private_pages_are_private_and_no_store(client, demo, editor):
    desk = Client()
    desk.force_login(editor)
    for url in ("/", demo.get_absolute_url(), "/admin/"):
        control = desk.get(url)["Cache-Control"]
        assert "private" in control and "no-store" in control, url
        assert "s-maxage" not in control
    client.cookies["messages"] = "a reader's own notice"
    assert "no-store" in client.get(demo.get_absolute_url())["Cache-Control"]


def test_a_page_not_kept_is_not_for_a_cdn_either(client, demo):
    for url in ("/no-such-page/", reverse("elections:results_json", kwargs={"slug": demo.election.slug})):
        response = client.get(url)
        assert "s-maxage" not in response.get("Cache-Control", ""), url
        assert "no-cache" in response["Cache-Control"], url
        assert "Surrogate-Key" not in response, url


def test_editing_an_article_purges_every_page_showing_it(demo, purges, django_capture_on_commit_callbacks):
    demo.title = "Corrected headline"
    with django_capture_on_commit_callbacks(execute=True):
        demo.save()
    keys = set().union(*purges)
    tag, author = demo.tags.first(), demo.authors.first()
    expected = {"home", "feeds", "sitemaps", "search", f"article:{demo.pk}", f"section:{demo.section_id}"}
    expected |= {f"tag:{tag.pk}", f"author:{author.pk}", f"election:{demo.election_id}"}
    assert expected <= keys
    assert "site" not in keys  # one article is not the whole site


def test_a_result_change_purges_the_election_and_nothing_else(demo, purges, django_capture_on_commit_callbacks):
    line = Result.objects.filter(election=demo.election).first()
    line.votes = 1
    with django_capture_on_commit_callbacks(execute=True):
        line.save()
    assert purges == [[f"election:{demo.election_id}"]]


def test_approving_a_reply_purges_the_article_and_the_cards_counting_it(
    demo, moderator, purges, django_capture_on_commit_callbacks
):
    reply = Comment.objects.create(article=demo, name="Dana", email="d@reader.test", body="Hi", fingerprint="d")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate(comments=Comment.objects.filter(pk=reply.pk), action="approve", moderator=moderator)
    keys = set().union(*purges)
    # The article page carries "replies:<id>" among its surrogate keys (the thread is all that changed on it).
    assert {f"replies:{demo.pk}", "home", f"section:{demo.section_id}"} <= keys
    assert f"article:{demo.pk}" not in keys  # its related-list mentions elsewhere are unchanged
    assert "feeds" not in keys and f"election:{demo.election_id}" not in keys


def test_renaming_a_section_purges_the_whole_site(demo, purges, django_capture_on_commit_callbacks):
    section = demo.section
    section.name = "Politics and power"
    with django_capture_on_commit_callbacks(execute=True):
        section.save()
    assert ["site"] in purges


@pytest.mark.django_db(transaction=True)
def test_unpublishing_an_article_purges_it_from_a_real_varnish(live_server, settings):
    from urllib.parse import urlsplit

    from django.core.management import call_command

    from articles.models import Article
    from pagecache.tests.varnish import from_varnish_cache, get, private_varnish

    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug="tokayev-elected-president")
    with private_varnish(urlsplit(live_server.url).port) as varnish:
        settings.NEWSROOM_CDN_PURGER = "pagecache.cdn.VarnishPurger"
        settings.NEWSROOM_CDN_PURGE_URLS = [varnish]
        url = article.get_absolute_url()
        assert get(varnish, url).status == 200
        assert from_varnish_cache(get(varnish, url))
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)  # committed at once here
        gone = get(varnish, url)
        assert (gone.status, from_varnish_cache(gone)) == (404, False)


def test_the_cdn_is_purged_even_while_redis_is_down(settings, purges):
    from pagecache.versions import empty_groups

    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"RETRY_AFTER": 0},
        }
    }
    empty_groups({"article:1"})
    assert purges == [["article:1"]]
