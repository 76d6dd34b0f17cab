"""Keeping the listings (articles/listings.py) what the links and the articles say.

Connected in ArticlesConfig.ready(). Every write that can change them passes
here: an article saved (a restore from history is a raw save, which sends the
same signal), articles changed in bulk (`QuerySet.update()`, `bulk_update()`:
pagecache's rows_updated), links added, removed or cleared from either side
(m2m_changed). Deleting an article, an author or a tag deletes its rows
(CASCADE). Only writes that bypass the ORM (raw SQL, COPY) must fill them too,
as bench/seed.py does.
"""

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_save

from articles.listings import AuthorListing, TagListing
from articles.models import Article
from pagecache.signals import rows_updated

UID = "articles.listings_sync."
COPIED = ("status", "publish_at")


def _lists() -> dict:
    """Each link table: its listing and the column naming what lists the article."""
    return {Article.authors.through: (AuthorListing, "author_id"), Article.tags.through: (TagListing, "tag_id")}


def rebuild(link, article_ids) -> None:
    """The listing rows of these articles made again from their links, with their status and publish time."""
    listing, key = _lists()[link]
    listing.objects.filter(article_id__in=article_ids).delete()
    copied = (f"article__{field}" for field in COPIED)
    rows = link.objects.filter(article_id__in=article_ids).values_list("article_id", key, *copied)
    listing.objects.bulk_create(
        listing(article_id=article_id, **{key: listed_id}, status=status, publish_at=publish_at)
        for article_id, listed_id, status, publish_at in rows
    )


def copy_article_fields(article_ids) -> None:
    """Copy the articles' status and publish time, as stored, onto their listing rows."""
    stored = Article.objects.filter(pk=OuterRef("article_id"))
    copies = {field: Subquery(stored.values(field)[:1]) for field in COPIED}
    for listing, _key in _lists().values():
        listing.objects.filter(article_id__in=article_ids).update(**copies)


def fill_from_links() -> None:
    """The listing rows that links lack, one statement per list: for links written around the ORM (bench/seed.py)."""
    article = Article._meta.db_table
    with connection.cursor() as cursor:
        for link, (listing, key) in _lists().items():
            listing_table, link_table = listing._meta.db_table, link._meta.db_table
            cursor.execute(
                f"INSERT INTO {listing_table} (article_id, {key}, status, publish_at) "  # noqa: S608 - our names
                f"SELECT link.article_id, link.{key}, a.status, a.publish_at "
                f"FROM {link_table} link JOIN {article} a ON a.id = link.article_id "
                f"WHERE NOT EXISTS (SELECT 1 FROM {listing_table} l "
                f"WHERE l.article_id = link.article_id AND l.{key} = link.{key})"
            )


def _article_saved(sender, instance, created, update_fields=None, **kwargs):
    # A new article has no links yet; a save of other fields leaves the copies right.
    if not created and (update_fields is None or set(COPIED) & set(update_fields)):
        copy_article_fields([instance.pk])


def _articles_updated(sender, pks, fields, **kwargs):
    if fields is None or set(COPIED) & set(fields):
        copy_article_fields(pks)


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        rebuild(sender, [instance.pk])
    elif pk_set is not None:
        rebuild(sender, pk_set)
    else:  # an author's or tag's every link cleared
        listing, key = _lists()[sender]
        listing.objects.filter(**{key: instance.pk}).delete()


def connect() -> None:
    post_save.connect(_article_saved, sender=Article, dispatch_uid=UID + "article-saved")
    rows_updated.connect(_articles_updated, sender=Article, dispatch_uid=UID + "articles-updated")
    for link in _lists():
        m2m_changed.connect(_links_changed, sender=link, dispatch_uid=UID + link.__name__)
