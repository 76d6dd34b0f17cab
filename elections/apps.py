from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "elections"

    def ready(self):
        from elections import signals

        signals.connect()

        from elections import signal_handlers

        # Changes empty the cached pages that show them (the pagecache app).
        signal_handlers.connect()
