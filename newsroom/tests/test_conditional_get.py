"""Pages carry an ETag, and a reader who already has the page gets a 304."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [reverse("articles:home"), "/feeds/rss/", "/sitemap.xml", "/robots.txt"],
)
def test_a_page_the_reader_has_is_not_sent_again(client, demo, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_is_sent_in_full(client, demo):
    url = reverse("articles:home")
    again = client.get(url, headers={"if-none-match": '"an-older-version"'})
    assert again.status_code == 200
    assert again.content
