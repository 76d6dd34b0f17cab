"""Hostile input, and a check that a page rendered none of it as markup."""

import re
from html.parser import HTMLParser

# Each payload sets window.__xss (or calls alert) if it ever runs.
XSS_PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    "</textarea><script>window.__xss=2</script>",
    '"><img src=x onerror="window.__xss=3;alert(3)">',
    "'><svg onload=window.__xss=4>",
    "<svg><script>window.__xss=5</script></svg>",
    '<a href="javascript:window.__xss=6">click</a>',
    "javascript:window.__xss=7//",
    '<iframe src="javascript:parent.__xss=8"></iframe>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=9">',
    "<img src=x onerror=window.__xss=10",  # broken markup, never closed
    '<div style="background:url(javascript:window.__xss=11)">',
    "<!--<img src=--><img src=x onerror=window.__xss=12//-->",
    '<object data="data:text/html,<script>parent.__xss=13</script>"></object>',
    "{{ 7|add:7 }}{% now 'Y' %}",  # template injection
    "\u202egnp.exe\u202c and \u2066isolated\u2069 text",  # RTL override and isolate
    "<body onload=window.__xss=14>",
]
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster"}


class _MarkupAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ACTIVE_TAGS and not _is_own_script(tag, attributes):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"inline style on <{tag}>")
            if name in URL_ATTRIBUTES and value and _is_script_url(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")


def _is_own_script(tag: str, attributes: dict) -> bool:
    # Our templates may load scripts from /static/ or carry JSON data (the
    # page's own, or an article's JSON-LD for search engines); nothing inline runs.
    if tag != "script":
        return False
    data_block = attributes.get("type") in ("application/json", "application/ld+json")
    return (attributes.get("src") or "").startswith("/static/") or data_block


def _is_script_url(value: str) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    return compact.startswith(("javascript:", "vbscript:", "data:text/html"))


def markup_problems(html: str) -> list[str]:
    """Elements and attributes in `html` that could run code."""
    audit = _MarkupAudit()
    audit.feed(html)
    audit.close()
    return audit.problems
