"""Email: confirming a reader's address, telling them of replies, and the moderators' digest.

Every function here runs after a transaction commits (see comments.moderation)
or from a management command; none is called from save().
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from comments.models import Comment
from comments.tokens import confirm_token, unsubscribe_token

DIGEST_LAST_KEY = "reply-digest:last-pending"
DIGEST_LOCK_KEY = "reply-digest:lock"
CONFIRM_THROTTLE_SECONDS = 60 * 60


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def after_post(comment: Comment) -> None:
    if needs_confirmation(comment):
        send_confirmation(comment)
    if comment.status == Comment.Status.PENDING:
        send_digest_if_queue_grew()
    elif comment.is_approved:
        replies_approved([comment.pk])


def needs_confirmation(comment: Comment) -> bool:
    """Asked for notifications (the first step of the opt-in), or held only for being new here."""
    return comment.notify == Comment.Notify.REQUESTED or Comment.Reason.FIRST_TIME in (comment.held_codes or [])


def send_confirmation(comment: Comment) -> bool:
    """Ask the reader to confirm their address (the second step of the opt-in); once an hour at most."""
    if not cache.add(f"reply-confirm:{comment.email.lower()}", 1, timeout=CONFIRM_THROTTLE_SECONDS):
        return False
    link = absolute(
        reverse("comments:confirm", kwargs={"token": confirm_token(comment_id=comment.pk, email=comment.email)})
    )
    body = render_to_string("comments/email/confirm.txt", {"comment": comment, "link": link})
    send_mail(_("Please confirm your email address"), body, None, [comment.email])
    return True


def replies_approved(ids) -> int:
    """Tell the authors of the parents of newly approved replies, if they opted in and confirmed."""
    sent = 0
    replies = Comment.objects.filter(
        pk__in=ids, status=Comment.Status.APPROVED, parent__notify=Comment.Notify.CONFIRMED
    ).select_related("parent", "article")
    for reply in replies:
        parent = reply.parent
        if parent.email.lower() == reply.email.lower():
            continue
        unsubscribe = absolute(reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(parent.pk)}))
        body = render_to_string(
            "comments/email/new_reply.txt",
            {"reply": reply, "parent": parent, "link": absolute(reply.get_absolute_url()), "unsubscribe": unsubscribe},
        )
        message = EmailMessage(
            _("%(name)s replied to you") % {"name": reply.name},
            body,
            to=[parent.email],
            headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        sent += message.send()
    return sent


def moderator_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, groups__name="Moderators").exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_digest_if_queue_grew(*, force: bool = False) -> bool:
    """Email the moderators when the queue has grown past the threshold since the last digest.

    At most one digest per NEWSROOM_REPLY_DIGEST_MINUTES unless forced (the
    management command run by a scheduler may force it).
    """
    pending = Comment.objects.pending().count()
    last = cache.get(DIGEST_LAST_KEY, 0)
    if pending == 0 or pending <= last or (not force and pending < settings.NEWSROOM_REPLY_DIGEST_THRESHOLD):
        if pending < last:
            cache.set(DIGEST_LAST_KEY, pending, timeout=None)
        return False
    if not force and not cache.add(DIGEST_LOCK_KEY, 1, timeout=settings.NEWSROOM_REPLY_DIGEST_MINUTES * 60):
        return False
    recipients = moderator_emails()
    if not recipients:
        return False
    context = {
        "pending": pending,
        "reported": Comment.objects.reported().count(),
        "oldest": Comment.objects.pending().select_related("article").order_by("created_at")[:20],
        "queue": absolute(reverse("admin:comments_comment_changelist") + "?queue=pending"),
    }
    body = render_to_string("comments/email/digest.txt", context)
    send_mail(_("%(count)d replies are waiting for moderation") % {"count": pending}, body, None, recipients)
    cache.set(DIGEST_LAST_KEY, pending, timeout=None)
    return True
