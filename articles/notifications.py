"""Email about the workflow: editors hear of stories waiting for review, reporters of their stories' fate.

Each function takes ids, reads fresh rows and sends; callers schedule them
with transaction.on_commit (see articles.publishing), so a step that rolls back
sends nothing, and each can move onto a task queue as it is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles.models import Article

SUBMITTED, RETURNED, PUBLISHED = "submitted", "returned", "published"
SUBJECTS = {
    SUBMITTED: _("Ready for review: %(title)s"),
    RETURNED: _("Returned to draft: %(title)s"),
    PUBLISHED: _("Published: %(title)s"),
}


def desk_link(article: Article) -> str:
    return settings.NEWSROOM_SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def editor_emails() -> set[str]:
    editors = get_user_model().objects.filter(is_active=True, groups__name="Editors").exclude(email="")
    return set(editors.values_list("email", flat=True))


def writer_emails(article: Article) -> set[str]:
    """The bylines' accounts and whoever first saved the story."""
    emails = {author.user.email for author in article.authors.select_related("user") if author.user}
    first = Version.objects.get_for_object(article).select_related("revision__user").last()
    if first and first.revision.user:
        emails.add(first.revision.user.email)
    return {email for email in emails if email}


def workflow_step(*, step: str, article_ids, actor_id: int | None = None) -> int:
    """Tell those who need to know that these articles took `step`; returns the number of emails sent."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    sent = 0
    for article in Article.objects.filter(pk__in=list(article_ids)):
        recipients = editor_emails() if step == SUBMITTED else writer_emails(article)
        recipients.discard(actor.email if actor else None)
        if not recipients:
            continue
        context = {"article": article, "step": step, "actor": actor, "link": desk_link(article)}
        body = render_to_string("articles/email/workflow_step.txt", context)
        sent += send_mail(SUBJECTS[step] % {"title": article.title}, body, None, sorted(recipients))
    return sent
