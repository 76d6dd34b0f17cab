"""The readers' web around the pages: icons, compression, the embed's links, logging."""

import gzip
import io
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

EMBED = "/elections/kazakhstan-presidential-election-2022/embed/"


class Links(HTMLParser):
    """Each <a href> of a page with its target, and the <base target> if there is one."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str | None]] = []
        self.base_target: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "base":
            self.base_target = attributes.get("target")
        elif tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], attributes.get("target")))


def test_every_link_of_the_embed_opens_outside_the_frame(client, demo):
    parser = Links()
    parser.feed(client.get(EMBED).content.decode())
    heading_link = demo.election.get_absolute_url()
    assert heading_link in [href for href, _target in parser.links]
    for href, target in parser.links:
        assert (target or parser.base_target) in {"_top", "_blank"}, href


@pytest.mark.parametrize("url", ["/", "/news/tokayev-elected-president/", "/search/?q=tokayev", "/feeds/rss/"])
def test_public_pages_are_compressed_for_readers_who_accept_gzip(client, demo, url):
    plain = client.get(url)
    compressed = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_a_compressed_page_still_answers_304_to_its_etag(client, demo):
    first = client.get("/", headers={"accept-encoding": "gzip"})
    again = client.get("/", headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_pages_with_one_readers_data_or_the_desk_are_not_compressed(client, demo, editor):
    # BREACH: a page holding a secret and reflecting input must not be compressed.
    token = client.get("/csrf/", headers={"accept-encoding": "gzip"})
    own = client.get(f"/comments/mine/{demo.pk}/", headers={"accept-encoding": "gzip"})
    client.force_login(editor)
    desk = client.get("/admin/articles/article/?q=tokayev", headers={"accept-encoding": "gzip"})
    for response in (token, own, desk):
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize(("url", "kind"), [("/favicon.ico", "ICO"), ("/apple-touch-icon.png", "PNG")])
def test_icons_browsers_ask_for_at_the_root_are_there(client, db, url, kind):
    response = client.get(url)
    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as icon:
        assert icon.format == kind
        assert icon.width >= (180 if kind == "PNG" else 32)


def test_the_manifest_names_the_site_and_icons_that_exist(client, db):
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Newsroom"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_links_its_icons_and_the_publishers_mark(client, demo):
    page = client.get("/").content.decode()
    head, body = page.split("</head>")
    for link in ('rel="icon" href="/favicon.ico"', 'rel="apple-touch-icon"', 'rel="manifest"'):
        assert link in head
    assert 'class="site-mark"' in body.split("</header>")[0]
