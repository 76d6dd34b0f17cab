from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"

    def ready(self):
        from pagecache import checks  # noqa: F401 - registers the system checks
