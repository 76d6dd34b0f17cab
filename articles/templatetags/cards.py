"""What every list card and article byline shows, as tags rather than includes: a card is rendered once per
article in a list, and an include costs more than the markup it holds (issue 15, "fewer template includes in
loops")."""

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

from articles.images import srcset

register = template.Library()
CARD_IMAGE_SIZES = "(min-width: 48rem) 20rem, 8rem"


@register.simple_tag
def reading_time(article):
    """The reading-time badge, in the reader's language and its plural forms."""
    minutes = article.reading_minutes
    text = ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}
    return format_html('<span class="reading-time">{}</span>', text)


@register.simple_tag
def card_image(article, sizes: str = "", lead: bool = False):
    """The card's picture: its renditions for the browser to choose from; the lead story's fetched first."""
    if not article.lead_image:
        return ""
    candidates = srcset(article.lead_image.name)
    chosen = format_html(' srcset="{}" sizes="{}"', candidates, sizes or CARD_IMAGE_SIZES) if candidates else ""
    loading = 'fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    markup = '<img class="card-image" src="{}"{} alt="" width="480" height="270" ' + loading + ">"
    return format_html(markup, article.lead_image.url, chosen)
