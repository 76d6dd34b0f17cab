"""Head metadata for articles: ISO 8601 dates and schema.org JSON-LD."""

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso8601(value: dt.datetime) -> str:
    """`2022-11-21T14:00:00+06:00`: whole seconds, the site's offset, as feeds and crawlers expect."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
