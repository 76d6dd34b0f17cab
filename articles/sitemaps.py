"""Sitemaps for search engines: every live page, and Google News' last two days."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from elections.sitemaps import ElectionSitemap, UnitSitemap

# Google News reads only articles published in the last two days, at most 1,000.
NEWS_WINDOW = dt.timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated_at", "publish_at").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)


class FrontPageSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class _ListPageSitemap(Sitemap):
    """Section, author or tag pages that list at least one live article."""

    model = None
    through = ""

    def items(self):
        live = Article.objects.published().filter(**{self.through: OuterRef("pk")})
        return self.model.objects.filter(Exists(live)).order_by("pk")


class SectionSitemap(_ListPageSitemap):
    model, through = Section, "section"


class AuthorSitemap(_ListPageSitemap):
    model, through = Author, "authors"


class TagSitemap(_ListPageSitemap):
    model, through = Tag, "tags"


class NewsSitemap(Sitemap):
    """Rendered with articles/news_sitemap.xml, which adds the news: elements."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        articles = Article.objects.published().filter(publish_at__gte=since)
        return articles.only("slug", "title", "publish_at").order_by("-publish_at", "-pk")[:NEWS_LIMIT]


SITEMAPS = {
    "pages": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "elections": ElectionSitemap,
    "election-units": UnitSitemap,
}
