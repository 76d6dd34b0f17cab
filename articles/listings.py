"""Each author's and each tag's articles, with what their pages sort and filter by.

An author's page shows the newest of their live articles. Read through the
article-author link, PostgreSQL either walks every article newest first until
it has found a page of the author's (the whole archive, for an author who
wrote little) or reads all the author's links and sorts them (a long career).
A listing row copies the article's status and publish time next to the link,
so that one index (author, status, publish time) holds the page in order: it
reads the rows shown, whatever the archive holds. The links stay ManyToMany
fields with Django's own tables (the admin's fields need them); the listings
follow them and the articles (listings_sync.py), and are never written by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.querysets import ListingQuerySet
from bounds.validators import within_newsroom_years


class Listing(models.Model):
    status = models.CharField(_("status"), max_length=20)
    publish_at = models.DateTimeField(_("publish at"), validators=[within_newsroom_years])

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True


class AuthorListing(Listing):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="author_listings")
    author = models.ForeignKey("articles.Author", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("article by an author")
        verbose_name_plural = _("articles by an author")
        constraints = [models.UniqueConstraint(fields=["author", "article"], name="author_listing_once")]
        indexes = [models.Index(fields=["author", "status", "-publish_at", "-article"], name="author_listing_idx")]

    def __str__(self):
        return f"{self.author_id}: {self.article_id}"


class TagListing(Listing):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="tag_listings")
    tag = models.ForeignKey("articles.Tag", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("article with a tag")
        verbose_name_plural = _("articles with a tag")
        constraints = [models.UniqueConstraint(fields=["tag", "article"], name="tag_listing_once")]
        indexes = [models.Index(fields=["tag", "status", "-publish_at", "-article"], name="tag_listing_idx")]

    def __str__(self):
        return f"{self.tag_id}: {self.article_id}"
