"""A reply from the desk, posted under the signed-in account rather than a typed name and email."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from comments import moderation, notifications
from comments.models import Comment, ModerationAction


def post_staff_reply(*, parent: Comment, body: str, user) -> Comment:
    """Answer a reader as the newsroom; answering a held reply approves it, as it would be odd to answer hidden words.

    Raises moderation.DuplicateReply when the same answer was already posted.
    """
    with transaction.atomic():
        if parent.status == Comment.Status.PENDING:
            moderation.moderate(
                comments=Comment.objects.filter(pk=parent.pk), action=moderation.APPROVE, moderator=user
            )
        reply = Comment(
            article_id=parent.article_id,
            parent=parent,
            name=user.get_full_name() or user.get_username(),
            email=user.email,
            body=body,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            moderated_by=user,
            moderated_at=timezone.now(),
            fingerprint=moderation.fingerprint(article_id=parent.article_id, email=user.email, body=body),
        )
        try:
            with transaction.atomic():
                reply.save()
        except IntegrityError:
            raise moderation.DuplicateReply from None
        ModerationAction.objects.create(comment=reply, action="staff reply", moderator=user, detail=body[:300])
        transaction.on_commit(lambda: notifications.replies_approved([reply.pk]))
    return reply
