"""The articles covering an election, shown on the election page (registered in ArticlesConfig.ready())."""

from articles.models import Article
from elections.extensions import PagePart

COVERAGE_LIMIT = 20


def election_coverage(election) -> PagePart | None:
    """Published articles that cover `election`, newest first; None when there are none."""
    articles = list(
        Article.objects.published().filter(election=election).only("title", "slug", "publish_at")
        .order_by("-publish_at", "-pk")[:COVERAGE_LIMIT]
    )  # fmt: skip
    return PagePart("articles/_election_coverage.html", {"articles": articles}) if articles else None
