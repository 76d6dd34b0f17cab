"""Comparing two saved versions of an article, field by field."""

import difflib
from dataclasses import dataclass

from django.utils.html import strip_tags

from articles.models import Article

# Fields a person edits; bookkeeping (timestamps, counters, secrets) is left out.
COMPARED_FIELDS = [
    "title", "slug", "summary", "body", "dateline", "status", "publish_at", "section",
    "authors", "tags", "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit",
    "election", "featured", "comments_open",
]  # fmt: skip


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    diff: list[tuple[str, str]]  # ("+", line) / ("-", line) / (" ", line)


def compare(older: dict, newer: dict) -> list[Change]:
    """What changed between two versions' field values, in form order."""
    changes = []
    for name in COMPARED_FIELDS:
        before, after = _text(name, older.get(name)), _text(name, newer.get(name))
        if before != after:
            label = str(Article._meta.get_field(name).verbose_name)
            changes.append(Change(label, before, after, _line_diff(before, after)))
    return changes


def _text(name: str, value) -> str:
    if name == "body":
        # Compare what a reader reads, one paragraph a line.
        return strip_tags((value or "").replace("</p>", "</p>\n")).strip()
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in sorted(value, key=str))
    return "" if value is None else str(value)


def _line_diff(before: str, after: str) -> list[tuple[str, str]]:
    lines = difflib.ndiff(before.splitlines(), after.splitlines())
    return [(line[0], line[2:]) for line in lines if line[:1] in "+- "]
