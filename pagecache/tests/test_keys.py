"""Bounded: parameters a page does not read make no new entry, and a page's variants are capped."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def entries() -> int:
    return sum(1 for key in cache._cache if ":page:" in key)


def test_it_keys_a_page_on_the_parameters_its_view_reads(client, built):
    assert client.get("/listing/?page=2")["X-Cache"] == "miss"
    assert client.get("/listing/?page=2")["X-Cache"] == "hit"
    assert client.get("/listing/?page=3")["X-Cache"] == "miss"
    assert built == ["/listing/?page=2", "/listing/?page=3"]


def test_tracking_parameters_make_no_new_entry_and_never_reach_the_view(client, built):
    first = client.get("/listing/?page=2")
    for n in range(30):
        again = client.get(f"/listing/?utm_source=x{n}&page=2&fbclid={n}&gclid=g&whatever=1")
        assert again["X-Cache"] == "hit"
        assert again.content == first.content
    assert entries() == 1
    client.get("/listing/?utm_campaign=only")  # the same page as no query at all
    assert client.get("/listing/")["X-Cache"] == "hit"
    assert built == ["/listing/?page=2", "/listing/"]


def test_a_repeated_parameter_counts_once(client):
    client.get("/listing/?page=2&page=2&page=3")
    assert client.get("/listing/?page=2")["X-Cache"] == "hit"


def test_a_view_that_declares_nothing_is_built_for_a_query_string_and_not_kept(client, built):
    for _ in range(3):
        answer = client.get("/undeclared/?utm_source=x")
        assert answer["X-Cache"] == "miss"
        assert answer["Cache-Control"] == "no-cache"  # nor may a CDN keep it: nothing would purge it
    assert entries() == 0
    assert client.get("/undeclared/")["X-Cache"] == "miss"
    assert client.get("/undeclared/")["X-Cache"] == "hit"


def test_a_pages_variants_are_capped(client, settings, built):
    settings.NEWSROOM_PAGE_CACHE_VARIANTS = 3
    for n in range(1, 7):
        client.get(f"/listing/?page={n}")
    assert [client.get(f"/listing/?page={n}")["X-Cache"] for n in range(1, 7)] == ["hit"] * 3 + ["miss"] * 3
    assert entries() == 3
    client.get("/listing/")  # the page itself is not a variant
    assert client.get("/listing/")["X-Cache"] == "hit"


def test_a_page_that_names_nothing_is_never_kept(client):
    assert [client.get("/unnamed/")["X-Cache"] for _ in range(2)] == ["miss", "miss"]
