from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from articles.models import Section

    # Lazy, so a response that never renders the navigation runs no query.
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_description": settings.NEWSROOM_SITE_DESCRIPTION,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
        # (code, the language's own name) for the language chooser.
        "language_choices": [
            (code, settings.NEWSROOM_LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES
        ],
    }
