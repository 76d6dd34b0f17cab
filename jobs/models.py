from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """An email that went out, by its job key: a job run twice sends it once."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self):
        return self.key
