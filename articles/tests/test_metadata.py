"""Each article's head: canonical URL, OpenGraph, Twitter card and schema.org NewsArticle JSON-LD."""

import json
import re

import pytest
from django.utils import translation

from articles.models import ArticleNote
from articles.tests.schemaorg import problems

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def head_of(client, article, **headers) -> str:
    response = client.get(article.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def json_ld(head: str) -> dict:
    blocks = JSON_LD.findall(head)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(head: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', head)


@pytest.fixture
def corrected(demo):
    ArticleNote.objects.create(article=demo, kind=ArticleNote.Kind.CORRECTION, text="The turnout was 69.44%.")
    ArticleNote.objects.create(article=demo, kind=ArticleNote.Kind.UPDATE, text="Final results added.")
    return demo


def test_seed_article_json_ld_is_valid_against_schema_org(client, corrected):
    data = json_ld(head_of(client, corrected))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert problems(data) == []


def test_json_ld_says_what_a_news_article_must(client, corrected):
    data = json_ld(head_of(client, corrected))
    url = "http://testserver/news/tokayev-elected-president/"
    assert data["headline"] == "Kassym-Jomart Tokayev Elected President"
    assert data["dateline"] == "Astana"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == "2022-11-21T14:00:00+06:00"
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Staff Correspondent", "url": "http://testserver/author/staff-correspondent/"}
    ]
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/articles/logo")
    assert data["image"][0].startswith("http://")
    assert data["articleSection"] == "Politics"
    assert data["inLanguage"] == "en"
    assert [note["text"] for note in data["correction"]] == ["The turnout was 69.44%."]
    assert data["correction"][0]["@type"] == "CorrectionComment"


def test_the_validator_catches_what_schema_org_does_not_allow():
    article = {"@type": "NewsArticle", "headline": "H", "dateline": "Astana"}
    assert problems(article) == []
    assert problems({**article, "@type": "NewsArticel"}) == ["$: unknown @type 'NewsArticel'"]
    assert problems({**article, "byline": "X"}) == ["$.byline: not a property of NewsArticle"]
    assert problems({"@type": "Person", "dateline": "Astana"}) == ["$.dateline: not a property of Person"]
    assert problems({**article, "datePublished": "21 Nov 2022"})
    assert problems({**article, "datePublished": "2022-11-21T14:00:00"})  # no time zone
    assert problems({**article, "author": {"@type": "ImageObject"}})
    assert problems({**article, "publisher": {"@type": "Organization", "logo": "not a url"}})


def test_article_head_carries_canonical_opengraph_and_twitter_tags(client, demo):
    head = head_of(client, demo)
    url = "http://testserver/news/tokayev-elected-president/"
    assert f'<link rel="canonical" href="{url}">' in head
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:url") == [url]
    assert meta(head, "og:title") == ["Kassym-Jomart Tokayev Elected President"]
    assert meta(head, "og:description") == [demo.summary]
    assert meta(head, "og:site_name") == ["Newsroom"]
    assert meta(head, "og:locale") == ["en_US"]
    assert meta(head, "og:image")[0].startswith("http://testserver/")
    assert meta(head, "article:published_time") == ["2022-11-21T14:00:00+06:00"]
    assert meta(head, "article:modified_time")
    assert meta(head, "article:section") == ["Politics"]
    assert meta(head, "article:author") == ["http://testserver/author/staff-correspondent/"]
    assert meta(head, "twitter:card") == ["summary_large_image"]
    assert meta(head, "twitter:image") == meta(head, "og:image")


def test_og_locale_follows_the_readers_language(client, demo):
    head = head_of(client, demo, HTTP_ACCEPT_LANGUAGE="kk")
    assert meta(head, "og:locale") == ["kk_KZ"]
    translation.activate("en")  # the middleware leaves the reader's language active in this thread


def test_hostile_text_cannot_leave_the_json_ld_block(client, make_article):
    title = '</script><script>alert(1)</script><!-- & "quoted"'
    article = make_article(title=title, summary="</SCRIPT>", dateline="<b>")
    head = head_of(client, article)
    block = JSON_LD.findall(head)[0]
    assert "<" not in block
    assert ">" not in block
    data = json.loads(block)
    assert (data["headline"], data["description"], data["dateline"]) == (title[:110], "</SCRIPT>", "<b>")
    assert problems(data) == []


def test_an_article_without_authors_image_or_dateline_still_validates(client, make_article):
    data = json_ld(head_of(client, make_article(title="Bare")))
    assert "author" not in data
    assert "dateline" not in data
    assert "correction" not in data
    assert problems(data) == []
