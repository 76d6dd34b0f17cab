"""Comparing two saved versions of an article, field by field."""

import difflib
import html
import re
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.timezone import localtime

from articles.models import Article, Author, Section, Tag

BREAK = "br"
# Fields holding other rows' keys, shown by name.
NAMED = {"section": Section, "authors": Author, "tags": Tag}

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
    diff: list[tuple[str, str]]  # ("+", words) / ("-", words) / (" ", words) / ("br", "")


def compare(older: dict, newer: dict) -> list[Change]:
    """What changed between two versions' field values, in form order."""
    changes = []
    for name in COMPARED_FIELDS:
        before, after = _text(name, older.get(name)), _text(name, newer.get(name))
        if before != after:
            label = str(Article._meta.get_field(name).verbose_name)
            changes.append(Change(label, before, after, word_diff(before, after)))
    return changes


def notes_between(article: Article, older, newer):
    """The corrections and updates dated between two versions (notes are not versioned themselves)."""
    return article.notes.filter(
        noted_at__gt=older.revision.date_created, noted_at__lte=newer.revision.date_created
    ).order_by("noted_at", "pk")


def _text(name: str, value) -> str:
    if name == "body":
        # Compare what a reader reads, one paragraph a line, entities as the characters they stand for.
        return html.unescape(strip_tags((value or "").replace("</p>", "</p>\n"))).replace("\xa0", " ").strip()
    if name == "status":
        return str(Article.Status(value).label) if value in Article.Status.values else str(value or "")
    if isinstance(value, datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if name in NAMED:
        keys = value if isinstance(value, list | tuple | set) else [value]
        names = NAMED[name].objects.filter(pk__in=[k for k in keys if k is not None]).values_list("name", flat=True)
        return ", ".join(sorted(names))
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in sorted(value, key=str))
    return "" if value is None else str(value)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word by word: what stayed (" "), went ("-") and came ("+"); paragraph ends as BREAK."""
    old, new = re.findall(r"\S+|\n", before), re.findall(r"\S+|\n", after)
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            _add(segments, " ", old[i1:i2])
        else:
            _add(segments, "-", old[i1:i2])
            _add(segments, "+", new[j1:j2])
    return segments


def _add(segments: list, sign: str, tokens: list[str]) -> None:
    words: list[str] = []
    for piece in [*tokens, None]:
        if piece in ("\n", None) and words:
            segments.append((sign, " ".join(words)))
            words = []
        if piece == "\n":
            segments.append((BREAK, ""))
        elif piece is not None:
            words.append(piece)
