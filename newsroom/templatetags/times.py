"""`<time datetime>` values every page can use: HTML allows at most three digits of a second's fractions."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value) -> str:
    """ISO 8601 to the second, in the current timezone (what |date:"c" gives, less its microseconds)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")
