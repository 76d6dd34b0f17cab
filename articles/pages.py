"""Which cached pages show an article (the page cache's groups, pagecache/groups.py).

Groups: "home", "search", "feeds", "sitemaps" (the lists), "section:<id>",
"author:<id>", "tag:<id>" (their list pages), "article:<id>" (the article page
and the pages listing it as related), "replies:<id>" (the article page's reply
thread, and nothing else of it), "related-section:<id>" (article pages
whose related list draws from that section), "election:<id>" (the election's
pages and the articles covering it). Articles sharing a tag with a changed one
are named one by one: the work is done when an editor saves, not when a
reader reads. The replies app asks `pages_showing_replies()` which pages
show an article's replies and their counts.
"""

from articles.models import Article
from pagecache.groups import SITE, group, groups_of

LIST_GROUPS = {group("home"), group("search"), group("feeds"), group("sitemaps")}
# Past this many articles sharing a tag, emptying everything is cheaper than naming them.
MANY_ARTICLES = 2000


def article_states(article_ids) -> dict[int, dict]:
    """Status, section, election, authors and tags of each article: three queries however many."""
    rows = Article.objects.filter(pk__in=article_ids).values("pk", "status", "section_id", "election_id")
    states = {row.pop("pk"): {**row, "author_ids": [], "tag_ids": []} for row in rows}
    for field, key in (("authors", "author_ids"), ("tags", "tag_ids")):
        through = getattr(Article, field).through.objects.filter(article_id__in=list(states))
        for article_id, other_id in through.values_list("article_id", f"{field[:-1]}_id"):
            states[article_id][key].append(other_id)
    return states


def article_groups(article_id, state: dict | None = None) -> set[str]:
    """Every page that shows the article, or would show it if it were live."""
    state = state if state is not None else article_states([article_id]).get(article_id)
    if not state or state["status"] != Article.Status.PUBLISHED:
        return set()  # a draft is on no public page
    groups = {*LIST_GROUPS, group("article", article_id)}
    groups |= {group("section", state["section_id"]), group("related-section", state["section_id"])}
    groups |= groups_of("author", state["author_ids"]) | groups_of("tag", state["tag_ids"])
    groups |= _sharing_a_tag(state["tag_ids"])
    if state["election_id"]:
        groups.add(group("election", state["election_id"]))
    return groups


def articles_groups(article_ids) -> set[str]:
    states = article_states(set(article_ids))
    return set().union(*(article_groups(pk, state) for pk, state in states.items()))


def _sharing_a_tag(tag_ids) -> set[str]:
    """The live articles whose related list may show an article with these tags."""
    if not tag_ids:
        return set()
    through = Article.tags.through.objects.filter(tag_id__in=tag_ids, article__in=Article.objects.published())
    article_ids = set(through.values_list("article_id", flat=True).distinct()[: MANY_ARTICLES + 1])
    if len(article_ids) > MANY_ARTICLES:
        return {SITE}
    return groups_of("article", article_ids)


def article_own_groups(article) -> list[str]:
    """What the article's own part of its page shows: the article, and the election it covers."""
    groups = [group("article", article.pk)]
    if article.election_id:
        groups.append(group("election", article.election_id))
    return groups


def related_list_groups(article, related) -> list[str]:
    """What the related list shows, and where it may draw new articles from. (Articles sharing a tag are
    emptied by name when one of them changes; the article's own tags and picks are the article's.)"""
    groups = [*article_own_groups(article), group("related-section", article.section_id)]
    return groups + [group("article", other.pk) for other in related]


def thread_groups(article_id) -> list[str]:
    """What a page of the reply thread shows: the replies, and whether the article takes more."""
    return [group("replies", article_id), group("article", article_id)]


def pages_showing_replies(article_ids) -> set[str]:
    """The article pages' threads, and the lists whose cards count their replies. Not "article:<id>": the
    article's own part of its page and the lists showing it as related stay kept."""
    groups = set()
    for article_id, state in article_states(set(article_ids)).items():
        if state["status"] == Article.Status.PUBLISHED:
            groups |= {group("home"), group("search"), group("replies", article_id)}
            groups |= {group("section", state["section_id"])}
            groups |= groups_of("author", state["author_ids"]) | groups_of("tag", state["tag_ids"])
    return groups


def next_scheduled_publish():
    return Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
