from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment
from comments.moderation import moderate


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "excerpt", "article", "status", "created_at", "held_reason"]
    list_filter = ["status", "is_staff_reply", ("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created_at"
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]
    readonly_fields = ["created_at", "ip_address", "user_agent", "moderated_by", "moderated_at", "held_reason"]
    actions = ["approve", "mark_spam", "remove"]
    show_full_result_count = False

    @admin.display(description=_("reply"))
    def excerpt(self, comment):
        return comment.body[:80]

    def _moderate(self, request, queryset, status):
        count = moderate(comments=queryset, status=status, moderator=request.user)
        label = Comment.Status(status).label
        self.message_user(
            request,
            ngettext("%(count)d reply marked as %(status)s.", "%(count)d replies marked as %(status)s.", count)
            % {"count": count, "status": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve selected replies"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED)

    @admin.action(description=_("Mark selected replies as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM)

    @admin.action(description=_("Remove selected replies"), permissions=["moderate"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REMOVED)

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_add_permission(self, request):
        # Replies come from readers (or a staff reply form), not from a blank admin form.
        return False
