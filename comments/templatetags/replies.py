from django import template

from comments.forms import ReplyForm
from comments.threads import approved_thread

register = template.Library()


@register.inclusion_tag("comments/_thread.html")
def reply_thread(article):
    thread, count = approved_thread(article)
    return {"thread": thread, "count": count, "article": article}


@register.inclusion_tag("comments/_form.html", takes_context=True)
def reply_form(context, article):
    form = context.get("reply_form")
    if form is None or form.article.pk != article.pk:
        form = ReplyForm(article=article)
    return {"form": form, "article": article, "request": context.get("request")}
