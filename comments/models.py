from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bounds.validators import within_newsroom_years
from pagecache.querysets import PageQuerySet

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
WEBSITE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 5000


class CommentQuerySet(PageQuerySet):
    def approved(self):
        """The one definition of a reply that readers may see."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        return self.filter(report_count__gt=0)

    def by_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def delete(self):
        with transaction.atomic(using=self.db):
            lift_replies(list(self.values_list("pk", flat=True)))
            return super().delete()


def lift_replies(doomed_ids: list[int]) -> None:
    """Before replies are deleted, move their answers up to the nearest reply that stays (or the top)."""
    doomed = set(doomed_ids)
    if not doomed:
        return
    parents = dict(Comment.objects.filter(pk__in=doomed).values_list("pk", "parent_id"))
    for pk in doomed:
        new_parent = parents.get(pk)
        while new_parent in doomed:
            new_parent = parents.get(new_parent)
        Comment.objects.filter(parent_id=pk).exclude(pk__in=doomed).update(parent_id=new_parent)


class Comment(models.Model):
    """A reader's reply to an article."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class Reason(models.TextChoices):
        """Why the moderation policy gave a reply its status: codes the code can test, labels for the desk."""

        BANNED = "banned", _("banned")
        DISALLOWED_WORD = "disallowed-word", _("disallowed word")
        LINKS = "links", _("too many links")
        SUSPECT_WORD = "suspect-word", _("suspect word")
        STAFF = "staff", _("staff reply")
        POST_MODERATION = "post-moderation", _("post-moderation")
        KNOWN_COMMENTER = "known-commenter", _("known commenter")
        FIRST_TIME = "first-time", _("first-time commenter")
        PRE_MODERATION = "pre-moderation", _("pre-moderation")
        EDITED = "edited", _("edited after approval")
        REPORTED = "reported", _("reported")

    class Notify(models.TextChoices):
        OFF = "", _("No")
        REQUESTED = "requested", _("Asked, not confirmed yet")
        CONFIRMED = "confirmed", _("Confirmed")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        # Deleting a reply keeps its answers: lift_replies() moves them up
        # first, on every delete path (see Comment.delete, CommentQuerySet.delete).
        on_delete=models.DO_NOTHING,
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
    # The same as codes (Comment.Reason), for code to test; held_reason is for people.
    held_codes = models.JSONField(_("reason codes"), default=list, blank=True, null=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, validators=[within_newsroom_years])
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
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, validators=[within_newsroom_years])
    moderator_note = models.TextField(_("moderator note"), blank=True, help_text=_("Seen by the desk only."))
    is_staff_reply = models.BooleanField(_("staff reply"), default=False)
    is_featured = models.BooleanField(_("featured"), default=False, help_text=_("Featured replies are shown first."))
    report_count = models.PositiveIntegerField(_("open reports"), default=0)
    notify = models.CharField(
        _("email me replies"), max_length=20, choices=Notify.choices, default=Notify.OFF, blank=True
    )
    # Article, email and normalised text hashed together: the same reply
    # posted twice (a double click, a replay) collides here and is stored once.
    fingerprint = models.CharField(max_length=64, editable=False)

    objects = CommentQuerySet.as_manager()

    # Not stored: the address the poster's browser proved it reads (its signed
    # cookie), set by the posting view for the moderation policy to trust.
    proven_email = ""

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        permissions = [
            ("moderate_comment", _("Can moderate replies")),
            ("view_commenter_email", _("Can see commenters' email addresses")),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["email"], name="comment_email_idx"),
            # One commenter's replies, whatever the case of the address (by_email).
            models.Index(Upper("email"), name="comment_email_upper_idx"),
            models.Index(fields=["-created_at", "-id"], name="comment_newest_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="comment_queue_newest_idx"),
            models.Index(fields=["report_count"], name="comment_reported_idx", condition=models.Q(report_count__gt=0)),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="reply_posted_once"),
        ]

    def __str__(self):
        return _("Reply by %(name)s") % {"name": self.name}

    def get_absolute_url(self):
        return reverse("comments:reply", kwargs={"pk": self.pk})  # the thread page that holds it

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            lift_replies([self.pk])
            return super().delete(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Commenter(models.Model):
    """An email address that proved it is read by the person who typed it."""

    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, validators=[within_newsroom_years])

    class Meta:
        verbose_name = _("commenter")
        verbose_name_plural = _("commenters")
        # Every lookup is case-insensitive, so is uniqueness: one commenter per address.
        constraints = [models.UniqueConstraint(Lower("email"), name="commenter_email_unique_any_case")]

    def __str__(self):
        return self.email


class Ban(models.Model):
    """Replies from a banned email, domain or address are refused."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        DOMAIN = "domain", _("Email domain")
        IP = "ip", _("IP address")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=254, help_text=_("Stored in lower case."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("banned at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="ban_once")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


class Report(models.Model):
    """A reader's report that a reply breaks the rules."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Abusive or hateful")
        SPAM = "spam", _("Spam or advertising")
        OFF_TOPIC = "off_topic", _("Off topic")
        PRIVACY = "privacy", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("reply"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detail = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"


class ReplyPolicy(models.Model):
    """How one article's replies are moderated, where it differs from the site's."""

    class Mode(models.TextChoices):
        PRE = "pre", _("Pre-moderation: every reply waits for a moderator")
        POST = "post", _("Post-moderation: replies appear at once, moderators review after")
        FIRST_TIME = "first-time", _("Pre-moderation for first-time commenters only")

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="reply_policy", verbose_name=_("article")
    )
    mode = models.CharField(
        _("moderation mode"), max_length=20, choices=Mode.choices, blank=True, help_text=_("Empty: the site's mode.")
    )
    close_after_days = models.PositiveIntegerField(
        _("close replies after days"), null=True, blank=True, help_text=_("Empty: the site's setting; 0: never.")
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply policy")
        verbose_name_plural = _("reply policies")

    def __str__(self):
        return str(self.article)


class ModerationAction(models.Model):
    """The desk's audit log: who did what to which reply, and when."""

    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("reply")
    )

    class Action(models.TextChoices):
        APPROVE = "approve", _("approve")
        SPAM = "spam", _("mark as spam")
        REMOVE = "remove", _("remove")
        RESTORE = "restore", _("restore to the queue")
        FEATURE = "feature", _("feature")
        UNFEATURE = "unfeature", _("unfeature")
        BAN = "ban", _("ban")
        NOTE = "note", _("note")
        BACK_TO_QUEUE = "back to queue", _("back to the queue after reports")
        DELETED_BY_AUTHOR = "deleted by author", _("deleted by its author")
        ERASE_PERSONAL_DATA = "erase personal data", _("erase personal data")

    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id}"
