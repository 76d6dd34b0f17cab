from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from pagecache.fragments import kept


def site(request):
    # Lazy, so a response that never renders the navigation runs no query.
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_description": settings.NEWSROOM_SITE_DESCRIPTION,
        "nav_sections": SimpleLazyObject(lambda: kept(f"nav-sections|{get_language()}", _nav_sections)[0]),
        # (code, the language's own name) for the language chooser.
        "language_choices": [
            (code, settings.NEWSROOM_LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES
        ],
    }


def _nav_sections():
    """The sections' names and addresses for every page's navigation, kept until the site's sections change."""
    from articles.models import Section

    sections = [{"name": s.name, "get_absolute_url": s.get_absolute_url()} for s in Section.objects.all()]
    return sections, []  # the site's group, which every kept part shows
