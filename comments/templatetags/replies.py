"""How the article page shows replies: the thread, the form, and each reply's text and avatar.

The article page is the same for every reader (so that it can be cached):
nothing here reads who the reader is. Their own replies come from
/comments/mine/, fetched by static/js/replies.js or followed as a link.
"""

import hashlib

from django import template
from django.utils.html import format_html, linebreaks, urlize
from django.utils.safestring import mark_safe

from comments.forms import ReplyForm
from comments.models import Comment
from comments.policy import replies_open
from comments.threads import approved_thread

register = template.Library()
AVATAR_COLOURS = 8


@register.inclusion_tag("comments/_thread.html")
def reply_thread(article):
    thread, count = approved_thread(article)
    return {"thread": thread, "count": count, "article": article, "open": replies_open(article)}


@register.inclusion_tag("comments/_form.html", takes_context=True)
def reply_form(context, article):
    form = context.get("reply_form")
    if form is None or form.article.pk != article.pk:
        request = context.get("request")
        replying_to = _replying_to(request.GET.get("replyto", "") if request else "", article)
        form = ReplyForm(article=article, initial={"parent": replying_to.pk if replying_to else None})
    else:  # a form sent back with errors keeps saying whom it answers
        replying_to = _replying_to(str(form.data.get("parent", "")), article)
    return {"form": form, "article": article, "open": replies_open(article), "replying_to": replying_to}


def _replying_to(raw: str, article) -> Comment | None:
    """The reply named by ?replyto=ID, so that "Reply to NAME" works without JavaScript."""
    if not raw.isdigit() or len(raw) > 18:
        return None
    return Comment.objects.approved().filter(article=article, pk=int(raw)).only("pk", "name").first()


@register.simple_tag
def reply_body(comment: Comment):
    """Plain text, escaped, line breaks kept; links clickable only once a moderator approved the reply."""
    if not comment.is_approved:
        return mark_safe(linebreaks(comment.body, autoescape=True))  # noqa: S308 - escaped by linebreaks
    linked = urlize(comment.body, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - urlize escaped the text


def initials(name: str) -> str:
    parts = [part for part in name.split() if part[:1].isalnum()]
    letters = "".join(part[0] for part in (parts[:1] + parts[1:][-1:])) if parts else "?"
    return letters.upper()


@register.simple_tag
def avatar(name: str):
    """Initials on a colour picked from the name: no email, no hash of it, nothing fetched from elsewhere."""
    colour = int(hashlib.blake2s(name.lower().encode(), digest_size=2).hexdigest(), 16) % AVATAR_COLOURS
    return format_html('<span class="avatar avatar-{}" aria-hidden="true">{}</span>', colour, initials(name))
