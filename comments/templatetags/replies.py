"""How the article page shows replies: the thread, the form, and each reply's text and avatar.

The article page is the same for every reader (so that it can be cached):
nothing here reads who the reader is. Their own replies come from
/comments/mine/, fetched by static/js/replies.js or followed as a link.
"""

import hashlib
from functools import lru_cache

from django import template
from django.core.cache import cache
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import escape, format_html, linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language, gettext, gettext_noop

from comments.forms import ReplyForm
from comments.models import Comment
from comments.policy import replies_open
from comments.threads import approved_thread

register = template.Library()
AVATAR_COLOURS = 8


@register.inclusion_tag("comments/_thread.html")
def reply_thread(article):
    thread, count = approved_thread(article)
    is_open = replies_open(article)
    return {"thread_html": render_nodes(thread, is_open=is_open), "count": count, "article": article, "open": is_open}


# One reply of the thread, as the page shows it. Built in Python rather than
# with one template include per reply: an include costs more than everything
# else on a reply, and threads run to hundreds. Every value is escaped here
# (names, website, translations) or comes escaped (the body, the avatar).
NODE_START = """<li class="reply{classes}" id="reply-{pk}">
  <article aria-label="{reply_by}">
    <header class="reply-meta">
      {avatar}
      <strong class="reply-author">{author}</strong>
      {staff}
      {featured}
      <time datetime="{iso}">{when}</time>
    </header>
    <div class="reply-body">{body}</div>
    <p class="reply-actions">
      {reply_to}
      <a class="reply-report" href="{report_url}" rel="nofollow">{report}</a>
    </p>
  </article>
  """
CHILDREN_START = """
    <ol class="reply-thread">
      """
CHILDREN_END = """
    </ol>
  """
NODE_END = """
</li>
"""


def render_nodes(nodes, *, is_open: bool) -> str:
    """The replies as nested list items, in order, children inside their parent's item."""
    staff, featured = escape(gettext("Staff")), escape(gettext("Featured"))
    words = {
        "reply_by": _with_name(gettext_noop("Reply by %(name)s")),
        "reply_to": _with_name(gettext_noop("Reply to %(name)s")),
        "staff": f'<span class="badge">{staff}</span>',
        "featured": f'<span class="badge badge-featured">{featured}</span>',
        "report": escape(gettext("Report")),
    }
    # As a template's |date would: in the reader's timezone and language (the same for every reply).
    words["timezone"] = get_current_timezone()
    words["language"] = get_language()
    marker = 918273645  # any number: the one URL pattern, reversed once and filled in per reply
    report_url = escape(reverse("comments:report", args=[marker])).split(str(marker))
    parts = []
    # Depth-first without recursion, so that no thread is too deep to show.
    stack = [(node, False) for node in reversed(nodes)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(CHILDREN_END + NODE_END if node.children else NODE_END)
            continue
        parts.append(_node_start(node.comment, words, report_url, is_open))
        stack.append((node, True))
        if node.children:
            parts.append(CHILDREN_START)
            stack.extend((child, False) for child in reversed(node.children))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped in _node_start


@lru_cache(maxsize=4096)
def _when(created, timezone_name: str, language: str) -> str:
    """|date:"DATETIME_FORMAT", escaped; remembered, as every new reply re-renders its page's others."""
    return escape(date_filter(created, "DATETIME_FORMAT"))


def _with_name(message: str) -> str:
    """A translation taking one %(name)s; the English one if it will not take it (as {% blocktranslate %} does)."""
    translated = gettext(message)
    try:
        translated % {"name": ""}
    except (KeyError, ValueError, TypeError):
        return message
    return translated


def _node_start(comment: Comment, words: dict, report_url: list[str], is_open: bool) -> str:
    name = escape(comment.name)
    pk = comment.pk
    classes = (" reply-staff" if comment.is_staff_reply else "") + (" reply-featured" if comment.is_featured else "")
    author = name
    if comment.website:
        author = f'<a href="{escape(comment.website)}" rel="nofollow ugc noopener">{name}</a>'
    created = comment.created_at.astimezone(words["timezone"])  # what a template's localtime does (USE_TZ)
    reply_to = ""
    if is_open:
        label = words["reply_to"] % {"name": name}
        reply_to = (
            f'<a class="reply-to" href="?replyto={pk}#leave-a-reply" data-reply-id="{pk}" '
            f'data-reply-name="{name}">{label}</a>'
        )
    return NODE_START.format(
        classes=classes,
        pk=pk,
        reply_by=words["reply_by"] % {"name": name},
        avatar=_avatar(comment.name),
        author=author,
        staff=words["staff"] if comment.is_staff_reply else "",
        featured=words["featured"] if comment.is_featured else "",
        iso=created.isoformat(),  # what |date:"c" gives
        when=_when(created, str(created.tzinfo), words["language"]),
        body=reply_body(comment),
        reply_to=reply_to,
        report_url=str(pk).join(report_url),
        report=words["report"],
    )


# The blank form is the same for every reader of an article in a language, so
# it is kept for a while rather than built by crispy-forms on every render.
# Its hidden "rendered" stamp ages meanwhile, as it does in a cached page (the
# page cache keeps pages as long): far inside NEWSROOM_REPLY_MAX_AGE_SECONDS,
# and only ever older, never younger, for NEWSROOM_REPLY_MIN_SECONDS.
BLANK_FORM_SECONDS = 300
BLANK_FORM_PREFIX = "replyform:"


@register.simple_tag(takes_context=True)
def reply_form(context, article):
    form = context.get("reply_form")
    if form is None or form.article.pk != article.pk:
        request = context.get("request")
        replying_to = _replying_to(request.GET.get("replyto", "") if request else "", article)
        if replying_to is None:
            return _blank_form(context, article)
        form = ReplyForm(article=article, initial={"parent": replying_to.pk})
    else:  # a form sent back with errors keeps saying whom it answers
        replying_to = _replying_to(str(form.data.get("parent", "")), article)
    return _render_form(context, form, article, replying_to)


def _blank_form(context, article):
    is_open = replies_open(article)
    url = article.get_absolute_url()
    key = BLANK_FORM_PREFIX + hashlib.blake2s(f"{get_language()}|{article.pk}|{url}|{is_open}".encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = _render_form(context, ReplyForm(article=article, initial={"parent": None}), article, None)
        cache.set(key, str(html), BLANK_FORM_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered from comments/_form.html, nothing of the reader's in it


def _render_form(context, form, article, replying_to):
    """comments/_form.html, as an inclusion tag would render it."""
    template_ = context.template.engine.get_template("comments/_form.html")
    values = {"form": form, "article": article, "open": replies_open(article), "replying_to": replying_to}
    return template_.render(context.new(values))


def _replying_to(raw: str, article) -> Comment | None:
    """The reply named by ?replyto=ID, so that "Reply to NAME" works without JavaScript."""
    if not raw.isdigit() or len(raw) > 18:
        return None
    return Comment.objects.approved().filter(article=article, pk=int(raw)).only("pk", "name").first()


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
