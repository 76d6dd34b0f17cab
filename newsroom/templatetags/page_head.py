"""The head of every public page that is not an article: description, canonical URL, sharing tags, JSON-LD."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.templatetags.static import static
from django.utils import translation

from articles import structured_data

register = template.Library()

# The query parameters that make a different page; everything else (tracking tags, typos) is not part of its address.
CANONICAL_PARAMETERS = ("q", "page")


def canonical_url(request) -> str:
    query = QueryDict(mutable=True)
    for name in CANONICAL_PARAMETERS:
        value = request.GET.get(name, "")
        if value and not (name == "page" and value == "1"):
            query[name] = value
    path = request.path + (f"?{query.urlencode()}" if query else "")
    return request.build_absolute_uri(path)


@register.inclusion_tag("_page_head.html", takes_context=True)
def page_head(context, *, description, kind="WebPage", name="", person=None, modified=None):
    """`kind` is the page's schema.org type: WebSite (the front page), CollectionPage, ProfilePage..."""
    request = context["request"]
    absolute = request.build_absolute_uri
    # A list view may give its own (base.html then writes the link): one canonical URL per page.
    given = context.get("canonical_url")
    canonical = given or canonical_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name or settings.NEWSROOM_SITE_NAME,
        "description": str(description),
        "url": canonical,
        "inLanguage": translation.get_language() or settings.LANGUAGE_CODE,
        "publisher": structured_data.publisher(absolute),
    }
    if kind != "WebSite":
        site = {"@type": "WebSite", "name": settings.NEWSROOM_SITE_NAME, "url": absolute("/")}
        data["isPartOf"] = site
    if modified:
        data["dateModified"] = structured_data.iso(modified)
    if person is not None:
        data["mainEntity"] = {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
    return {
        "description": description,
        "canonical": canonical,
        "link_canonical": not given,
        "title": data["name"],
        "image": absolute(static(settings.NEWSROOM_SHARE_IMAGE)),
        "site_name": settings.NEWSROOM_SITE_NAME,
        "locale": structured_data.og_locale(translation.get_language() or ""),
        "json_ld": structured_data.json_ld(data),
    }
