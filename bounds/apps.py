from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoundsConfig(AppConfig):
    name = "bounds"
    verbose_name = _("Sane ranges")
