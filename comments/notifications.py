"""Email: confirming a reader's address, telling them of replies, and the moderators' digest.

None of it is sent inside a reader's request or from save(): each email is a
job (jobs.dispatch) run after commit on the task queue, retried while the mail
server is down, sent once per key even if the job runs twice (jobs.mail).
Without a queue the job runs in-process and a failure is logged, not shown
to the reader as an error page.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from comments import tasks
from comments.models import Comment
from comments.tokens import confirm_token, unsubscribe_token
from jobs import dispatch, mail

DIGEST_LAST_KEY = "reply-digest:last-pending"
DIGEST_LOCK_KEY = "reply-digest:lock"
# The queue's size at the digest job's last check, and how many replies were held since:
# the posting request adds one in the cache instead of counting the queue in the database.
DIGEST_SEEN_KEY = "reply-digest:seen-pending"
DIGEST_HELD_KEY = "reply-digest:held-since"
CONFIRM_THROTTLE_SECONDS = 60 * 60

# What became of a confirmation email, for the message the reader is shown.
SENT, RECENT, FAILED = "sent", "recent", "failed"


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def after_post(comment: Comment) -> None:
    """Once a new reply is committed: the digest, or the notice of a reply published at once."""
    if comment.status == Comment.Status.PENDING:
        if digest_may_be_due():
            dispatch.run(tasks.send_digest)
    elif comment.is_approved:
        replies_approved([comment.pk])


def digest_may_be_due() -> bool:
    """Whether the queue may have grown past the digest's threshold: a guess from the cache, no query.

    The guess (the size at the last check plus the replies held since) is never
    below the truth while the cache keeps its keys (moderation only shrinks the
    queue); the digest job counts for real. The periodic digest job catches
    what a lost cache key hides.
    """
    known = cache.get_many([DIGEST_LOCK_KEY, DIGEST_SEEN_KEY, DIGEST_LAST_KEY])
    if DIGEST_LOCK_KEY in known:
        return False  # within the quiet interval after a digest: no job per reply on a busy night
    try:
        held = cache.incr(DIGEST_HELD_KEY)
    except ValueError:  # not there yet, or dropped by the cache
        cache.set(DIGEST_HELD_KEY, held := 1, timeout=None)
    guess = known.get(DIGEST_SEEN_KEY, 0) + held
    return guess >= settings.NEWSROOM_REPLY_DIGEST_THRESHOLD and guess > known.get(DIGEST_LAST_KEY, 0)


def needs_confirmation(comment: Comment) -> bool:
    """Asked for notifications (the first step of the opt-in), or held only for being new here."""
    return comment.notify == Comment.Notify.REQUESTED or Comment.Reason.FIRST_TIME in (comment.held_codes or [])


def ask_to_confirm(comment: Comment) -> str:
    """Email the reader the link that confirms their address, once an hour at most; say what happened.

    SENT: sent or queued. RECENT: one was sent within the hour. FAILED: neither
    queued nor sent (the reader must be told). Call once the reply is committed.
    """
    throttle = f"reply-confirm:{comment.email.lower()}"
    if not cache.add(throttle, 1, timeout=CONFIRM_THROTTLE_SECONDS) and cache.get(throttle) is not None:
        return RECENT
    # Added, or the cache is down and cannot say: send either way.
    if dispatch.run(tasks.send_confirmation, comment.pk):
        return SENT
    cache.delete(throttle)
    return FAILED


def send_confirmation(comment_id: int) -> bool:
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        return False
    token = confirm_token(comment_id=comment.pk, email=comment.email)
    link = absolute(reverse("comments:confirm", kwargs={"token": token}))
    body = render_to_string("comments/email/confirm.txt", {"comment": comment, "link": link})
    return mail.deliver(
        key=f"reply-confirm:{comment.pk}",
        subject=_("Please confirm your email address"),
        body=body,
        to=[comment.email],
    )


def replies_approved(ids) -> int:
    """Queue a notice to the authors of the parents of newly approved replies who opted in and confirmed.

    One job per reply: one message that fails does not hold back the others.
    """
    notify = Comment.objects.filter(
        pk__in=list(ids), status=Comment.Status.APPROVED, parent__notify=Comment.Notify.CONFIRMED
    ).values_list("pk", flat=True)
    queued = 0
    for reply_id in notify:
        queued += dispatch.run(tasks.notify_parent_author, reply_id)
    return queued


def notify_parent_author(reply_id: int) -> bool:
    reply = (
        Comment.objects.filter(pk=reply_id, status=Comment.Status.APPROVED, parent__notify=Comment.Notify.CONFIRMED)
        .select_related("parent", "article")
        .first()
    )
    if reply is None or reply.parent.email.lower() == reply.email.lower():
        return False
    parent = reply.parent
    unsubscribe = absolute(reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(parent.pk)}))
    body = render_to_string(
        "comments/email/new_reply.txt",
        {"reply": reply, "parent": parent, "link": absolute(reply.get_absolute_url()), "unsubscribe": unsubscribe},
    )
    return mail.deliver(
        key=f"reply-approved:{reply.pk}",
        # A reader's name: mail.deliver makes it one line, whatever they typed.
        subject=_("%(name)s replied to you") % {"name": mail.one_line(reply.name)},
        body=body,
        to=[parent.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def moderator_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, groups__name="Moderators").exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_digest_if_queue_grew(*, force: bool = False) -> bool:
    """Email the moderators when the queue has grown past the threshold since the last digest.

    At most one digest per NEWSROOM_REPLY_DIGEST_MINUTES unless forced (the
    management command may force it). The lock holds the digest's key, so a
    job run again after dying mid-send finishes it, and mail.deliver sends it once.
    """
    pending = Comment.objects.pending().count()
    cache.set_many({DIGEST_SEEN_KEY: pending, DIGEST_HELD_KEY: 0}, timeout=None)
    last = cache.get(DIGEST_LAST_KEY, 0)
    if pending == 0 or pending <= last or (not force and pending < settings.NEWSROOM_REPLY_DIGEST_THRESHOLD):
        if pending < last:
            cache.set(DIGEST_LAST_KEY, pending, timeout=None)
        return False
    key = f"reply-digest:{pending}:{Comment.objects.pending().order_by('-pk').values_list('pk', flat=True)[0]}"
    lock_seconds = settings.NEWSROOM_REPLY_DIGEST_MINUTES * 60
    if not force and not cache.add(DIGEST_LOCK_KEY, key, timeout=lock_seconds) and cache.get(DIGEST_LOCK_KEY) != key:
        return False
    context = {
        "pending": pending,
        "reported": Comment.objects.reported().count(),
        "oldest": Comment.objects.pending().select_related("article").order_by("created_at")[:20],
        "queue": absolute(reverse("admin:comments_comment_changelist") + "?queue=pending"),
    }
    subject = _("%(count)d replies are waiting for moderation") % {"count": pending}
    body = render_to_string("comments/email/digest.txt", context)
    sent = mail.deliver(key=key, subject=subject, body=body, to=moderator_emails())
    cache.set(DIGEST_LAST_KEY, pending, timeout=None)
    return sent
