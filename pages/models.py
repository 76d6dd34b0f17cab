"""The site's standing pages (About, Privacy): written and changed by editors in the admin."""

from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.sanitising import sanitise_html


class Page(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("The page's address: /slug/."))
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(
        _("description"), max_length=300, help_text=_("One or two sentences for search engines and link previews.")
    )
    body = models.TextField(_("body"), help_text=_("HTML; scripts and unsafe markup are removed on save."))
    lists_reader_data = models.BooleanField(
        _("lists what is kept of readers"),
        default=False,
        help_text=_(
            "Adds, after the body, what the site keeps of readers who reply and for how long, "
            "written from the site's settings so that it stays true."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})

    def body_html(self) -> str:
        return mark_safe(self.body)  # noqa: S308 - sanitised on save

    @property
    def schema_type(self) -> str:
        """schema.org's type for the page: the About page is an AboutPage."""
        return "AboutPage" if self.slug == "about" else "WebPage"
