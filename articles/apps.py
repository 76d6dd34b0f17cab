from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from articles import signal_handlers

        # Changes empty the cached pages that show them (the pagecache app).
        signal_handlers.connect()
