"""Article.objects: the one definition of "live", and the reads the public pages share."""

from django.utils import timezone

from articles import extensions
from articles.queries import pk_in_any
from pagecache.querysets import PageQuerySet


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """The one definition of what a reader may see.

        A publish time in the future schedules an article: it goes live when
        the clock passes it, with no job to flip a flag.
        """
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Published articles whose time has not come yet."""
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())

    def for_listing(self):
        """What a list card needs (never the body), fetched in a constant number of queries."""
        return (
            self.defer("body")
            .select_related("section")
            .prefetch_related("authors")
            .annotate(**extensions.listing_annotations())
            .order_by("-publish_at", "-pk")
        )

    def lead(self):
        """Newest featured first, then the newest: the first one opens the front page."""
        return self.order_by("-featured", "-publish_at", "-pk")

    def latest_by_section(self, per_section: int, section_ids):
        """Each of `section_ids`' newest `per_section` articles, in one query that reads only them."""
        newest = self.order_by("-publish_at", "-pk").values("pk")
        return self.filter(pk_in_any([newest.filter(section_id=pk)[:per_section] for pk in section_ids]))
