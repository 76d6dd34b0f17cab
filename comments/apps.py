from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from comments import signal_handlers

        # Changes to replies empty the cached pages that show them (the pagecache app).
        signal_handlers.connect()

        from comments import for_articles

        # What replies add to articles' cards, admin and page (articles/extensions.py).
        for_articles.register()
