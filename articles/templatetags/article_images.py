from django import template

from articles.images import srcset as image_srcset

register = template.Library()


@register.filter
def srcset(field_file) -> str:
    """The width-described renditions of an uploaded image, for `srcset`."""
    return image_srcset(field_file.name) if field_file else ""
