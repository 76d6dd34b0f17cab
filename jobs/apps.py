from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background work for every app (emails, renditions, chores); imports none of them."""

    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from jobs import checks  # noqa: F401 - registers the system checks
