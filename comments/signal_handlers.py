"""The page cache empties the pages that show an article's replies when they change.

Connected in CommentsConfig.ready(); what pages show replies is the articles
app's to say (articles.pages.pages_showing_replies). Every handler empties
after the change commits, whichever path made it, bulk moderation's
`QuerySet.update()` included (pagecache's rows_updated, and this app's own
replies_changed).
"""

from django.db.models.signals import post_delete, post_save

from articles.pages import pages_showing_replies
from comments.models import Comment, ReplyPolicy
from comments.signals import replies_changed
from pagecache.groups import group, groups_of
from pagecache.signals import rows_updated
from pagecache.versions import empty_after_commit

UID = "comments.signal_handlers."
# Saving only these fields changes nothing a reader sees.
UNSEEN_REPLY_FIELDS = {"moderator_note", "report_count", "notify", "ip_address", "user_agent", "held_reason"}


def _unseen(fields) -> bool:
    return fields is not None and set(fields) <= UNSEEN_REPLY_FIELDS


def _reply_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if created and instance.status != Comment.Status.APPROVED:
        return  # a new reply waiting for moderation is on no page
    if not _unseen(update_fields):
        empty_after_commit(pages_showing_replies([instance.article_id]))


def _reply_deleted(sender, instance, **kwargs):
    empty_after_commit(pages_showing_replies([instance.article_id]))


def _replies_updated(sender, pks, fields=None, **kwargs):
    if not _unseen(fields):
        article_ids = set(Comment.objects.filter(pk__in=pks).values_list("article_id", flat=True))
        empty_after_commit(pages_showing_replies(article_ids))


def _replies_changed(sender, article_ids, **kwargs):
    empty_after_commit(pages_showing_replies(article_ids))


def _reply_policy_changed(sender, instance, **kwargs):
    empty_after_commit({group("article", instance.article_id)})


def _reply_policies_updated(sender, pks, **kwargs):
    article_ids = ReplyPolicy.objects.filter(pk__in=pks).values_list("article_id", flat=True)
    empty_after_commit(groups_of("article", set(article_ids)))


def connect() -> None:
    post_save.connect(_reply_saved, sender=Comment, dispatch_uid=UID + "reply-save")
    post_delete.connect(_reply_deleted, sender=Comment, dispatch_uid=UID + "reply-delete")
    rows_updated.connect(_replies_updated, sender=Comment, dispatch_uid=UID + "replies-updated")
    replies_changed.connect(_replies_changed, dispatch_uid=UID + "replies-changed")
    post_save.connect(_reply_policy_changed, sender=ReplyPolicy, dispatch_uid=UID + "policy-save")
    post_delete.connect(_reply_policy_changed, sender=ReplyPolicy, dispatch_uid=UID + "policy-delete")
    rows_updated.connect(_reply_policies_updated, sender=ReplyPolicy, dispatch_uid=UID + "policies-updated")
