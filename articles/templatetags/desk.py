"""The admin dashboard's lists: what is scheduled, in review and just published."""

from django import template
from django.utils import timezone

from articles.models import Article

register = template.Library()

DASHBOARD_ROWS = 10


@register.inclusion_tag("admin/articles/_dashboard.html", takes_context=True)
def desk_dashboard(context):
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    articles = Article.objects.select_related("section").only("title", "status", "publish_at", "section__name")
    return {
        "show": True,
        "scheduled": articles.scheduled().order_by("publish_at")[:DASHBOARD_ROWS],
        "in_review": articles.filter(status=Article.Status.IN_REVIEW).order_by("-updated_at")[:DASHBOARD_ROWS],
        "recent": articles.published().filter(publish_at__gte=timezone.now() - timezone.timedelta(days=2))[
            :DASHBOARD_ROWS
        ],
    }
