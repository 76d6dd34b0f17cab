"""What an article tells search engines and social sites about itself.

Built once per page from what the view already fetched: schema.org's
NewsArticle for JSON-LD, and the OpenGraph / Twitter card values.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.images import srcset
from articles.models import Article, ArticleNote

# Google shows at most 110 characters of a headline.
HEADLINE_CHARS = 110
OG_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}
# As django.utils.html.json_script does: nothing in the data can close the
# <script> element or open a comment inside it.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def iso(value) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def image_url(article: Article, absolute: Callable[[str], str]) -> str:
    """What a shared link shows: the lead image's widest rendition (1,200 px when the original is that
    wide), the original when it is narrower than every rendition, or the site's share image (1200x630)."""
    if not article.lead_image:
        return absolute(static(settings.NEWSROOM_SHARE_IMAGE))
    candidates = [candidate.rsplit(" ", 1) for candidate in srcset(article.lead_image.name).split(", ") if candidate]
    if not candidates:
        return absolute(article.lead_image.url)
    url, _width = max(candidates, key=lambda candidate: int(candidate[1].rstrip("w")))
    return absolute(url)


def news_article(article: Article, *, authors, notes, absolute: Callable[[str], str]) -> dict:
    """schema.org NewsArticle for `article`; `absolute` turns a path into a full URL."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:HEADLINE_CHARS],
        "description": article.summary,
        "dateline": article.dateline,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(max(article.updated_at, article.publish_at)),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())} for author in authors
        ],
        "image": [image_url(article, absolute)],
        "publisher": publisher(absolute),
        "articleSection": article.section.name,
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "correction": [note.as_structured_data() for note in notes if note.kind == ArticleNote.Kind.CORRECTION],
    }
    return {key: value for key, value in data.items() if value not in ("", [])}


def publisher(absolute: Callable[[str], str]) -> dict:
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static(settings.NEWSROOM_LOGO))},
    }


def json_ld(data: dict) -> str:
    """`data` as JSON that is safe inside a <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, OG_LOCALES["en"])
