from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "elections"

    def ready(self):
        from elections import signals

        signals.connect()
