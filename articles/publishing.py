"""Publishing articles: the one place an article goes live by hand."""

from django.db import transaction
from django.utils import timezone

from articles.models import Article


def publish(*, articles) -> int:
    """Publish the given articles now, keeping a future time as a schedule."""
    now = timezone.now()
    with transaction.atomic():
        drafts = articles.exclude(status=Article.Status.PUBLISHED)
        return drafts.update(status=Article.Status.PUBLISHED, publish_at=now)
