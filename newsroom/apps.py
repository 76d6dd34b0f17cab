from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import (
            checks,  # noqa: F401 - registers system checks
            invalidation,
        )
        from newsroom.roles import ensure_role_groups

        # Permissions only exist once every app has migrated, so the groups
        # are (re)built after migrate rather than in a data migration.
        post_migrate.connect(ensure_role_groups, dispatch_uid="newsroom.ensure_role_groups")
        # Changes empty the cached pages that show them (newsroom/pagecache.py).
        invalidation.connect()
