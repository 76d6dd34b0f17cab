from django.conf import settings
from django.shortcuts import get_object_or_404, render

from comments.tokens import OWN_REPLIES_MAX_AGE
from pages.models import Page

DAY = 24 * 60 * 60


def page(request, slug):
    # Not kept in the page cache (it names no page groups): these pages are
    # rarely read, and an editor's change shows at once without any wiring.
    context = {
        "page": get_object_or_404(Page, slug=slug),
        # What the privacy page says is kept, and for how long, comes from the settings that decide it.
        "network_days": settings.NEWSROOM_REPLY_NETWORK_DATA_DAYS,
        "cookie_days": OWN_REPLIES_MAX_AGE // DAY,
    }
    return render(request, "pages/page.html", context)
