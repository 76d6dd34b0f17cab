from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from articles import signal_handlers

        # Changes empty the cached pages that show them (the pagecache app).
        signal_handlers.connect()

        from articles import listings_sync

        # The author's and tag's lists follow the links and the articles they copy.
        listings_sync.connect()

        from articles.coverage import election_coverage
        from elections import extensions

        # The election page lists the articles covering it without elections knowing articles.
        extensions.add_page_part(election_coverage)
