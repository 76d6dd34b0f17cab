from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, ArticleStatement, Author, Section, Tag
from articles.publishing import publish


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


class ArticleStatementInline(admin.TabularInline):
    model = ArticleStatement
    extra = 0
    autocomplete_fields = ["statement"]
    fields = ["position", "statement"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "publish_at", "featured", "pending_replies"]
    list_filter = ["status", "section", "featured", "comments_open"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "tags", "election", "related_articles", "section"]
    inlines = [ArticleStatementInline]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "authors", "dateline", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "featured", "comments_open"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        (_("Related"), {"fields": ["election", "tags", "related_articles"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .annotate(pending_reply_count=Count("comments", filter=Q(comments__status="pending")))
        )

    @admin.display(description=_("pending replies"), ordering="pending_reply_count")
    def pending_replies(self, article):
        return article.pending_reply_count

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = publish(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count) % {"count": count},
            messages.SUCCESS,
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")
