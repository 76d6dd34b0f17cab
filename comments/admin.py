"""The moderation desk: queues with counts, actions that are logged, and emails only for those allowed."""

import json

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import moderation
from comments.admin_queue import CappedCountPaginator, QueueDeskMixin, QueueFilter
from comments.models import Ban, Comment, ModerationAction, ReplyPolicy
from comments.privacy import erase_personal_data, export_personal_data

EMAIL_PERMISSION = "comments.view_commenter_email"
PERSONAL_FIELDS = ["email", "ip_address", "user_agent"]
SINGLE_ACTIONS = {
    "_approve": moderation.APPROVE,
    "_spam": moderation.SPAM,
    "_remove": moderation.REMOVE,
    "_restore": moderation.RESTORE,
}


def _history_counts():
    same_email = Comment.objects.filter(email=OuterRef("email")).order_by().values("email")
    total = same_email.annotate(n=Count("pk")).values("n")
    approved = same_email.filter(status=Comment.Status.APPROVED).annotate(n=Count("pk")).values("n")
    return {
        "history_total": Subquery(total, output_field=IntegerField()),
        "history_approved": Subquery(approved, output_field=IntegerField()),
    }


def local_time(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


@admin.register(Comment)
class CommentAdmin(QueueDeskMixin, admin.ModelAdmin):
    # One wide cell with the whole reply and its facts, one with the buttons:
    # nothing a moderator needs is off to the right (comments/admin_queue.py).
    list_display = ["queue_row", "queue_actions"]
    list_display_links = None
    # A date filter rather than date_hierarchy: the hierarchy lists the distinct
    # days of the whole table on every page load, a full scan at any size.
    list_filter = [
        QueueFilter,
        ("created_at", admin.DateFieldListFilter),
        "is_staff_reply",
        "is_featured",
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email", "body", "article__title"]
    # Newest first along an index, so that only the shown page is read and
    # its per-row history counts are computed for those rows alone.
    ordering = ["-created_at", "-pk"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]
    fields = [
        "article", "parent", "thread", "name", "email", "website", "body", "status", "held_reason",
        "history_detail", "reports", "created_at", "edited_at", "ip_address", "user_agent",
        "moderated_by", "moderated_at", "log", "is_featured", "moderator_note",
    ]  # fmt: skip
    actions = ["approve", "mark_spam", "remove", "restore", "ban", "feature", "unfeature", "export_data", "erase_data"]
    change_form_template = "admin/comments/comment/change_form.html"
    show_full_result_count = False
    paginator = CappedCountPaginator

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**_history_counts())

    def _sees_email(self, request) -> bool:
        return request.user.has_perm(EMAIL_PERMISSION)

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if self._sees_email(request) else [f for f in shown if f not in PERSONAL_FIELDS]

    def get_search_fields(self, request):
        shown = super().get_search_fields(request)
        return shown if self._sees_email(request) else [f for f in shown if f not in PERSONAL_FIELDS]

    def get_fields(self, request, obj=None):
        shown = super().get_fields(request, obj)
        return shown if self._sees_email(request) else [f for f in shown if f not in PERSONAL_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        editable = {"is_featured", "moderator_note"}
        return [f for f in self.fields if f not in editable]

    @admin.display(description=_("reply"))
    def excerpt(self, comment):
        return comment.body[:80]

    @admin.display(description=_("commenter's replies"))
    def history(self, comment):
        return _("%(approved)d approved of %(total)d") % {
            "approved": comment.history_approved or 0,
            "total": comment.history_total or 0,
        }

    @admin.display(description=_("commenter's history"))
    def history_detail(self, comment):
        earlier = Comment.objects.filter(email=comment.email).exclude(pk=comment.pk).select_related("article")[:10]
        rows = format_html_join(
            "",
            "<li><a href='{}'>{}</a> · {} · {}</li>",
            ((self._change_url(c), c.body[:60], c.article, c.get_status_display()) for c in earlier),
        )
        return format_html("<p>{}</p><ul>{}</ul>", self.history(comment), rows)

    @admin.display(description=_("thread"))
    def thread(self, comment):
        chain, parent = [], comment.parent
        while parent is not None and len(chain) < 10:
            chain.insert(0, parent)
            parent = parent.parent
        answers = list(comment.replies.all()[:10])
        line = "<li><a href='{}'>{}</a>: {} ({})</li>"
        items = ((self._change_url(c), c.name, c.body[:80], c.get_status_display()) for c in [*chain, *answers])
        return format_html("<ul>{}</ul>", format_html_join("", line, items)) if chain or answers else "-"

    @admin.display(description=_("reports"))
    def reports(self, comment):
        found = comment.reports.order_by("-created_at")[:20]
        items = ((r.get_reason_display(), r.detail, _("resolved") if r.resolved else _("open")) for r in found)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} ({})</li>", items)) if found else "-"

    @admin.display(description=_("moderation log"))
    def log(self, comment):
        entries = comment.actions.select_related("moderator")[:20]
        items = ((local_time(e.created_at), e.action, e.moderator or _("reader"), e.detail) for e in entries)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} · {} {}</li>", items)) if entries else "-"

    def _change_url(self, comment):
        return reverse("admin:comments_comment_change", args=[comment.pk])

    def save_model(self, request, obj, form, change):
        if "moderator_note" in form.changed_data:
            moderation.save_note(comment=obj, note=obj.moderator_note, moderator=request.user)
        if "is_featured" in form.changed_data:
            queryset = Comment.objects.filter(pk=obj.pk)
            moderation.feature(comments=queryset, moderator=request.user, featured=obj.is_featured)

    def response_change(self, request, obj):
        for key, action in SINGLE_ACTIONS.items():
            if key in request.POST and self.has_moderate_permission(request):
                self._moderate(request, Comment.objects.filter(pk=obj.pk), action)
                return self.after_single_action(request, obj)
        if "_ban" in request.POST and self.has_moderate_permission(request):
            self.ban(request, Comment.objects.filter(pk=obj.pk))
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _moderate(self, request, queryset, action):
        count = moderation.moderate(comments=queryset, action=action, moderator=request.user)
        label = Comment.Status(moderation.ACTION_STATUS[action]).label
        self.message_user(
            request,
            ngettext("%(count)d reply marked as %(status)s.", "%(count)d replies marked as %(status)s.", count)
            % {"count": count, "status": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve selected replies"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, moderation.APPROVE)

    @admin.action(description=_("Mark selected replies as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, moderation.SPAM)

    @admin.action(description=_("Remove selected replies"), permissions=["moderate"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, moderation.REMOVE)

    @admin.action(description=_("Restore selected replies to the queue"), permissions=["moderate"])
    def restore(self, request, queryset):
        self._moderate(request, queryset, moderation.RESTORE)

    @admin.action(description=_("Ban the commenters of selected replies"), permissions=["moderate"])
    def ban(self, request, queryset):
        count = moderation.ban_commenters(comments=queryset, moderator=request.user)
        self.message_user(
            request, ngettext("%(count)d commenter banned.", "%(count)d commenters banned.", count) % {"count": count}
        )

    @admin.action(description=_("Feature selected replies"), permissions=["moderate"])
    def feature(self, request, queryset):
        moderation.feature(comments=queryset, moderator=request.user, featured=True)

    @admin.action(description=_("Stop featuring selected replies"), permissions=["moderate"])
    def unfeature(self, request, queryset):
        moderation.feature(comments=queryset, moderator=request.user, featured=False)

    @admin.action(description=_("Export the personal data of these commenters"), permissions=["personal_data"])
    def export_data(self, request, queryset):
        emails = sorted({c.email for c in queryset if c.email})
        data = [export_personal_data(email) for email in emails]
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="reply-personal-data.json"'
        return response

    @admin.action(description=_("Erase the personal data of these commenters"), permissions=["personal_data"])
    def erase_data(self, request, queryset):
        emails = sorted({c.email for c in queryset if c.email})
        for email in emails:
            erase_personal_data(email)
        ModerationAction.objects.create(
            action=ModerationAction.Action.ERASE_PERSONAL_DATA, moderator=request.user, detail=f"{len(emails)}"
        )
        self.message_user(
            request,
            ngettext(
                "Personal data of %(count)d commenter erased.",
                "Personal data of %(count)d commenters erased.",
                len(emails),
            )
            % {"count": len(emails)},
        )

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_personal_data_permission(self, request):
        return self.has_moderate_permission(request) and self._sees_email(request)

    def has_add_permission(self, request):
        # Replies come from readers (staff reply on the article page while signed in).
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "reply_link", "detail"]
    list_filter = ["action", "moderator"]
    date_hierarchy = "created_at"
    list_select_related = ["moderator", "comment"]

    @admin.display(description=_("reply"))
    def reply_link(self, entry):
        if entry.comment_id is None:
            return "-"
        url = reverse("admin:comments_comment_change", args=[entry.comment_id])
        return format_html(
            "<a href='{}'>{}</a> · {}", url, Truncator(entry.comment.body).words(12), entry.comment.name
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The log is the desk's memory: nobody edits or deletes it from here.
        return False


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "reason", "created_at", "created_by"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    readonly_fields = ["created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(ReplyPolicy)
class ReplyPolicyAdmin(admin.ModelAdmin):
    list_display = ["article", "mode", "close_after_days"]
    list_filter = ["mode"]
    autocomplete_fields = ["article"]
    search_fields = ["article__title"]
