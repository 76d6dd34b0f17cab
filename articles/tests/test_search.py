"""Search: full text on PostgreSQL, words on SQLite; safe snippets; never a 500."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import INDEX_NAME, highlighted, search_articles, uses_full_text
from newsroom.tests.payloads import XSS_PAYLOADS, markup_problems

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


def search(client, query: str, **params):
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_finds_the_seed_article_by_a_word_of_its_body(client, demo):
    assert "observers" not in demo.title.lower() + demo.summary.lower()
    page = search(client, "observers")
    assert demo.get_absolute_url() in page
    assert "<mark>observers</mark>" in page.lower()


def test_finds_by_several_words_in_any_case(client, demo):
    page = search(client, "FOREIGN Journalists")
    assert demo.get_absolute_url() in page


def test_finds_nothing_for_a_word_no_article_has(client, demo):
    page = search(client, "zanzibarquux")
    assert demo.get_absolute_url() not in page
    assert "Nothing matches your search." in page


def test_drafts_and_scheduled_articles_are_not_found(client, make_article):
    make_article(title="Hidden draft", body="<p>saxaul</p>", status=Article.Status.DRAFT)
    make_article(title="Hidden later", body="<p>saxaul</p>", publish_at=timezone.now() + dt.timedelta(hours=1))
    make_article(title="Visible", body="<p>saxaul</p>")
    page = search(client, "saxaul")
    assert "Visible" in page
    assert "Hidden" not in page


def test_a_title_match_ranks_above_a_body_match(client, make_article):
    make_article(title="Steppe weather", body="<p>Rain.</p>", publish_at=timezone.now() - dt.timedelta(days=2))
    make_article(title="Other news", body="<p>The steppe is green.</p>")
    page = search(client, "steppe")
    assert page.index("Steppe weather") < page.index("Other news")


def test_an_empty_query_asks_for_words(client, db):
    for query in ("", "   ", "\x00"):
        page = search(client, query)
        assert "Type one or more words" in page


@pytest.mark.parametrize(
    "query",
    [
        "!!!",
        "&|!:*()",
        "'",
        '"unclosed',
        "a & b | !c",
        "-",
        "or",
        "<->",
        "x" * 5000,
        "%",
        "_",
        "\\",
        "ёлка",
        "Қазақстан",
    ],
)
def test_garbage_queries_get_a_clear_page(client, demo, query):
    page = search(client, query)
    assert markup_problems(page) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_snippets_escape_the_body_and_keep_only_our_marks(client, make_article, payload):
    make_article(title="Payload", body=f"<p>karagach {payload} karagach</p>")
    page = search(client, "karagach")
    assert markup_problems(page) == []
    assert "<mark>karagach</mark>" in page.lower()


def test_highlighted_escapes_markup_and_turns_only_marks_into_mark_tags():
    text = "a <b>&amp;</b> \ue000word\ue001 <mark>not ours</mark> \ue001stray"
    assert highlighted(text) == (
        "a &lt;b&gt;&amp;amp;&lt;/b&gt; <mark>word</mark> &lt;mark&gt;not ours&lt;/mark&gt; stray"
    )


def test_search_results_are_paginated(client, make_article):
    for number in range(25):
        make_article(title=f"Saiga count {number}")
    first = search(client, "saiga")
    assert "More than 20 articles found" in first
    assert 'href="?q=saiga&amp;page=2"' in first
    second = search(client, "saiga", page=2)
    assert second.count('class="card"') == 5
    assert "25 articles found" in second


@on_postgres
def test_postgres_uses_full_text_search_with_stemless_multilingual_words(make_article):
    make_article(title="Выборы в Казахстане", body="<p>Сайлау нәтижелері жарияланды.</p>")
    found = search_articles(Article.objects.published(), "нәтижелері")
    assert uses_full_text(found)
    assert [article.title for article in found] == ["Выборы в Казахстане"]


@on_postgres
def test_postgres_search_uses_the_gin_index(make_article):
    make_article(title="Indexed", body="<p>Words.</p>")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        # Over the whole table, so that only the search document can narrow it.
        plan = search_articles(Article.objects.all(), "words").explain()
        cursor.execute("SET enable_seqscan = on")
    assert INDEX_NAME in plan


def test_search_ranks_only_the_newest_matches_so_its_cost_does_not_grow_with_the_archive(
    client, make_article, monkeypatch
):
    monkeypatch.setattr("articles.search.WINDOW", 3)
    start = timezone.now() - dt.timedelta(days=1)
    for number in range(5):
        make_article(title=f"Steppe fire {number}", publish_at=start + dt.timedelta(minutes=number))
    found = search_articles(Article.objects.published(), "steppe")
    assert sorted(article.title for article in found) == ["Steppe fire 2", "Steppe fire 3", "Steppe fire 4"]
