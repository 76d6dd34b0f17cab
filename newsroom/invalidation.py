"""Which changes empty which cached pages (the groups of newsroom/pagecache.py).

The project package wires this because it is the one that knows every app:
the apps stay unaware of the cache and only name, in their views, what each
page shows. Every change is emptied after its transaction commits.

Groups: "site" (every page), "home", "search", "feeds", "sitemaps",
"section:<id>", "author:<id>", "tag:<id>" (their list pages), "article:<id>"
(the article page and the pages listing it as related), "related-section:<id>"
(article pages whose related list draws from that section), "election:<id>"
(the election's pages and the articles covering it). Articles sharing a tag
with a changed one are named one by one: the work is done when an editor
saves, not when a reader reads.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.models import Article, ArticleImage, ArticleNote, ArticleStatement, Author, OldSlug, Section, Tag
from comments.models import Comment, ReplyPolicy
from comments.signals import replies_changed
from elections.models import Candidate, Election, Result, Revision, Statement
from elections.signals import figures_changed
from newsroom.pagecache import SITE_GROUP, after_commit, empty_after_commit, remember_next_change

LIST_GROUPS = {"home", "search", "feeds", "sitemaps"}
# Past this many articles sharing a tag, emptying everything is cheaper than naming them.
MANY_ARTICLES = 2000
# Saving only these fields changes nothing a reader sees.
UNSEEN_REPLY_FIELDS = {"moderator_note", "report_count", "notify", "ip_address", "user_agent", "held_reason"}


def _article_states(article_ids) -> dict[int, dict]:
    """Status, section, election, authors and tags of each article: three queries however many."""
    rows = Article.objects.filter(pk__in=article_ids).values("pk", "status", "section_id", "election_id")
    states = {row.pop("pk"): {**row, "author_ids": [], "tag_ids": []} for row in rows}
    for field, key in (("authors", "author_ids"), ("tags", "tag_ids")):
        through = getattr(Article, field).through.objects.filter(article_id__in=list(states))
        for article_id, other_id in through.values_list("article_id", f"{field[:-1]}_id"):
            states[article_id][key].append(other_id)
    return states


def _article_state(article_id) -> dict | None:
    return _article_states([article_id]).get(article_id)


def article_groups(article_id, state: dict | None = None) -> set[str]:
    """Every page that shows the article, or would show it if it were live."""
    state = state if state is not None else _article_state(article_id)
    if not state or state["status"] != Article.Status.PUBLISHED:
        return set()  # a draft is on no public page
    groups = {*LIST_GROUPS, f"article:{article_id}"}
    groups |= {f"section:{state['section_id']}", f"related-section:{state['section_id']}"}
    groups |= {f"author:{pk}" for pk in state["author_ids"]}
    groups |= {f"tag:{pk}" for pk in state["tag_ids"]} | _sharing_a_tag(state["tag_ids"])
    if state["election_id"]:
        groups.add(f"election:{state['election_id']}")
    return groups


def _sharing_a_tag(tag_ids) -> set[str]:
    """The live articles whose related list may show an article with these tags."""
    if not tag_ids:
        return set()
    through = Article.tags.through.objects.filter(tag_id__in=tag_ids, article__in=Article.objects.published())
    article_ids = set(through.values_list("article_id", flat=True).distinct()[: MANY_ARTICLES + 1])
    if len(article_ids) > MANY_ARTICLES:
        return {SITE_GROUP}
    return {f"article:{pk}" for pk in article_ids}


def next_scheduled_publish():
    return Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()


def reply_groups(article_ids) -> set[str]:
    """The article pages, and the lists whose cards count their replies."""
    groups = set()
    for article_id, state in _article_states(set(article_ids)).items():
        if state["status"] == Article.Status.PUBLISHED:
            groups |= {"home", "search", f"article:{article_id}", f"section:{state['section_id']}"}
            groups |= {f"author:{pk}" for pk in state["author_ids"]} | {f"tag:{pk}" for pk in state["tag_ids"]}
    return groups


# --- Articles --------------------------------------------------------------------------------


def _article_before_save(sender, instance, raw=False, **kwargs):
    if instance.pk is not None and not raw:
        instance._groups_before_save = article_groups(instance.pk)


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    empty_after_commit(getattr(instance, "_groups_before_save", set()) | article_groups(instance.pk))
    after_commit(remember_next_change)  # its publish time may be the next one


def _article_deleting(sender, instance, **kwargs):
    # Before the delete, while its authors and tags are still linked.
    state = _article_state(instance.pk)
    empty_after_commit(article_groups(instance.pk, state) | ({f"article:{instance.pk}"} if state else set()))
    after_commit(remember_next_change)


def _article_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"pre_remove", "pre_clear", "post_add"}:
        return
    if not reverse:
        empty_after_commit(article_groups(instance.pk))
    elif pk_set:
        empty_after_commit(set().union(*(article_groups(pk) for pk in pk_set)))
    else:
        empty_after_commit({SITE_GROUP})


def _article_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        empty_after_commit({f"article:{instance.article_id}"})


def _everything_changed(sender, instance, raw=False, **kwargs):
    # Sections, authors and tags are named on many pages and rarely edited.
    if not raw:
        empty_after_commit({SITE_GROUP})


# --- Replies ---------------------------------------------------------------------------------


def _reply_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created and instance.status != Comment.Status.APPROVED:
        return  # a new reply waiting for moderation is on no page
    if update_fields is not None and set(update_fields) <= UNSEEN_REPLY_FIELDS:
        return
    empty_after_commit(reply_groups([instance.article_id]))


def _reply_deleted(sender, instance, **kwargs):
    empty_after_commit(reply_groups([instance.article_id]))


def _replies_changed(sender, article_ids, **kwargs):
    empty_after_commit(reply_groups(article_ids))


def _reply_policy_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        empty_after_commit({f"article:{instance.article_id}"})


# --- Elections -------------------------------------------------------------------------------


def _election_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        empty_after_commit({f"election:{instance.pk}"})


def _election_part_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    groups = {f"election:{instance.election_id}"}
    if isinstance(instance, Statement) and instance.pk:
        # Articles may quote a statement of an election they do not cover.
        chosen = ArticleStatement.objects.filter(statement_id=instance.pk).values_list("article_id", flat=True)
        groups |= {f"article:{pk}" for pk in chosen}
    empty_after_commit(groups)


def _figures_changed(sender, election, **kwargs):
    # Units, their lines and seat rules (elections.signals); the sitemaps list unit pages.
    empty_after_commit({f"election:{election.pk}", "sitemaps"})


def _candidate_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    elections = set(Result.objects.filter(candidate_id=instance.pk).values_list("election_id", flat=True))
    elections |= set(Statement.objects.filter(candidate_id=instance.pk).values_list("election_id", flat=True))
    empty_after_commit({f"election:{pk}" for pk in elections})


def connect() -> None:
    uid = "newsroom.invalidation."
    pre_save.connect(_article_before_save, sender=Article, dispatch_uid=uid + "article-pre")
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid + "article-post")
    pre_delete.connect(_article_deleting, sender=Article, dispatch_uid=uid + "article-delete")
    for through in (Article.authors.through, Article.tags.through, Article.related_articles.through):
        m2m_changed.connect(_article_links_changed, sender=through, dispatch_uid=uid + f"m2m-{through.__name__}")
    for model in (ArticleStatement, ArticleNote, ArticleImage, OldSlug):
        post_save.connect(_article_part_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-save")
        post_delete.connect(_article_part_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-delete")
    for model in (Section, Author, Tag):
        post_save.connect(_everything_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-save")
        post_delete.connect(_everything_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-delete")

    post_save.connect(_reply_saved, sender=Comment, dispatch_uid=uid + "reply-save")
    post_delete.connect(_reply_deleted, sender=Comment, dispatch_uid=uid + "reply-delete")
    replies_changed.connect(_replies_changed, dispatch_uid=uid + "replies-changed")
    post_save.connect(_reply_policy_changed, sender=ReplyPolicy, dispatch_uid=uid + "policy-save")
    post_delete.connect(_reply_policy_changed, sender=ReplyPolicy, dispatch_uid=uid + "policy-delete")

    post_save.connect(_election_changed, sender=Election, dispatch_uid=uid + "election-save")
    post_delete.connect(_election_changed, sender=Election, dispatch_uid=uid + "election-delete")
    for model in (Result, Statement, Revision):
        post_save.connect(_election_part_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-save")
        post_delete.connect(_election_part_changed, sender=model, dispatch_uid=uid + f"{model.__name__}-delete")
    post_save.connect(_candidate_changed, sender=Candidate, dispatch_uid=uid + "candidate-save")
    figures_changed.connect(_figures_changed, dispatch_uid=uid + "election-figures")
