"""The reader chooses English, Russian or Kazakh; pages, dates, numbers and reading time follow."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles.models import Article, words_per_minute
from elections.models import Election

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES]
ALMATY = ZoneInfo("Asia/Almaty")


def reader(language: str) -> Client:
    """A reader who chose `language` with the chooser (and so has its cookie)."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    return client


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def test_every_page_offers_the_language_chooser_with_each_language_in_its_own_name(client, demo):
    page = client.get(reverse("articles:home")).content.decode()
    found = re.search(
        r'<form class="language-form needs-csrf" action="/i18n/setlang/" method="post">.*?</form>', page, re.S
    )
    assert found, "no language chooser"
    form = found.group(0)
    assert '<label for="language-choice">Language</label>' in form
    assert '<select id="language-choice" name="language">' in form
    assert '<option value="en" lang="en" selected>English</option>' in form
    assert '<option value="ru" lang="ru">Русский</option>' in form
    assert '<option value="kk" lang="kk">Қазақша</option>' in form
    assert '<input type="hidden" name="next" value="/">' in form
    assert '<button type="submit">' in form


def test_the_chooser_sends_the_reader_back_to_the_page_they_were_on(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    assert f'<input type="hidden" name="next" value="{demo.get_absolute_url()}">' in page
    chooser = Client(enforce_csrf_checks=True)
    response = chooser.post(reverse("set_language"), {"language": "ru", "next": demo.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == demo.get_absolute_url()


def test_the_chooser_refuses_to_send_the_reader_to_another_site(db):
    response = Client().post(reverse("set_language"), {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_pages_carry_nothing_particular_to_one_reader(client, demo):
    """Pages may be cached and shared: no CSRF token, no cookie set on the way."""
    response = client.get(reverse("articles:home"))
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_a_reader_who_chose_russian_gets_russian_pages_and_keeps_them(demo):
    client = reader("ru")
    page = client.get(reverse("articles:home")).content.decode()
    assert html_lang(page) == "ru"
    assert "Перейти к содержанию" in page  # "Skip to content"
    assert '<option value="ru" lang="ru" selected>Русский</option>' in page
    # Remembered: the next page is Russian too, whatever the browser asks for.
    page = client.get(demo.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert html_lang(page) == "ru"


def test_an_unknown_language_is_not_remembered(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_the_browsers_language_is_used_until_the_reader_chooses(client, demo):
    page = client.get(reverse("articles:home"), headers={"accept-language": "ru,en;q=0.5"}).content.decode()
    assert html_lang(page) == "ru"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reader_page_renders_in_each_language(language, demo):
    client = reader(language)
    election = Election.objects.get(slug="kazakhstan-presidential-election-2022")
    pages = {
        reverse("articles:home"): "Lead story",
        demo.get_absolute_url(): "Related posts",
        election.get_absolute_url(): "Candidate or option",
        demo.section.get_absolute_url(): "Sections",
        reverse("articles:search") + "?q=Tokayev": "Search",
    }
    for url, message in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert html_lang(page) == language, url
        expected = translated(language, message)
        if language != settings.LANGUAGE_CODE:
            assert expected != message, f"{message!r} has no {language} translation"
        assert expected in page, f"{url} lacks {expected!r}"


def test_search_results_count_with_the_right_russian_plural(demo):
    page = reader("ru").get(reverse("articles:search") + "?q=Tokayev").content.decode()
    assert "Результаты поиска по запросу «Tokayev»" in page
    assert re.search(r"Найден[оа] \d+ стат(ья|ьи|ей)", page)


@pytest.fixture
def dated_article(make_article):
    return make_article(slug="dated", publish_at=dt.datetime(2022, 11, 21, 15, 30, tzinfo=ALMATY))


@pytest.mark.parametrize(
    ("language", "date", "datetime"),
    [
        ("en", "Nov. 21, 2022", "Nov. 21, 2022, 3:30 p.m."),
        ("ru", "21 ноября 2022 г.", "21 ноября 2022 г. 15:30"),
        ("kk", "21.11.2022", "21.11.2022 15:30"),
    ],
)
def test_dates_are_written_the_readers_way(language, date, datetime, dated_article):
    client = reader(language)
    listing = client.get(dated_article.section.get_absolute_url()).content.decode()
    assert f'<time datetime="2022-11-21T15:30:00+06:00">{date}</time>' in listing
    page = client.get(dated_article.get_absolute_url()).content.decode()
    assert f'<time datetime="2022-11-21T15:30:00+06:00">{datetime}</time>' in page


@pytest.mark.parametrize(
    ("language", "ballots", "share"),
    [
        ("en", "8,300,046", "81.31%"),
        ("ru", "8\xa0300\xa0046", "81,31\xa0%"),
        ("kk", "8\xa0300\xa0046", "81,31"),
    ],
)
def test_election_figures_are_written_the_readers_way(language, ballots, share, demo):
    election = Election.objects.get(slug="kazakhstan-presidential-election-2022")
    page = reader(language).get(election.get_absolute_url()).content.decode()
    assert f"<dd>{ballots}</dd>" in page
    assert f'<td class="num">{share}' in page


def test_each_language_reads_at_its_own_pace():
    assert words_per_minute("en") == settings.NEWSROOM_WORDS_PER_MINUTE
    assert words_per_minute("ru") < words_per_minute("en")
    assert words_per_minute("kk") < words_per_minute("en")
    assert words_per_minute("ru-ru") == words_per_minute("ru")
    assert words_per_minute("fr") == settings.NEWSROOM_WORDS_PER_MINUTE


def test_a_long_article_takes_longer_to_read_in_russian_and_kazakh(make_article):
    article = make_article(slug="long", body="<p>" + "слово " * 1000 + "</p>")
    minutes = {}
    for language in LANGUAGES:
        with translation.override(language):
            minutes[language] = article.reading_minutes
    assert minutes == {
        language: -(-1000 // settings.NEWSROOM_WORDS_PER_MINUTE_BY_LANGUAGE[language]) for language in LANGUAGES
    }
    assert minutes["en"] < minutes["ru"] and minutes["en"] < minutes["kk"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reading_time_badge_is_in_the_readers_language(language, make_article):
    article = make_article(slug="long", body="<p>" + "слово " * 1000 + "</p>")
    with translation.override(language):
        minutes = Article.objects.get(pk=article.pk).reading_minutes
        badge = translation.ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}
    if language == "ru":
        assert badge == f"{minutes} минут чтения"  # 5 minutes: the "many" form
    page = reader(language).get(article.get_absolute_url()).content.decode()
    assert f'<span class="reading-time">{badge}</span>' in page


@pytest.mark.parametrize(
    ("minutes", "badge"),
    [(1, "1 минута чтения"), (3, "3 минуты чтения"), (11, "11 минут чтения"), (21, "21 минута чтения")],
)
def test_russian_reading_time_uses_all_three_plural_forms(minutes, badge, make_article):
    words = minutes * settings.NEWSROOM_WORDS_PER_MINUTE_BY_LANGUAGE["ru"]
    article = make_article(slug=f"read-{minutes}", body="<p>" + "слово " * words + "</p>")
    page = reader("ru").get(article.get_absolute_url()).content.decode()
    assert f'<span class="reading-time">{badge}</span>' in page
