from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background work for every app (emails, renditions, chores); imports none of them."""

    name = "jobs"
    verbose_name = _("Background jobs")
