from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from articles.models import Section

    # Lazy, so a response that never renders the navigation runs no query.
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
    }
