from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import extensions, history, publishing, tasks
from articles.admin_workflow import ArticleWorkflowMixin
from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleImage, ArticleNote, ArticleStatement, Author, OldSlug, Section, Tag
from articles.previews import preview_url
from articles.restoring import RestoreOneObjectMixin, restoring_over
from elections.models import Statement
from jobs import dispatch


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    raw_id_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "article", "created_at"]
    search_fields = ["slug", "article__title"]
    autocomplete_fields = ["article"]


class ArticleStatementInline(admin.TabularInline):
    model = ArticleStatement
    extra = 0
    fields = ["position", "statement"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The chooser lists only the statements of the election the article covers.
        formset.form.base_fields["statement"].queryset = Statement.objects.filter(
            election_id=getattr(obj, "election_id", None)
        ).select_related("candidate")
        return formset


class ArticleImageInline(admin.StackedInline):
    model = ArticleImage
    extra = 0
    fields = ["image", "alt", "caption", "credit", "position", "figure_markup"]
    readonly_fields = ["figure_markup"]

    @admin.display(description=_("markup to paste into the body (HTML mode)"))
    def figure_markup(self, image):
        return image.figure_html() if image.pk else "—"


class ArticleNoteInline(admin.TabularInline):
    model = ArticleNote
    extra = 0
    fields = ["kind", "noted_at", "text"]


def _version_id(value) -> int:
    """A version id from the query string; anything else matches no version."""
    return int(value) if value and value.isdigit() else 0


class StatusFilter(admin.SimpleListFilter):
    """Status as the desk sees it: a published article with a future time is scheduled."""

    title = _("status")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [*Article.Status.choices, ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == Article.Status.PUBLISHED:
            return queryset.published()
        if self.value() in Article.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(RestoreOneObjectMixin, ArticleWorkflowMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "stage", "publish_at", "bylines", "featured"]
    list_filter = [StatusFilter, "section", "authors", "tags", "featured", "comments_open"]
    search_fields = ["title", "slug", "summary", "body", "authors__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "tags", "election", "related_articles", "section"]
    inlines = [ArticleImageInline, ArticleStatementInline, ArticleNoteInline]
    actions = ["submit_for_review", "return_to_draft", "publish_now", "unpublish", "revoke_preview_links"]
    readonly_fields = ["share_preview"]
    object_history_template = "admin/articles/article/history.html"

    class Media:
        css = {"all": ["articles/prose-editor-base.css"]}

    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "authors", "dateline", "summary", "body", "edit_token"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "featured", "comments_open", "share_preview"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        (_("Related"), {"fields": ["election", "tags", "related_articles"]}),
    ]

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        return [
            path("<int:object_id>/history/compare/", compare, name="articles_article_compare"),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(Article, object_id).select_related("revision__user")
        return super().history_view(request, object_id, {**(extra_context or {}), "versions": versions})

    def compare_view(self, request, object_id):
        """Two saved versions side by side: which fields changed, and how."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        older = get_object_or_404(versions, pk=_version_id(request.GET.get("older")))
        newer = get_object_or_404(versions, pk=_version_id(request.GET.get("newer")))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare versions of %(title)s") % {"title": article.title},
            "older": older,
            "newer": newer,
            "changes": history.compare(older.field_dict, newer.field_dict),
            "notes": history.notes_between(article, older, newer),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("search_document")  # PostgreSQL's, for the public search only
            .select_related("section")
            .prefetch_related("authors")
            .annotate(**extensions.admin_annotations())
        )

    def get_list_display(self, request):
        # Columns other apps add (the replies app's pending count), registered in their AppConfig.ready().
        return [*super().get_list_display(request), *extensions.admin_columns()]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *extensions.admin_filters()]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # Which statuses the form accepts is decided here, on the server,
        # from the person's permissions, never from what the page offered.
        return type(form.__name__, (form,), {"may_publish": self.has_publish_permission(request)})

    def has_change_permission(self, request, obj=None):
        # A reporter may not change what readers already see (or will see
        # at a scheduled time): that is publishing by another name. A history
        # restore is checked against the article as it is now, too.
        touched = [a for a in (obj, restoring_over(request)) if a is not None]
        if any(a.status == Article.Status.PUBLISHED for a in touched) and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "lead_image" in form.changed_data and obj.lead_image:
            # A large upload's renditions take seconds: a job, once saved. Pages show the original until then.
            dispatch.run_later(tasks.make_renditions, obj.lead_image.name)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticleImage:
            for image_form in formset.forms:
                if "image" in image_form.changed_data and image_form.instance.pk:
                    dispatch.run_later(tasks.make_renditions, image_form.instance.image.name)

    @admin.display(description=_("status"), ordering="status")
    def stage(self, article):
        return _("Scheduled") if article.is_scheduled else article.get_status_display()

    @admin.display(description=_("by"))
    def bylines(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=_("shareable preview"))
    def share_preview(self, article):
        # The link is for the article as saved: a form sent back with errors
        # (an empty or malformed slug) must not change it, nor break the page.
        saved = Article.objects.filter(pk=article.pk).first() if article.pk else None
        if saved is None or saved.is_live:
            return "—"
        url = preview_url(saved)
        return format_html(
            '<a href="{}">{}</a><br><span class="help">{}</span>',
            url,
            url,
            _("Anyone with this link can read this version until it expires or is revoked."),
        )

    def _report(self, request, message):
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = publishing.submit_for_review(articles=queryset, user=request.user)
        self._report(
            request,
            ngettext("%(count)d article submitted for review.", "%(count)d articles submitted for review.", count)
            % {"count": count},
        )

    @admin.action(description=_("Return selected articles to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        count = publishing.return_to_draft(articles=queryset, user=request.user)
        self._report(
            request,
            ngettext("%(count)d article returned to draft.", "%(count)d articles returned to draft.", count)
            % {"count": count},
        )

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        count = publishing.publish(articles=queryset, user=request.user)
        self._report(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count) % {"count": count},
        )

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = publishing.unpublish(articles=queryset, user=request.user)
        self._report(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count) % {"count": count},
        )

    @admin.action(description=_("Revoke shared preview links"), permissions=["change"])
    def revoke_preview_links(self, request, queryset):
        count = publishing.revoke_preview_links(articles=queryset, user=request.user)
        self._report(
            request,
            ngettext(
                "Preview links of %(count)d article revoked.", "Preview links of %(count)d articles revoked.", count
            )
            % {"count": count},
        )
