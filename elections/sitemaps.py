"""Election and unit pages for search engines (listed by the site's sitemap index)."""

from django.contrib.sitemaps import Sitemap

from elections.models import Election, UnitFigures


class ElectionSitemap(Sitemap):
    def items(self):
        return Election.objects.only("slug", "announced_at").order_by("-date", "pk")

    def lastmod(self, item):
        return item.announced_at


class UnitSitemap(Sitemap):
    def items(self):
        return (
            UnitFigures.objects.select_related("election", "unit")
            .only("election__slug", "unit__slug", "announced_at")
            .order_by("election_id", "unit__position", "pk")
        )

    def lastmod(self, item):
        return item.announced_at
