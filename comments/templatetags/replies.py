"""How the article page shows replies: the thread, the form, and each reply's text and avatar.

The article page is the same for every reader (so that it can be cached):
nothing here reads who the reader is. Their own replies come from
/comments/mine/, fetched by static/js/replies.js or followed as a link.
"""

import hashlib
from functools import lru_cache

from django import template
from django.core.paginator import InvalidPage
from django.http import Http404
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language

from articles.pages import thread_groups
from comments.forms import ReplyForm
from comments.models import Comment
from comments.policy import replies_open
from comments.threads import page_number, replying_to_from, thread_page
from pagecache.fragments import kept, written_for

register = template.Library()
AVATAR_COLOURS = 8


@register.simple_tag(takes_context=True)
def reply_thread(context, article):
    """One page of the article's approved replies (?replies=N), with links to the others."""
    request = context.get("request")
    try:
        # Kept by the number, not by how it is spelt: "?replies=02" makes no entry of its own.
        number = page_number(request.GET.get("replies", "1") if request else "1")
    except InvalidPage:
        raise Http404 from None  # ?replies=abc: no such page of this article
    is_open = replies_open(article)

    def build():
        try:
            thread = thread_page(article, number)
        except InvalidPage:
            raise Http404 from None  # a page past the last: no such page of this article (and nothing kept)
        values = {"thread": thread, "article": article, "open": is_open, "own": False}
        return render_to_string("comments/_thread.html", values), thread_groups(article.pk)

    html, _ = kept(f"thread|{article.pk}|{number}|{is_open}|{written_for()}", build)
    return mark_safe(html)  # noqa: S308 - rendered from templates


@register.simple_tag(takes_context=True)
def reply_form(context, article):
    """The article page's reply form: blank, or answering the reply named by ?replyto= (no JavaScript needed)."""
    request = context.get("request")
    replying_to = replying_to_from(request.GET.get("replyto", "") if request else "", article)
    is_open = replies_open(article)

    def build():
        # The blank form is the same for every reader (its time stamp too, as on a cached page): kept.
        form = ReplyForm(article=article, initial={"parent": replying_to.pk if replying_to else None})
        values = {"form": form, "article": article, "open": is_open, "replying_to": replying_to}
        return render_to_string("comments/_form.html", values), thread_groups(article.pk)

    html, _ = kept(f"replyform|{article.pk}|{replying_to.pk if replying_to else ''}|{is_open}|{written_for()}", build)
    return mark_safe(html)  # noqa: S308 - rendered from templates


@register.filter
def report_url(pk: int) -> str:
    """{% url "comments:report" pk %}, remembered: reversing a URL is a dear step of each reply."""
    return _report_url(pk, get_script_prefix())


@lru_cache(maxsize=4096)
def _report_url(pk: int, script_prefix: str) -> str:
    return reverse("comments:report", kwargs={"pk": pk})


@register.simple_tag
def reply_time(created):
    """<time> in the reader's timezone and language; its datetime to the second (HTML allows at most milliseconds)."""
    return _time_html(localtime(created), get_language())


@lru_cache(maxsize=4096)
def _time_html(created, language: str):
    # Remembered: a thread page shows many replies, and a new reply re-renders the others on its page.
    return format_html(
        '<time datetime="{}">{}</time>', created.isoformat(timespec="seconds"), date_filter(created, "DATETIME_FORMAT")
    )


@register.simple_tag
def reply_body(comment: Comment):
    """Plain text, escaped, line breaks kept; links clickable only once a moderator approved the reply."""
    return mark_safe(_body_html(comment.body, comment.is_approved))  # noqa: S308 - escaped in _body_html


@lru_cache(maxsize=1024)
def _body_html(body: str, approved: bool) -> str:
    # Remembered by text: urlize is the dearest step of a reply, and each new
    # reply re-renders all the others on its page.
    if not approved:
        return linebreaks(body, autoescape=True)
    linked = urlize(body, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return linebreaks(linked, autoescape=False)  # urlize escaped the text


def initials(name: str) -> str:
    parts = [part for part in name.split() if part[:1].isalnum()]
    letters = "".join(part[0] for part in (parts[:1] + parts[1:][-1:])) if parts else "?"
    return letters.upper()


@register.simple_tag
def avatar(name: str):
    """Initials on a colour picked from the name: no email, no hash of it, nothing fetched from elsewhere."""
    return _avatar(name)


@lru_cache(maxsize=4096)
def _avatar(name: str):
    colour = int(hashlib.blake2s(name.lower().encode(), digest_size=2).hexdigest(), 16) % AVATAR_COLOURS
    return format_html('<span class="avatar avatar-{}" aria-hidden="true">{}</span>', colour, initials(name))
