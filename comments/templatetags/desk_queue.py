"""The pending count the admin shows in its header and on its home page, for those who moderate."""

from django import template

from comments.admin_queue import pending_label

register = template.Library()


@register.inclusion_tag("admin/comments/_pending_link.html", takes_context=True)
def pending_link(context, home: bool = False):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.moderate_comment"):
        return {"show": False}
    return {"show": True, "pending": pending_label(request), "home": home}
