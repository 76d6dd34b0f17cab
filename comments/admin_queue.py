"""The moderator's queue: pending first, whole replies in each row, one-click actions with or without JavaScript.

Every row's buttons submit one form outside the changelist's own (HTML's
`form` attribute), so a plain form post works and lands back on the same
queue and filters; static/js/desk-queue.js sends the same post with fetch
and takes the row away without a page load.
"""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from comments import moderation
from comments.models import BODY_MAX_LENGTH, Comment, Report
from comments.staff_replies import post_staff_reply

QUEUES = {
    "pending": (_("Pending"), Q(status=Comment.Status.PENDING)),
    "reported": (_("Reported"), Q(report_count__gt=0)),
    "approved": (_("Approved"), Q(status=Comment.Status.APPROVED)),
    "spam": (_("Spam"), Q(status=Comment.Status.SPAM)),
    "removed": (_("Removed"), Q(status=Comment.Status.REMOVED)),
}
ALL = "all"
ROW_ACTIONS = {
    "approve": moderation.APPROVE,
    "spam": moderation.SPAM,
    "remove": moderation.REMOVE,
    "restore": moderation.RESTORE,
}
DONE_MESSAGES = {
    moderation.APPROVE: _("Approved the reply by %(name)s."),
    moderation.SPAM: _("Marked the reply by %(name)s as spam."),
    moderation.REMOVE: _("Removed the reply by %(name)s."),
    moderation.RESTORE: _("Put the reply by %(name)s back in the queue."),
}
CHANGELIST = "admin:comments_comment_changelist"
CHANGE = "admin:comments_comment_change"

# Past this many rows a queue's count and the list's pages stop counting: a
# moderator needs "more than ten thousand", not a full scan on every page load.
DESK_COUNT_CAP = 10_000


def capped_count(queryset) -> int:
    """How many rows, counting no further than DESK_COUNT_CAP (a LIMITed subquery).

    Only the keys are selected, so the list's per-row annotations (the
    commenter's history) are not computed for rows that are merely counted.
    """
    return queryset.values("pk").order_by()[: DESK_COUNT_CAP + 1].count()


def count_label(count: int) -> str:
    return f"{DESK_COUNT_CAP:,}+" if count > DESK_COUNT_CAP else f"{count:,}"


def pending_label(request) -> str:
    """The queue's size, counted once per request however many places show it."""
    if not hasattr(request, "_desk_pending_label"):
        request._desk_pending_label = count_label(capped_count(Comment.objects.pending()))
    return request._desk_pending_label


class CappedCountPaginator(Paginator):
    """The changelist's pages, with the count capped so a huge table costs no more than a big one."""

    @property
    def count(self) -> int:
        if not hasattr(self, "_capped_count"):
            self._capped_count = min(capped_count(self.object_list), DESK_COUNT_CAP)
        return self._capped_count


class QueueFilter(admin.SimpleListFilter):
    """The queues; the list opens on the pending one, except for a search, which looks everywhere."""

    title = _("queue")
    parameter_name = "queue"

    def __init__(self, request, params, model, model_admin):
        self.default = ALL if request.GET.get("q") else "pending"
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            (key, f"{label} ({count_label(capped_count(Comment.objects.filter(q)))})")
            for key, (label, q) in QUEUES.items()
        ]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for key, label in [(ALL, _("All")), *self.lookup_choices]:
            yield {
                "selected": self.value() == key,
                "query_string": changelist.get_query_string({self.parameter_name: key}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() in QUEUES:
            return queryset.filter(QUEUES[self.value()][1])
        return queryset


def next_pending(after: Comment) -> Comment | None:
    """The reply the queue shows after this one (newest first), or the newest still waiting."""
    waiting = Comment.objects.pending().exclude(pk=after.pk).order_by("-created_at", "-pk")
    older = waiting.filter(Q(created_at__lt=after.created_at) | Q(created_at=after.created_at, pk__lt=after.pk))
    return older.first() or waiting.first()


def safe_next(request) -> str:
    """Back where the moderator was (queue, filters, page), never off this site or out of the list."""
    target = request.POST.get("next", "")
    changelist = reverse(CHANGELIST)
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed and target.startswith(changelist) else f"{changelist}?queue=pending"


class QueueDeskMixin:
    """What CommentAdmin adds for the queue; kept apart from its permissions and bulk actions."""

    change_list_template = "admin/comments/comment/change_list.html"

    def get_urls(self):
        act = self.admin_site.admin_view(require_POST(self.act_view))
        return [path("<int:pk>/act/", act, name="comments_comment_act"), *super().get_urls()]

    def get_queryset(self, request):
        open_reports = Report.objects.filter(resolved=False).order_by("-created_at")
        return (
            super().get_queryset(request).prefetch_related(Prefetch("reports", open_reports, to_attr="open_reports"))
        )

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if not request.user.has_perm("comments.moderate_comment"):
            shown = [name for name in shown if name != "queue_actions"]
        if request.user.has_perm("comments.view_commenter_email"):
            return [("queue_row_with_email" if name == "queue_row" else name) for name in shown]
        return shown

    def _row(self, comment, *, email: bool):
        context = {"comment": comment, "show_email": email, "change_url": reverse(CHANGE, args=[comment.pk])}
        return render_to_string("admin/comments/comment/_queue_row.html", context)

    @admin.display(description=_("reply"))
    def queue_row(self, comment):
        return self._row(comment, email=False)

    @admin.display(description=_("reply"))
    def queue_row_with_email(self, comment):
        return self._row(comment, email=True)

    @admin.display(description=_("moderate"))
    def queue_actions(self, comment):
        context = {"comment": comment, "act_url": reverse("admin:comments_comment_act", args=[comment.pk])}
        return render_to_string("admin/comments/comment/_queue_actions.html", context)

    def changelist_view(self, request, extra_context=None):
        extra = {"pending_label": pending_label(request), "next_url": request.get_full_path()}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def act_view(self, request, pk):
        """One reply, one action (or a staff answer); JSON for the page's script, a redirect for a plain post."""
        if not request.user.has_perm("comments.moderate_comment"):
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        action = request.POST.get("action", "")
        if action == "reply":
            ok, message = self._reply(request, comment)
        elif action in ROW_ACTIONS:
            moderation.moderate(
                comments=Comment.objects.filter(pk=comment.pk), action=ROW_ACTIONS[action], moderator=request.user
            )
            ok, message = True, DONE_MESSAGES[ROW_ACTIONS[action]] % {"name": comment.name}
        else:
            ok, message = False, _("Choose approve, spam, remove, restore or reply.")
        if "application/json" in request.headers.get("Accept", ""):
            comment.refresh_from_db(fields=["status"])
            body = {"ok": ok, "message": str(message), "status": comment.status, "pending": pending_label(request)}
            return JsonResponse(body, status=200 if ok else 400)
        self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
        return HttpResponseRedirect(safe_next(request))

    def _reply(self, request, comment):
        body = request.POST.get(f"body-{comment.pk}", "").strip()
        if not body:
            return False, _("Write the reply first.")
        if len(body) > BODY_MAX_LENGTH:
            return False, _("A reply may be at most %(limit)d characters.") % {"limit": BODY_MAX_LENGTH}
        try:
            post_staff_reply(parent=comment, body=body, user=request.user)
        except moderation.DuplicateReply:
            return False, _("That reply was already posted.")
        return True, _("Your reply to %(name)s is published.") % {"name": comment.name}

    def after_single_action(self, request, comment) -> HttpResponseRedirect:
        """From a reply's own page, on to the next one waiting, keeping the queue's filters."""
        following = next_pending(comment)
        url = reverse(CHANGE, args=[following.pk]) if following else reverse(CHANGELIST)
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(context, url))
