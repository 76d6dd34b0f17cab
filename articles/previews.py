"""Shareable preview links: signed, expiring, and revocable per article.

The link carries the article's primary key signed with a salt that includes
the article's preview secret. Rotating the secret (revoking) breaks every
link given out so far; the timestamp makes each link expire on its own.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from articles.models import Article


def _signer(article: Article) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"articles.preview.{article.preview_secret}")


def preview_url(article: Article) -> str:
    token = _signer(article).sign(str(article.pk))
    return reverse("articles:preview", kwargs={"slug": article.slug, "token": token})


def article_for_preview(*, slug: str, token: str) -> Article | None:
    """The article a preview link opens, or None if it is forged, expired or revoked."""
    article = Article.objects.select_related("section", "election").filter(slug=slug).first()
    if article is None:
        return None
    try:
        pk = _signer(article).unsign(token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return article if pk == str(article.pk) else None
