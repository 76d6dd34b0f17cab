from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
WEBSITE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 5000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """The one definition of a reply that readers may see."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's reply to an article."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH)
    website = models.URLField(_("website"), max_length=WEBSITE_MAX_LENGTH, blank=True)
    body = models.TextField(_("reply"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    held_reason = models.CharField(_("why it was held"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    is_staff_reply = models.BooleanField(_("staff reply"), default=False)
    # Article, email and normalised text hashed together: the same reply
    # posted twice (a double click, a replay) collides here and is stored once.
    fingerprint = models.CharField(max_length=64, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        permissions = [("moderate_comment", _("Can moderate replies"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["email"], name="comment_email_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="reply_posted_once"),
        ]

    def __str__(self):
        return _("Reply by %(name)s") % {"name": self.name}

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#reply-{self.pk}"
