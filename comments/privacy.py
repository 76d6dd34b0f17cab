"""Personal data in replies: erasing what is kept too long, exporting and erasing by email."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comments.models import Ban, Comment, Commenter, ModerationAction
from comments.signals import replies_changed

ANONYMOUS = "anonymous"


def erase_network_data(*, days: int | None = None) -> int:
    """Forget the IP address and user agent of replies older than `days`; safe to run again."""
    days = settings.NEWSROOM_REPLY_NETWORK_DATA_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    stale = Comment.objects.filter(created_at__lt=cutoff).filter(Q(ip_address__isnull=False) | ~Q(user_agent=""))
    return stale.update(ip_address=None, user_agent="")


def export_personal_data(email: str) -> dict:
    """Everything stored about one email, as plain data (like WordPress's export tool)."""
    replies = Comment.objects.by_email(email).select_related("article").order_by("created_at")
    commenter = Commenter.objects.filter(email__iexact=email.strip()).first()
    return {
        "email": email.strip(),
        "confirmed_at": commenter.confirmed_at.isoformat() if commenter and commenter.confirmed_at else None,
        "replies": [
            {
                "id": reply.pk,
                "article": reply.article.title,
                "url": reply.get_absolute_url(),
                "name": reply.name,
                "website": reply.website,
                "body": reply.body,
                "status": reply.status,
                "posted": reply.created_at.isoformat(),
                "ip_address": reply.ip_address,
                "user_agent": reply.user_agent,
                "email_me_replies": reply.notify,
            }
            for reply in replies
        ],
    }


def erase_personal_data(email: str, *, keep_text: bool | None = None) -> dict:
    """Erase one email's personal data.

    Approved replies either stay, signed "anonymous" and stripped of anything
    personal, or go, as the site chooses; every other reply goes. A ban on the
    address is kept: it is the newsroom's record, not the reader's content.
    """
    keep_text = settings.NEWSROOM_REPLY_ERASE_KEEPS_TEXT if keep_text is None else keep_text
    replies = Comment.objects.by_email(email)
    with transaction.atomic():
        kept_ids = list(replies.approved().values_list("pk", flat=True)) if keep_text else []
        doomed_ids = list(replies.exclude(pk__in=kept_ids).values_list("pk", flat=True))
        for pk in kept_ids:
            # The duplicate fingerprint hashes the email too: replace it so nothing links back.
            Comment.objects.filter(pk=pk).update(
                name=ANONYMOUS,
                email="",
                website="",
                ip_address=None,
                user_agent="",
                notify=Comment.Notify.OFF,
                fingerprint=f"erased-{pk}",
            )
        kept_articles = set(Comment.objects.filter(pk__in=kept_ids).values_list("article_id", flat=True))
        replies_changed.send(sender=Comment, article_ids=kept_articles)
        deleted = Comment.objects.filter(pk__in=doomed_ids).delete()[1].get("comments.Comment", 0)
        anonymised = len(kept_ids)
        Commenter.objects.filter(email__iexact=email.strip()).delete()
        ModerationAction.objects.create(
            action=ModerationAction.Action.ERASE_PERSONAL_DATA, detail=f"{anonymised} kept, {deleted} deleted"
        )
    return {"anonymised": anonymised, "deleted": deleted, "banned": Ban.objects.filter(value=email.lower()).exists()}
