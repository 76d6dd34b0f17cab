"""Related articles: only each scope's newest are read, and the answer is the same."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from articles.models import Article, Section, Tag
from elections.models import Election


def ranked_over_everything(article: Article, limit: int) -> list[int]:
    """The definition, in Python: rank by the first scope an article falls in, then newest."""
    picks = set(article.related_articles.values_list("pk", flat=True))
    tags = set(article.tags.values_list("pk", flat=True))
    ranked = []
    for other in Article.objects.published().exclude(pk=article.pk).prefetch_related("tags"):
        scopes = [other.pk in picks]
        if article.election_id:
            scopes.append(other.election_id == article.election_id)
        scopes += [bool(tags & {tag.pk for tag in other.tags.all()}), other.section_id == article.section_id]
        rank = next((position for position, inside in enumerate(scopes) if inside), None)
        if rank is not None:
            ranked.append((rank, -other.publish_at.timestamp(), -other.pk))
    return [-pk for *_, pk in sorted(ranked)[:limit]]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(2))
def test_related_articles_are_those_of_ranking_the_whole_archive(seed):
    rng = random.Random(seed)
    sections = [Section.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(3)]
    tags = [Tag.objects.create(name=f"t{n}", slug=f"t{n}") for n in range(5)]
    election = Election.objects.create(
        name="Count", slug="count", country="Testland", date=dt.date(2026, 11, 1), authority_name="Board"
    )
    now = timezone.now()
    articles = []
    for n in range(30):
        article = Article.objects.create(
            title=f"Story {n}",
            body="<p>Words.</p>",
            section=rng.choice(sections),
            election=election if rng.random() < 0.2 else None,
            # Some share a publish time, so that the tie-break by id counts.
            publish_at=now - dt.timedelta(hours=rng.randrange(30)),
            status=Article.Status.PUBLISHED if rng.random() < 0.85 else Article.Status.DRAFT,
        )
        article.tags.set(rng.sample(tags, rng.randrange(3)))
        articles.append(article)
    for article in articles:
        article.related_articles.set(rng.sample(articles, rng.randrange(3)))
    for article in articles:
        for limit in (1, 3, 5):
            assert [a.pk for a in article.related(limit)] == ranked_over_everything(article, limit)
