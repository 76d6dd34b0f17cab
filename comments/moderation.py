"""The moderation policy: what happens to a reply, and who changed it.

A new reply goes through named checks in order; the first that objects
decides its status and records why. Everything else waits for a moderator.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Comment

LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""


class DuplicateReply(Exception):
    """The same reply was already stored for this article."""


def fingerprint(*, article_id: int, email: str, body: str) -> str:
    normalised = " ".join(body.lower().split())
    return hashlib.sha256(f"{article_id}\n{email.lower()}\n{normalised}".encode()).hexdigest()


def judge(comment: Comment) -> Verdict:
    """Decide a new reply's status from its content and the commenter."""
    text = comment.body.lower()
    for word in settings.NEWSROOM_REPLY_DISALLOWED_WORDS:
        if word.lower() in text:
            return Verdict(Comment.Status.SPAM, f"disallowed word: {word}")
    links = len(LINK_PATTERN.findall(comment.body)) + (1 if comment.website else 0)
    if links > settings.NEWSROOM_REPLY_MAX_LINKS:
        return Verdict(Comment.Status.SPAM, f"too many links: {links}")
    if settings.NEWSROOM_TRUST_KNOWN_COMMENTERS and is_known_commenter(comment.email):
        return Verdict(Comment.Status.APPROVED, "known commenter")
    return Verdict(Comment.Status.PENDING, "pre-moderation")


def is_known_commenter(email: str) -> bool:
    return Comment.objects.approved().filter(email__iexact=email).exists()


def submit_reply(*, comment: Comment) -> Comment:
    """Judge and store a new reply; refuse it if it is already stored."""
    verdict = judge(comment)
    comment.status = verdict.status
    comment.held_reason = verdict.reason
    comment.fingerprint = fingerprint(article_id=comment.article_id, email=comment.email, body=comment.body)
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        if Comment.objects.filter(article_id=comment.article_id, fingerprint=comment.fingerprint).exists():
            raise DuplicateReply from None
        raise
    return comment


def moderate(*, comments, status: str, moderator) -> int:
    """Set the status of the given replies, recording who did it and when."""
    with transaction.atomic():
        return comments.exclude(status=status).update(
            status=status, moderated_by=moderator, moderated_at=timezone.now()
        )


def rate_limited(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one more hit for `key`; True once it is over `limit` in the window.

    The counter lives in the shared cache so that every worker sees it.
    """
    cache_key = f"reply-rate:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        hits = 1
    return hits > limit


def flood_reason(*, ip_address: str | None, email: str) -> str:
    """Why this poster must wait, or "" when they may post."""
    limit, window = settings.NEWSROOM_REPLY_RATE_LIMIT
    if ip_address and rate_limited(key=f"ip:{ip_address}", limit=limit, window_seconds=window):
        return str(_("You are posting too quickly. Please wait a minute and try again."))
    email_key = hashlib.sha256(email.lower().encode()).hexdigest()
    if rate_limited(key=f"email:{email_key}", limit=limit, window_seconds=window):
        return str(_("You are posting too quickly. Please wait a minute and try again."))
    return ""
