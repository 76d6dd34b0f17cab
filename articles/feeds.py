"""RSS 2.0 and Atom feeds of the latest articles, for the site and for each section."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article, Section

FEED_LENGTH = 30


class TextSummaryRss(Rss201rev2Feed):
    """RSS readers render a description as HTML; the site shows a summary as text, so it is escaped."""

    def add_item_elements(self, handler, item):
        description = item["description"]
        super().add_item_elements(
            handler, {**item, "description": None if description is None else escape(description)}
        )


class TextSummaryAtom(Atom1Feed):
    """Atom with the summary as text (Django's Atom writes it as type="html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestArticlesFeed(Feed):
    """The newest live articles, whole site."""

    feed_type = TextSummaryRss

    def title(self, obj=None):
        return _("%(site)s: latest news") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return _("The latest articles from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def author_name(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def items(self, obj=None):
        return self.articles(obj).order_by("-publish_at", "-pk")[:FEED_LENGTH]

    def articles(self, obj=None):
        return Article.objects.published().defer("body").select_related("section").prefetch_related("authors", "tags")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = TextSummaryAtom

    def subtitle(self, obj=None):
        return self.description(obj)


class SectionFeed(LatestArticlesFeed):
    """The newest live articles of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return _("%(site)s: %(section)s") % {"site": settings.NEWSROOM_SITE_NAME, "section": obj.name}

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or _("The latest articles in %(section)s.") % {"section": obj.name}

    def articles(self, obj=None):
        return super().articles().filter(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = TextSummaryAtom

    def subtitle(self, obj=None):
        return self.description(obj)
