"""The desk's workflow: every change of an article's status goes through here.

Each step is one transaction that saves the articles one by one, so that the
history (django-reversion) records who did what and when, and any open edit
form on those articles becomes stale and is refused on save.
"""

from functools import partial

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from articles import notifications
from articles.models import Article, new_preview_secret

Status = Article.Status


def submit_for_review(*, articles, user) -> int:
    """Drafts go to the editors' queue."""
    return _move(
        articles.filter(status=Status.DRAFT),
        user=user,
        comment=gettext("Submitted for review"),
        notify=notifications.SUBMITTED,
        status=Status.IN_REVIEW,
    )


def return_to_draft(*, articles, user) -> int:
    """Articles in review go back to their writers."""
    return _move(
        articles.filter(status=Status.IN_REVIEW),
        user=user,
        comment=gettext("Returned to draft"),
        notify=notifications.RETURNED,
        status=Status.DRAFT,
    )


def publish(*, articles, user=None) -> int:
    """Publish now: drafts, articles in review and scheduled ones go live at once."""
    pending = articles.exclude(status=Status.PUBLISHED, publish_at__lte=timezone.now())
    return _move(
        pending,
        user=user,
        comment=gettext("Published"),
        notify=notifications.PUBLISHED,
        status=Status.PUBLISHED,
        publish_at=timezone.now(),
    )


def schedule(*, articles, user, at) -> int:
    """Publish at a future time: until then readers see nothing, and the desk lists it as scheduled."""
    return _move(
        articles.exclude(status=Status.PUBLISHED, publish_at__lte=timezone.now()),
        user=user,
        comment=gettext("Scheduled"),
        status=Status.PUBLISHED,
        publish_at=at,
    )


def unpublish(*, articles, user) -> int:
    """Take live or scheduled articles off the site; they become drafts again."""
    return _move(
        articles.filter(status=Status.PUBLISHED), user=user, comment=gettext("Unpublished"), status=Status.DRAFT
    )


def revoke_preview_links(*, articles, user) -> int:
    """Every preview link shared so far stops working.

    Only those who may publish touch published or scheduled articles.
    """
    if not user.has_perm("articles.publish_article"):
        articles = articles.exclude(status=Status.PUBLISHED)
    with transaction.atomic():
        pks = list(articles.values_list("pk", flat=True))
        for article in Article.objects.filter(pk__in=pks).select_for_update():
            article.preview_secret = new_preview_secret()
            article.save(update_fields=["preview_secret"])
    return len(pks)


def notify_on_commit(*, step: str, article_ids, user) -> None:
    """Email about a step once it is committed (articles.notifications)."""
    send = partial(
        notifications.workflow_step, step=step, article_ids=list(article_ids), actor_id=getattr(user, "pk", None)
    )
    transaction.on_commit(send)


def _move(articles, *, user, comment: str, notify: str = "", **changes) -> int:
    # Re-select by primary key: the admin's queryset carries annotations
    # that PostgreSQL refuses to lock.
    pks = list(articles.values_list("pk", flat=True))
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        for article in Article.objects.filter(pk__in=pks).select_for_update():
            for field, value in changes.items():
                setattr(article, field, value)
            article.save()
        if notify and pks:
            notify_on_commit(step=notify, article_ids=pks, user=user)
    return len(pks)
