"""The page cache empties the pages that show an article when it, or something on its page, changes.

Connected in ArticlesConfig.ready(). Every handler empties after the change
commits (nothing if it rolls back), whichever path made it: the admin, a
restore from history (a raw save), a bulk action or `QuerySet.update()`
(pagecache's rows_updating / rows_updated), a command, the shell.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.models import Article, ArticleImage, ArticleNote, ArticleStatement, Author, OldSlug, Section, Tag
from articles.pages import article_groups, article_states, articles_groups, next_scheduled_publish
from elections.models import Statement
from pagecache import schedule
from pagecache.groups import SITE, group, groups_of
from pagecache.signals import rows_updated, rows_updating
from pagecache.versions import after_commit, empty_after_commit

UID = "articles.signal_handlers."


def _article_before_save(sender, instance, **kwargs):
    if instance.pk is not None:
        instance._groups_before_save = article_groups(instance.pk)


def _article_saved(sender, instance, **kwargs):
    empty_after_commit(getattr(instance, "_groups_before_save", set()) | article_groups(instance.pk))
    after_commit(schedule.remember_next_change)  # its publish time may be the next one


def _article_deleting(sender, instance, **kwargs):
    # Before the delete, while its authors and tags are still linked.
    state = article_states([instance.pk]).get(instance.pk)
    empty_after_commit(article_groups(instance.pk, state) | ({group("article", instance.pk)} if state else set()))
    after_commit(schedule.remember_next_change)


def _articles_updated(sender, pks, **kwargs):
    # Sent before and after a bulk change: the pages they were on, then the pages they are on.
    empty_after_commit(articles_groups(pks))
    after_commit(schedule.remember_next_change)


def _article_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"pre_remove", "pre_clear", "post_add"}:
        return
    if not reverse:
        empty_after_commit(article_groups(instance.pk))
    elif pk_set:
        empty_after_commit(articles_groups(pk_set))
    else:
        empty_after_commit({SITE})


def _article_part_changed(sender, instance, **kwargs):
    empty_after_commit({group("article", instance.article_id)})


def _article_parts_updated(sender, pks, **kwargs):
    article_ids = sender.objects.filter(pk__in=pks).values_list("article_id", flat=True)
    empty_after_commit(groups_of("article", set(article_ids)))


def _everything_changed(sender, instance=None, **kwargs):
    # Sections, authors and tags are named on many pages and rarely edited.
    empty_after_commit({SITE})


def _statement_changed(sender, instance, **kwargs):
    # Articles may quote a statement of an election they do not cover.
    if instance.pk is not None:
        chosen = ArticleStatement.objects.filter(statement_id=instance.pk).values_list("article_id", flat=True)
        empty_after_commit(groups_of("article", chosen))


def connect() -> None:
    pre_save.connect(_article_before_save, sender=Article, dispatch_uid=UID + "article-pre")
    post_save.connect(_article_saved, sender=Article, dispatch_uid=UID + "article-post")
    pre_delete.connect(_article_deleting, sender=Article, dispatch_uid=UID + "article-delete")
    rows_updating.connect(_articles_updated, sender=Article, dispatch_uid=UID + "articles-updating")
    rows_updated.connect(_articles_updated, sender=Article, dispatch_uid=UID + "articles-updated")
    for through in (Article.authors.through, Article.tags.through, Article.related_articles.through):
        m2m_changed.connect(_article_links_changed, sender=through, dispatch_uid=UID + through.__name__)
    for model in (ArticleStatement, ArticleNote, ArticleImage, OldSlug):
        post_save.connect(_article_part_changed, sender=model, dispatch_uid=UID + f"{model.__name__}-save")
        post_delete.connect(_article_part_changed, sender=model, dispatch_uid=UID + f"{model.__name__}-delete")
        rows_updated.connect(_article_parts_updated, sender=model, dispatch_uid=UID + f"{model.__name__}-update")
    for model in (Section, Author, Tag):
        post_save.connect(_everything_changed, sender=model, dispatch_uid=UID + f"{model.__name__}-save")
        post_delete.connect(_everything_changed, sender=model, dispatch_uid=UID + f"{model.__name__}-delete")
        rows_updated.connect(_everything_changed, sender=model, dispatch_uid=UID + f"{model.__name__}-update")
    post_save.connect(_statement_changed, sender=Statement, dispatch_uid=UID + "statement-save")
    pre_delete.connect(_statement_changed, sender=Statement, dispatch_uid=UID + "statement-delete")
    schedule.add_source(next_scheduled_publish)
