"""The one place that decides which HTML an article body may keep."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "blockquote", "figure", "figcaption",
    "strong", "em", "b", "i", "u", "s", "sub", "sup", "mark", "small",
    "ul", "ol", "li", "a", "img", "hr", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Strip anything that could run script or break out of the body."""
    return nh3.clean(
        html.replace("\x00", ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
