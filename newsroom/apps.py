from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import checks  # noqa: F401 - registers system checks
        from newsroom.roles import ensure_role_groups

        # Permissions only exist once every app has migrated, so the groups
        # are (re)built after migrate rather than in a data migration.
        post_migrate.connect(ensure_role_groups, dispatch_uid="newsroom.ensure_role_groups")
        connection_created.connect(no_jit, dispatch_uid="newsroom.no_jit")


def no_jit(sender, connection, **kwargs):
    """No JIT compilation on PostgreSQL: a page's queries are short, and JIT
    would spend hundreds of milliseconds compiling any whose estimated cost
    passes its threshold (the related-articles query did, on 5,000 articles).
    A SET on each new connection rather than a startup option, which poolers
    such as PgBouncer refuse."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
