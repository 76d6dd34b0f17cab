"""Headlines as lists and phones show them."""

import re
from itertools import chain

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# A name joined by a hyphen ("Kassym-Jomart"): a line may break after the hyphen,
# and balanced headlines on a phone did ("Kassym-" / "Jomart Tokayev"). Short ones are
# kept whole; a long compound may still break rather than run off a narrow screen.
HYPHENATED = re.compile(r"\b\w+(?:-\w+)+\b")
KEEP_WHOLE_UP_TO = 20
LATEST_COUNT = 4


@register.filter
def keep_names_whole(title: str) -> str:
    """`title`, escaped, with each short hyphenated word in a span that does not break."""
    parts, start = [], 0
    for match in HYPHENATED.finditer(title):
        if len(match.group()) > KEEP_WHOLE_UP_TO:
            continue
        parts.append(conditional_escape(title[start : match.start()]))
        parts.append(format_html('<span class="nobreak">{}</span>', match.group()))
        start = match.end()
    parts.append(conditional_escape(title[start:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@register.simple_tag
def newest_of(sections, count: int = LATEST_COUNT) -> list:
    """The newest `count` of the front page's (section, articles) groups, newest first.

    Exact as long as each group holds its section's newest `count` or more: an
    article among the newest `count` overall has fewer than `count` newer ones
    in its own section. No query: the groups are already on the page.
    """
    articles = chain.from_iterable(articles for _section, articles in sections)
    return sorted(articles, key=lambda article: (article.publish_at, article.pk), reverse=True)[:count]
