"""Article.objects: the one definition of "live", and the reads the public pages share."""

from django.db import models
from django.utils import timezone

from articles import extensions
from articles.queries import pk_in_any
from pagecache.querysets import PageQuerySet

PUBLISHED = "published"  # Article.Status.PUBLISHED, which this module may not import


def live(prefix: str = "") -> models.Q:
    """The one definition of what a reader may see, on any rows holding an article's status and publish time:
    the article's own, or the copies an author's or tag's list is read from (articles/listings.py).

    A publish time in the future schedules an article: it goes live when
    the clock passes it, with no job to flip a flag.
    """
    return models.Q(**{f"{prefix}status": PUBLISHED, f"{prefix}publish_at__lte": timezone.now()})


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """What a reader may see: `live()`."""
        return self.filter(live())

    def scheduled(self):
        """Published articles whose time has not come yet."""
        return self.filter(status=PUBLISHED, publish_at__gt=timezone.now())

    def for_listing(self):
        """What a list card needs (never the body), fetched in a constant number of queries."""
        return (
            self.defer("body", "search_document")
            .select_related("section")
            .prefetch_related("authors")
            .annotate(**extensions.listing_annotations())
            .order_by("-publish_at", "-pk")
        )

    def by_author(self, author):
        """The author's live articles, newest first (after for_listing(): it sets the order)."""
        return self._listed("author_listings", author=author)

    def by_tag(self, tag):
        """The tag's live articles, newest first (after for_listing(): it sets the order)."""
        return self._listed("tag_listings", tag=tag)

    def _listed(self, listings: str, **which):
        # Filtered and ordered on the listing's copies, along its index (list, status, publish time):
        # a page reads its own rows whatever the archive holds, however few of them the list has.
        lookups = {f"{listings}__{name}": value for name, value in which.items()}
        return self.filter(live(f"{listings}__"), **lookups).order_by(f"-{listings}__publish_at", "-pk")

    def lead(self):
        """Newest featured first, then the newest: the first one opens the front page."""
        return self.order_by("-featured", "-publish_at", "-pk")

    def latest_by_section(self, per_section: int, section_ids):
        """Each of `section_ids`' newest `per_section` articles, in one query that reads only them."""
        newest = self.order_by("-publish_at", "-pk").values("pk")
        return self.filter(pk_in_any([newest.filter(section_id=pk)[:per_section] for pk in section_ids]))


class ListingQuerySet(models.QuerySet):
    def published(self):
        """The rows of live articles: `live()` on the copies."""
        return self.filter(live())
