"""Head metadata for articles: ISO 8601 dates and schema.org JSON-LD."""

import datetime as dt

from django import template
from django.conf import settings
from django.utils import translation

from articles import structured_data

register = template.Library()


@register.filter
def iso8601(value: dt.datetime) -> str:
    """`2022-11-21T14:00:00+06:00`: whole seconds, the site's offset, as feeds and crawlers expect."""
    if not value:
        return ""
    return structured_data.iso(value)


@register.inclusion_tag("articles/_article_meta.html", takes_context=True)
def article_head(context, article, authors, notes):
    """Canonical URL, OpenGraph and Twitter card tags, and NewsArticle JSON-LD."""
    absolute = context["request"].build_absolute_uri
    data = structured_data.news_article(article, authors=authors, notes=notes, absolute=absolute)
    return {
        "article": article,
        "data": data,
        "json_ld": structured_data.json_ld(data),
        "canonical": data["url"],
        "image": data["image"][0],
        "author_urls": [author["url"] for author in data.get("author", [])],
        "locale": structured_data.og_locale(translation.get_language() or ""),
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
