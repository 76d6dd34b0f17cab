"""What the replies app adds to articles: card counts, the admin's pending column and filter, the page's policy.

Registered with articles/extensions.py from CommentsConfig.ready(), so that
articles shows replies without naming the replies app or its relations.
"""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from articles import extensions
from comments.models import Comment, ReplyPolicy


def approved_reply_count():
    """How many replies readers see on an article: the replies' own approved(), one definition of visible."""
    counted = Comment.objects.approved().filter(article=OuterRef("pk")).order_by().values("article")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def pending_reply_count():
    counted = Comment.objects.pending().filter(article=OuterRef("pk")).order_by().values("article")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


@admin.display(description=_("pending replies"), ordering="pending_reply_count")
def pending_replies(article):
    return article.pending_reply_count


class PendingRepliesFilter(admin.SimpleListFilter):
    title = _("pending replies")
    parameter_name = "pending_replies"

    def lookups(self, request, model_admin):
        return [("yes", _("Some waiting")), ("no", _("None waiting"))]

    def queryset(self, request, queryset):
        waiting = Exists(Comment.objects.pending().filter(article=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(waiting)
        if self.value() == "no":
            return queryset.exclude(waiting)
        return queryset


def register() -> None:
    extensions.add_listing_annotation("approved_reply_count", approved_reply_count)
    extensions.add_admin_column(pending_replies, annotations={"pending_reply_count": pending_reply_count})
    extensions.add_admin_filter(PendingRepliesFilter)
    # Whether replies are open is asked by the thread and the form: the policy rides along with the article.
    extensions.add_article_page_related(ReplyPolicy._meta.get_field("article").remote_field.get_accessor_name())
