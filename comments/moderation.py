"""What happens to replies: posting, the desk's actions, and the reader's own changes.

Each multi-step write is one function here, inside a transaction; emails go
out on commit, never from save().
"""

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments import notifications
from comments.models import Ban, Comment, ModerationAction, Report
from comments.policy import Refused, judge
from comments.signals import replies_changed

Action = ModerationAction.Action
APPROVE, SPAM, REMOVE, RESTORE = Action.APPROVE, Action.SPAM, Action.REMOVE, Action.RESTORE
ACTION_STATUS = {
    APPROVE: Comment.Status.APPROVED,
    SPAM: Comment.Status.SPAM,
    REMOVE: Comment.Status.REMOVED,
    # Restoring puts a reply back in the queue rather than straight on the page.
    RESTORE: Comment.Status.PENDING,
}

__all__ = ["DuplicateReply", "Refused", "fingerprint", "submit_reply", "moderate", "flood_reason"]


class DuplicateReply(Exception):
    """The same reply was already stored for this article."""


class WindowClosed(Exception):
    """The reader's time to change their own reply has run out."""


def _visible_words(text: str) -> str:
    """The text as a reader sees it: compatibility forms folded, invisible characters gone, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Format characters (zero-width spaces and joiners, soft hyphens, BOM) show nothing.
    visible = "".join(char for char in folded if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())


def fingerprint(*, article_id: int, email: str, body: str) -> str:
    normalised = _visible_words(body)
    return hashlib.sha256(f"{article_id}\n{email.strip().lower()}\n{normalised}".encode()).hexdigest()


def submit_reply(*, comment: Comment) -> Comment:
    """Judge and store a new reply; refuse it if it is banned or already stored."""
    decision = judge(comment)
    comment.status = decision.status
    comment.held_reason = decision.reason
    comment.held_codes = decision.codes
    comment.fingerprint = fingerprint(article_id=comment.article_id, email=comment.email, body=comment.body)
    try:
        _insert(comment)
    except IntegrityError:
        if Comment.objects.filter(article_id=comment.article_id, fingerprint=comment.fingerprint).exists():
            raise DuplicateReply from None
        raise
    transaction.on_commit(lambda: notifications.after_post(comment))
    return comment


def _insert(comment: Comment) -> None:
    """Store a new reply in one statement.

    Outside a transaction the INSERT is a transaction of its own: no BEGIN and
    COMMIT round trips for the reader to wait on. Inside one (a caller's, or a
    test's) it takes a savepoint, so that a duplicate leaves that transaction usable.
    """
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            comment.save()
    else:
        comment.save()


def _log(comments, action: str, moderator, detail: str = "") -> None:
    ModerationAction.objects.bulk_create(
        [ModerationAction(comment=c, action=action, moderator=moderator, detail=detail[:300]) for c in comments]
    )


def moderate(*, comments, action: str = "", moderator, status: str = "", note: str = "") -> int:
    """Approve, mark spam, remove or restore replies; resolve their reports; log who and when."""
    action = action or {v: k for k, v in ACTION_STATUS.items() if k != RESTORE}[status]
    target = ACTION_STATUS[action]
    with transaction.atomic():
        changed = list(comments.exclude(status=target).select_for_update())
        ids = [c.pk for c in changed]
        Comment.objects.filter(pk__in=ids).update(
            status=target, moderated_by=moderator, moderated_at=timezone.now(), report_count=0
        )
        Report.objects.filter(comment_id__in=ids).update(resolved=True)
        _log(changed, action, moderator, note)
        # update() sends no post_save: say which articles' replies changed.
        replies_changed.send(sender=Comment, article_ids={c.article_id for c in changed})
        if target == Comment.Status.APPROVED:
            transaction.on_commit(lambda: notifications.replies_approved(ids))
    return len(changed)


def feature(*, comments, moderator, featured: bool = True) -> int:
    with transaction.atomic():
        changed = list(comments.exclude(is_featured=featured))
        Comment.objects.filter(pk__in=[c.pk for c in changed]).update(is_featured=featured)
        replies_changed.send(sender=Comment, article_ids={c.article_id for c in changed})
        _log(changed, Action.FEATURE if featured else Action.UNFEATURE, moderator)
    return len(changed)


def ban_commenters(*, comments, moderator, reason: str = "") -> int:
    """Ban the emails behind these replies and send their waiting replies to spam."""
    emails = {c.email.strip().lower() for c in comments if c.email}
    with transaction.atomic():
        for email in emails:
            Ban.objects.get_or_create(
                kind=Ban.Kind.EMAIL, value=email, defaults={"created_by": moderator, "reason": reason}
            )
        waiting = Comment.objects.pending().filter(email__in=emails)
        moderate(comments=waiting, action=SPAM, moderator=moderator, note="banned")
        _log(list(comments), Action.BAN, moderator, reason)
    return len(emails)


def save_note(*, comment: Comment, note: str, moderator) -> None:
    with transaction.atomic():
        comment.moderator_note = note
        comment.save(update_fields=["moderator_note"])
        _log([comment], Action.NOTE, moderator, note)


def report_reply(*, comment: Comment, reason: str, detail: str = "") -> Comment:
    """Record a report; enough of them send an approved reply back to the queue."""
    with transaction.atomic():
        Report.objects.create(comment=comment, reason=reason, detail=detail)
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment.refresh_from_db(fields=["report_count", "status", "held_reason"])
        if comment.is_approved and comment.report_count >= settings.NEWSROOM_REPLY_REPORTS_TO_QUEUE:
            comment.status = Comment.Status.PENDING
            comment.held_reason = f"reported {comment.report_count} times"
            comment.held_codes = [Comment.Reason.REPORTED]
            comment.save(update_fields=["status", "held_reason", "held_codes"])
            _log([comment], Action.BACK_TO_QUEUE, None, comment.held_reason)
    return comment


def edit_window_open(comment: Comment) -> bool:
    return timezone.now() <= comment.created_at + timedelta(minutes=settings.NEWSROOM_REPLY_EDIT_MINUTES)


def edit_own_reply(*, comment: Comment, body: str) -> Comment:
    """The author changes their words; anything that was approved waits again."""
    if not edit_window_open(comment):
        raise WindowClosed
    was_approved = comment.is_approved
    comment.body = body
    decision = judge(comment)
    if not _verdict_stands(comment):
        comment.status = Comment.Status.SPAM if decision.status == Comment.Status.SPAM else Comment.Status.PENDING
    reasons = [*decision.reasons, *(["edited after approval"] if was_approved else [])]
    comment.held_reason = "; ".join(reasons)[:200]
    comment.held_codes = [*decision.codes, *([Comment.Reason.EDITED] if was_approved else [])]
    comment.fingerprint = fingerprint(article_id=comment.article_id, email=comment.email, body=body)
    comment.edited_at = timezone.now()
    try:
        with transaction.atomic():
            comment.save(update_fields=["body", "status", "held_reason", "held_codes", "fingerprint", "edited_at"])
    except IntegrityError:
        raise DuplicateReply from None
    return comment


def _verdict_stands(comment: Comment) -> bool:
    """A moderator's spam or removal is final: the author's edit cannot send it back to the queue."""
    return comment.moderated_at is not None and comment.status in {Comment.Status.SPAM, Comment.Status.REMOVED}


def delete_own_reply(*, comment: Comment) -> None:
    """The author takes their reply back; replies to it move up a level rather than vanish."""
    if not edit_window_open(comment):
        raise WindowClosed
    with transaction.atomic():
        ModerationAction.objects.create(action=Action.DELETED_BY_AUTHOR, detail=f"reply #{comment.pk}")
        comment.delete()  # its answers move up a level (Comment.delete)


def rate_limited(*, key: str, limit: int, window_seconds: int, using=None) -> bool:
    """Count one more hit for `key`; True once it is over `limit` in the window.

    The counter lives in the shared cache so that every worker sees it.
    """
    store = using or cache
    cache_key = f"reply-rate:{key}"
    if store.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        hits = store.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        store.add(cache_key, 1, timeout=window_seconds)
        hits = 1
    return hits > limit


def flood_reason(*, ip_address: str | None, email: str) -> str:
    """Why this poster must wait, naming the limit, or "" when they may post."""
    limit, window = settings.NEWSROOM_REPLY_RATE_LIMIT
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    keys = ([f"ip:{ip_address}"] if ip_address else []) + [f"email:{email_key}"]
    if any(rate_limited(key=key, limit=limit, window_seconds=window) for key in keys):
        return str(
            _(
                "You are posting too quickly: at most %(limit)d replies every %(seconds)d seconds. "
                "Please wait a little and try again."
            )
            % {"limit": limit, "seconds": window}
        )
    return ""
