"""The page cache: anonymous readers get cached pages, others never do, and changes empty exactly their pages."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, Section, Tag
from comments import moderation
from comments.models import Comment
from elections.models import Result
from newsroom.tests.readers import form_token, post_url
from pagecache.keys import request_is_cacheable
from pagecache.middleware import response_is_storable

pytestmark = pytest.mark.django_db
HOME = reverse("articles:home")


def x_cache(response) -> str:
    return response.get("X-Cache", "")


def cached(client, url, **kwargs):
    """Fetch `url` until it is in the cache; return the first answer."""
    first = client.get(url, **kwargs)
    assert first.status_code == 200
    assert x_cache(client.get(url, **kwargs)) == "hit", url
    return first


@pytest.fixture
def pending_reply(demo):
    return Comment.objects.create(
        article=demo, name="Dana", email="dana@reader.test", body="Held for the desk", fingerprint="dana"
    )


def test_an_anonymous_readers_second_request_is_a_hit_that_costs_no_query(client, demo, django_assert_num_queries):
    url = demo.get_absolute_url()
    first = client.get(url)
    assert x_cache(first) == "miss"
    with django_assert_num_queries(0):
        again = client.get(url)
    assert x_cache(again) == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    with django_assert_num_queries(0):
        head = client.head(url)
    assert (head.status_code, x_cache(head), head.content) == (200, "hit", b"")


def test_a_hit_still_answers_304_to_a_reader_who_has_the_page(client, demo, django_assert_num_queries):
    first = cached(client, HOME)
    with django_assert_num_queries(0):
        again = client.get(HOME, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    since = client.get(HOME, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


@pytest.mark.parametrize("url", [HOME, "/feeds/rss/", "/sitemap.xml", "/search/?q=tokayev"])
def test_lists_feeds_and_sitemaps_are_cached(client, demo, url):
    cached(client, url)


def test_staff_never_get_a_cached_page_and_never_fill_the_cache(client, demo, editor):
    url = demo.get_absolute_url()
    desk = Client()
    desk.force_login(editor)
    for _ in range(2):
        assert x_cache(desk.get(url)) == "bypass"
        assert x_cache(desk.get(HOME)) == "bypass"
    assert x_cache(client.get(url)) == "miss"
    cached(client, url)
    assert x_cache(desk.get(url)) == "bypass"


def test_a_reader_with_messages_waiting_gets_the_page_built_for_them(client, demo):
    cached(client, HOME)
    client.cookies["messages"] = "anything"
    assert x_cache(client.get(HOME)) == "bypass"


def test_languages_are_cached_separately(client, demo):
    english = cached(client, HOME)
    russian = client.get(HOME, headers={"accept-language": "ru"})
    assert x_cache(russian) == "miss"
    assert b'<html lang="ru">' in russian.content
    assert b'<html lang="en">' in english.content
    assert x_cache(client.get(HOME, headers={"accept-language": "ru"})) == "hit"
    client.cookies["django_language"] = "kk"
    assert b'<html lang="kk">' in client.get(HOME).content


def test_pages_that_set_cookies_or_vary_on_them_are_not_kept(rf):
    from django.http import HttpResponse

    page = HttpResponse("<p>hi</p>")
    page.page_groups = ["home"]
    assert response_is_storable(page)
    with_cookie = HttpResponse("<p>hi</p>")
    with_cookie.page_groups = ["home"]
    with_cookie.set_cookie("csrftoken", "x")
    assert not response_is_storable(with_cookie)
    varies = HttpResponse("<p>hi</p>", headers={"Vary": "Cookie"})
    varies.page_groups = ["home"]
    assert not response_is_storable(varies)
    private = HttpResponse("<p>hi</p>", headers={"Cache-Control": "private"})
    private.page_groups = ["home"]
    assert not response_is_storable(private)
    unnamed = HttpResponse("<p>hi</p>")
    assert not response_is_storable(unnamed)  # a view that does not say what it shows
    assert not request_is_cacheable(rf.post("/"))
    signed_in = rf.get("/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert not request_is_cacheable(signed_in)


# --- Emptied exactly, after commit ------------------------------------------------------------


def test_approving_a_reply_in_the_desk_shows_it_on_the_cached_article_page(
    client, demo, moderator, pending_reply, django_capture_on_commit_callbacks
):
    url = demo.get_absolute_url()
    assert b"Held for the desk" not in cached(client, url).content
    desk = Client()
    desk.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            "/admin/comments/comment/", {"action": "approve", "_selected_action": [pending_reply.pk], "index": 0}
        )
    assert response.status_code == 302
    page = client.get(url)
    assert x_cache(page) == "miss"
    assert b"Held for the desk" in page.content


@pytest.mark.parametrize("action", [moderation.REMOVE, moderation.SPAM])
def test_removing_an_approved_reply_takes_it_off_the_cached_page(
    client, demo, moderator, pending_reply, action, django_capture_on_commit_callbacks
):
    moderation.moderate(comments=Comment.objects.filter(pk=pending_reply.pk), action="approve", moderator=moderator)
    url = demo.get_absolute_url()
    assert b"Held for the desk" in cached(client, url).content
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate(comments=Comment.objects.filter(pk=pending_reply.pk), action=action, moderator=moderator)
    assert b"Held for the desk" not in client.get(url).content


def test_a_reply_count_on_the_home_page_follows_approval(
    client, demo, moderator, pending_reply, django_capture_on_commit_callbacks
):
    def count(html: bytes) -> list[str]:
        return re.findall(r"(\d+) repl(?:y|ies)</a>", html.decode())

    before = count(cached(client, HOME).content)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate(
            comments=Comment.objects.filter(pk=pending_reply.pk), action="approve", moderator=moderator
        )
    after = client.get(HOME)
    assert x_cache(after) == "miss"
    assert count(after.content) != before


def test_a_new_pending_reply_empties_nothing(client, demo, django_capture_on_commit_callbacks):
    url = demo.get_absolute_url()
    cached(client, HOME)
    page = cached(client, url).content.decode()
    data = {"name": "Aigerim", "email": "a@reader.test", "body": "Just held", "rendered": form_token(page)}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(post_url(demo), {**data, "contact_me_by_fax": "", "parent": ""}).status_code == 302
    client.cookies.pop("messages", None)
    assert x_cache(client.get(url)) == "hit"
    assert x_cache(client.get(HOME)) == "hit"


def test_publishing_an_article_puts_it_on_the_cached_home_page_feed_and_section(
    client, demo, editor, django_capture_on_commit_callbacks
):
    section = demo.section
    urls = [HOME, "/feeds/rss/", section.get_absolute_url()]
    for url in urls:
        cached(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        draft = Article.objects.create(title="Turnout record confirmed", body="<p>Words.</p>", section=section)
    for url in urls:  # a draft is on no page: nothing was emptied
        assert x_cache(client.get(url)) == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(articles=Article.objects.filter(pk=draft.pk), user=editor)
    for url in urls:
        assert b"Turnout record confirmed" in client.get(url).content, url


def test_changing_a_result_shows_on_the_election_pages_and_the_article(
    client, demo, django_capture_on_commit_callbacks
):
    election = demo.election
    pages = [
        election.get_absolute_url(),
        reverse("elections:embed", kwargs={"slug": election.slug}),
        demo.get_absolute_url(),
    ]
    before = [cached(client, url).content for url in pages]
    line = Result.objects.filter(election=election).order_by("position").last()
    line.votes = 12345
    with django_capture_on_commit_callbacks(execute=True):
        line.save()
    for url, old in zip(pages, before, strict=True):
        page = client.get(url)
        assert x_cache(page) == "miss", url
        assert page.content != old, url
    assert b"12,345" in client.get(pages[0]).content


def test_the_live_figures_and_exports_are_always_fresh(client, demo):
    # Their views ask for no-cache: every answer is built (and still answers 304).
    for name in ("live", "results_json", "results_csv"):
        url = reverse(f"elections:{name}", kwargs={"slug": demo.election.slug})
        assert [x_cache(client.get(url)) for _ in range(2)] == ["miss", "miss"], url


def test_a_change_empties_only_the_pages_that_show_it(client, make_article, django_capture_on_commit_callbacks):
    elsewhere = Section.objects.create(name="Sport", slug="sport")
    changed = make_article(title="Changed story")
    unrelated = make_article(title="Unrelated story", section=elsewhere)
    sport = elsewhere.get_absolute_url()
    for url in (changed.get_absolute_url(), unrelated.get_absolute_url(), sport):
        cached(client, url)
    changed.title = "Changed story, corrected"
    with django_capture_on_commit_callbacks(execute=True):
        changed.save()
    assert b"Changed story, corrected" in client.get(changed.get_absolute_url()).content
    assert x_cache(client.get(unrelated.get_absolute_url())) == "hit"
    assert x_cache(client.get(sport)) == "hit"
    assert b"Changed story, corrected" in client.get(HOME).content


def test_an_article_sharing_a_tag_refreshes_the_related_list(client, make_article, django_capture_on_commit_callbacks):
    tag = Tag.objects.create(name="Turnout", slug="turnout")
    elsewhere = Section.objects.create(name="Regions", slug="regions")
    reader_page = make_article(title="Reading page")
    reader_page.tags.add(tag)
    url = reader_page.get_absolute_url()
    cached(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = make_article(title="Tagged newcomer", section=elsewhere, status=Article.Status.DRAFT)
        newcomer.tags.add(tag)
    assert x_cache(client.get(url)) == "hit"  # a draft is related to nothing
    newcomer.status = Article.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save()
    assert b"Tagged newcomer" in client.get(url).content


def test_nothing_is_emptied_by_a_transaction_that_rolls_back(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(title="Steady story")
    url = article.get_absolute_url()
    cached(client, url)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article.title = "Never happened"
        article.save()
        assert x_cache(client.get(url)) == "hit"  # not before the commit either
        raise RuntimeError
    assert callbacks == []
    again = client.get(url)
    assert x_cache(again) == "hit"
    assert b"Steady story" in again.content


def test_a_scheduled_article_appears_when_its_time_comes(client, make_article):
    make_article(title="Already out")
    make_article(title="Embargoed story", publish_at=timezone.now() + dt.timedelta(minutes=2))
    now = timezone.now() + dt.timedelta(seconds=1)  # after the articles were saved
    with time_machine.travel(now, tick=False):
        assert b"Embargoed story" not in cached(client, HOME).content
    with time_machine.travel(now + dt.timedelta(minutes=2, seconds=1), tick=False):
        page = client.get(HOME)
    assert x_cache(page) == "miss"
    assert b"Embargoed story" in page.content


def test_a_page_lives_at_most_the_configured_time(client, make_article, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 60
    make_article(title="Any story")
    now = timezone.now() + dt.timedelta(seconds=1)
    with time_machine.travel(now, tick=False):
        cached(client, HOME)
    with time_machine.travel(now + dt.timedelta(seconds=61), tick=False):
        assert x_cache(client.get(HOME)) == "miss"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert x_cache(client.get(HOME)) == "bypass"


# --- CSRF on cached pages ---------------------------------------------------------------------


def test_cached_article_page_is_the_same_for_every_reader_and_the_form_still_works(demo):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = demo.get_absolute_url()
    page = first.get(url)
    other = second.get(url)
    assert (x_cache(page), x_cache(other)) == ("miss", "hit")
    assert page.content == other.content
    assert not page.cookies and not other.cookies
    assert b"csrfmiddlewaretoken" not in page.content
    assert b'class="needs-csrf"' in page.content
    assert b"js/csrf.js" in page.content

    data = {
        "name": "Aigerim", "email": "aigerim@reader.test", "website": "", "body": "Posted from a cached page.",
        "rendered": form_token(page.content.decode()), "contact_me_by_fax": "", "parent": "",
    }  # fmt: skip
    refused = second.post(post_url(demo), data)
    assert refused.status_code == 403
    assert "JavaScript" in refused.content.decode()
    assert not Comment.objects.filter(body="Posted from a cached page.").exists()

    token = first.get("/csrf/")
    assert "no-store" in token["Cache-Control"]
    assert "csrftoken" in token.cookies
    accepted = first.post(post_url(demo), {**data, "csrfmiddlewaretoken": token.json()["token"]})
    assert accepted.status_code == 302
    assert Comment.objects.filter(body="Posted from a cached page.").count() == 1


def test_the_csrf_failure_page_is_translated(demo):
    reader = Client(enforce_csrf_checks=True, headers={"accept-language": "ru"})
    refused = reader.post(post_url(demo), {"body": "x"})
    assert refused.status_code == 403
    assert '<html lang="ru">' in refused.content.decode()


def test_erasing_a_commenter_renames_their_reply_on_the_cached_page(
    client, demo, moderator, pending_reply, django_capture_on_commit_callbacks
):
    from comments.privacy import ANONYMOUS, erase_personal_data

    moderation.moderate(comments=Comment.objects.filter(pk=pending_reply.pk), action="approve", moderator=moderator)
    url = demo.get_absolute_url()
    assert b"Dana" in cached(client, url).content
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data("dana@reader.test", keep_text=True)
    page = client.get(url)
    assert x_cache(page) == "miss"
    assert b"Held for the desk" in page.content
    assert str(ANONYMOUS).encode() in page.content
    assert b"Dana" not in page.content


def test_an_unknown_host_is_refused_plainly_not_cached(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert response["X-Cache"] == "bypass"
