"""The article's workflow on its change page: where it stands, the steps this person may take, who else has it open.

Kept apart from articles/admin.py (permissions, lists, actions); ArticleAdmin
mixes this in. Each step saves the form first, so nothing typed is lost, and
then goes through articles.publishing like the list's actions do.
"""

from datetime import UTC, datetime

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles import history, notifications, publishing
from articles.models import Article

Status = Article.Status
STEP_FIELD = "_step"
# How long an opened change page counts as "open" for the soft lock: about
# one sitting; a save or a later visit refreshes it.
PRESENCE_SECONDS = 30 * 60


def _draft(article, may_publish):
    return article.status == Status.DRAFT


def _in_review(article, may_publish):
    return may_publish and article.status == Status.IN_REVIEW


def _not_live(article, may_publish):
    return may_publish and not article.is_live


def _published(article, may_publish):
    return may_publish and article.status == Status.PUBLISHED


# Step: its button, when it is offered, and its success message.
STEPS = {
    "submit": (_("Submit for review"), _draft, _("Submitted for review: the editors have been told.")),
    "return": (_("Return to draft"), _in_review, _("Returned to draft: the writer has been told.")),
    "publish": (_("Publish now"), _not_live, _("Published: it is live now.")),
    "schedule": (_("Schedule"), _not_live, _("Scheduled for %(when)s.")),
    "unpublish": (_("Unpublish"), _published, _("Unpublished: readers no longer see it.")),
}
STEP_FUNCTIONS = {
    "submit": lambda *, articles, user, at: publishing.submit_for_review(articles=articles, user=user),
    "return": lambda *, articles, user, at: publishing.return_to_draft(articles=articles, user=user),
    "publish": lambda *, articles, user, at: publishing.publish(articles=articles, user=user),
    "schedule": publishing.schedule,
    "unpublish": lambda *, articles, user, at: publishing.unpublish(articles=articles, user=user),
}
STATUS_STEP = {Status.IN_REVIEW: notifications.SUBMITTED, Status.PUBLISHED: notifications.PUBLISHED}


def offered_steps(article: Article, *, may_publish: bool) -> list[tuple[str, str]]:
    return [(key, label) for key, (label, offered, _done) in STEPS.items() if offered(article, may_publish)]


def last_revision(article: Article):
    return Version.objects.get_for_object(article).select_related("revision__user").first()


def _presence_key(article_id) -> str:
    return f"article-open:{article_id}"


def others_editing(article_id, user) -> list[dict]:
    """Everyone else who opened this article lately, and since when (a soft lock: nothing is refused)."""
    opened = cache.get(_presence_key(article_id), {})
    now = timezone.now().timestamp()
    return [
        {"name": entry["name"], "since": datetime.fromtimestamp(entry["since"], tz=UTC)}
        for user_id, entry in opened.items()
        if user_id != user.pk and now - entry["seen"] < PRESENCE_SECONDS
    ]


def mark_open(article_id, user, *, open_now: bool = True) -> None:
    opened = cache.get(_presence_key(article_id), {})
    now = timezone.now().timestamp()
    if open_now:
        since = opened.get(user.pk, {}).get("since", now)
        opened[user.pk] = {"name": user.get_full_name() or user.get_username(), "since": since, "seen": now}
    else:
        opened.pop(user.pk, None)
    cache.set(_presence_key(article_id), opened, timeout=PRESENCE_SECONDS)


def changes_since(article: Article, opened_token: str):
    """What others saved after this form was opened: (changes, the newest version), from the history."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user")[:30])
    if not versions:
        return [], None
    opened = next((v for v in versions if v.field_dict.get("updated_at") and _token(v) <= opened_token), None)
    if opened is None or opened.pk == versions[0].pk:
        return [], versions[0]
    return history.compare(opened.field_dict, versions[0].field_dict), versions[0]


def _token(version) -> str:
    return version.field_dict["updated_at"].isoformat()


READ_BODY = "body_as_readers_see_it"


LINK_RESULTS = 10


class ArticleWorkflowMixin:
    change_form_template = "admin/articles/article/change_form.html"

    def get_urls(self):
        images = self.admin_site.admin_view(self.body_images_view)
        links = self.admin_site.admin_view(self.link_search_view)
        return [
            path("<int:pk>/body-images/", images, name="articles_article_body_images"),
            path("link-search/", links, name="articles_article_link_search"),
            *super().get_urls(),
        ]

    def body_images_view(self, request, pk):
        """The article's images as figures for the body editor's image button."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        images = article.images.order_by("position", "pk")
        data = [
            {"label": image.alt or image.caption or image.image.name, "html": image.figure_html()} for image in images
        ]
        return JsonResponse({"images": data})

    def link_search_view(self, request):
        """Published articles whose title has these words, for the body editor's link button."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        words = request.GET.get("q", "").split()[:8]
        found = Article.objects.published().select_related("section")
        for word in words:
            found = found.filter(title__icontains=word)
        results = [{"label": a.title, "url": a.get_absolute_url()} for a in found[:LINK_RESULTS]] if words else []
        return JsonResponse({"results": results})

    def _view_only(self, request, obj) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._view_only(request, obj):
            return fieldsets
        # Those who may only look (moderators) read the body as readers will, not as markup.
        return [
            (name, {**options, "fields": [READ_BODY if f == "body" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        shown = list(super().get_readonly_fields(request, obj))
        return [*shown, READ_BODY] if self._view_only(request, obj) else shown

    @admin.display(description=_("body"))
    def body_as_readers_see_it(self, article):
        return article.body_html()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A section, byline or tag is never deleted from inside an article's form.
        if field is not None and hasattr(field.widget, "can_delete_related"):
            field.widget.can_delete_related = False
        if db_field.name == "publish_at" and field is not None:
            # The date and the time boxes share one label: name each for screen readers.
            date, time = field.widget.widgets
            date.attrs["aria-label"] = _("Publish at: date")
            time.attrs["aria-label"] = _("Publish at: time")
        return field

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and object_id and str(object_id).isdigit():
            extra_context = {**(extra_context or {}), "others_editing": others_editing(object_id, request.user)}
            mark_open(object_id, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_publish = self.has_publish_permission(request)
        # As saved: after a refused save `obj` carries the values typed, not the article's state.
        saved = Article.objects.only("status", "publish_at").get(pk=obj.pk) if obj else Article()
        context["saved_article"] = saved
        context["workflow_steps"] = offered_steps(saved, may_publish=may_publish)
        context["last_revision"] = last_revision(obj) if obj else None
        form = context["adminform"].form
        if obj is not None and getattr(form, "stale_token", None):
            context["conflict_changes"], context["conflict_version"] = changes_since(obj, form.stale_token)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if STEP_FIELD in request.POST:
            # A step's button decides the status; the select's value is left as it was.
            obj.status = form.initial.get("status") or Status.DRAFT
        super().save_model(request, obj, form, change)
        # A status chosen in the select (rather than a step's button) tells people too.
        if STEP_FIELD in request.POST or "status" not in form.changed_data:
            return
        returned = form.initial.get("status") == Status.IN_REVIEW and obj.status == Status.DRAFT
        step = notifications.RETURNED if returned else STATUS_STEP.get(obj.status)
        if step:
            publishing.notify_on_commit(step=step, article_ids=[obj.pk], user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        return self._take_step(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        mark_open(obj.pk, request.user, open_now=False)
        return self._take_step(request, obj) or super().response_change(request, obj)

    def _take_step(self, request, obj):
        key = request.POST.get(STEP_FIELD)
        if key not in STEPS:
            return None
        label, offered, done = STEPS[key]
        if not offered(obj, self.has_publish_permission(request)):
            self.message_user(request, _("That step is not open to you for this article."), messages.ERROR)
        elif key == "schedule" and obj.publish_at <= timezone.now():
            self.message_user(request, _("Set “publish at” to a future time to schedule."), messages.ERROR)
        else:
            STEP_FUNCTIONS[key](articles=Article.objects.filter(pk=obj.pk), user=request.user, at=obj.publish_at)
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            self.message_user(request, done % {"when": when} if key == "schedule" else done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
