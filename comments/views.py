"""The reader's side of replies. Every page here is per reader and never cached."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from comments import moderation, notifications
from comments.forms import EditReplyForm, ReplyForm, ReportForm
from comments.models import Comment, Commenter
from comments.network import client_ip
from comments.notifications import needs_confirmation
from comments.origin import posted_from_our_pages
from comments.policy import Refused, replies_open, speaks_for_the_desk
from comments.threads import page_of, replying_to_from
from comments.tokens import (
    own_reply_ids,
    proven_email,
    read_confirm_token,
    read_unsubscribe_token,
    remember_own_reply,
    remember_proven_email,
)

REPORT_LIMIT = (10, 60 * 60)


@require_POST
@posted_from_our_pages
def post_reply(request, article_id):
    article = _article_to_reply_to(article_id)
    if not replies_open(article):
        return _refused(request, article, None, status=403, notice=_("Replies to this article are closed."))
    form = ReplyForm(request.POST, article=article)
    if not form.is_valid():
        return _refused(request, article, form, status=400)
    ip_address = client_ip(request)
    if reason := moderation.flood_reason(ip_address=ip_address, email=form.cleaned_data["email"]):
        response = _refused(request, article, form, status=429, notice=reason)
        response["Retry-After"] = str(settings.NEWSROOM_REPLY_RATE_LIMIT[1])
        return response
    comment = _new_comment(request, form, article, ip_address)
    try:
        moderation.submit_reply(comment=comment)
    except Refused as refused:
        return _refused(request, article, form, status=403, notice=refused.reason)
    except moderation.DuplicateReply:
        form.add_error(None, _("You have already posted this reply."))
        return _refused(request, article, form, status=409)
    return _posted(request, article, comment)


# What posting reads of the article (and the refusal page shows): not its body, nor the rest.
POSTING_READS = ["title", "slug", "status", "publish_at", "comments_open"]


def _article_to_reply_to(article_id) -> Article:
    """The live article, with its replies' policy in the same query (whether replies are open, how to moderate).

    By primary key alone, with `is_live` (the same rule as `published()`) asked
    of the row: the cheapest query for Django to build, on every post.
    """
    policy = ["reply_policy__mode", "reply_policy__close_after_days"]
    queryset = Article.objects.select_related("reply_policy").only(*POSTING_READS, *policy)
    article = get_object_or_404(queryset, pk=article_id)
    if not article.is_live:
        raise Http404
    return article


def _refused(request, article, form, *, status: int, notice: str = ""):
    """The reply form again, with what the reader typed and what is wrong, opened at the form (its action's anchor)."""
    replying_to = replying_to_from(str(form.data.get("parent", "")), article) if form is not None else None
    context = {"article": article, "form": form, "notice": notice, "replying_to": replying_to}
    context["open"] = form is not None
    return render(request, "comments/reply_refused.html", context, status=status)


def _new_comment(request, form, article, ip_address) -> Comment:
    comment: Comment = form.save(commit=False)
    comment.article = article
    comment.ip_address = ip_address
    comment.user_agent = request.headers.get("User-Agent", "")[:300]
    comment.proven_email = proven_email(request)
    comment.is_staff_reply = speaks_for_the_desk(request.user)
    if comment.is_staff_reply:
        # Under the account's own name, never a typed one.
        comment.name = (request.user.get_full_name() or request.user.get_username())[:100]
        comment.email = request.user.email or comment.email
    comment.notify = Comment.Notify.REQUESTED if form.cleaned_data.get("notify_me") else Comment.Notify.OFF
    return comment


def _posted(request, article, comment):
    if comment.is_approved:
        messages.success(request, _("Thank you, your reply is published."))
    else:
        messages.success(request, _("Your reply is awaiting moderation."))
    if needs_confirmation(comment):
        _say_how_confirmation_went(request, notifications.ask_to_confirm(comment))
    response = redirect(f"{article.get_absolute_url()}#replies")
    remember_own_reply(request, response, comment.pk)
    return response


def _say_how_confirmation_went(request, outcome: str) -> None:
    # The truth, even when the mail server or the queue is down: never "open the link" for a link never sent.
    if outcome == notifications.FAILED:
        messages.warning(
            request,
            _("We could not send you the email to confirm your address just now. Please try again later."),
        )
    else:
        messages.info(request, _("Please open the link we emailed you to confirm your address."))


def _own_reply(request, pk) -> Comment:
    """One of this browser's own replies, or 404: nobody may touch another's."""
    if pk not in own_reply_ids(request):
        raise Http404
    return get_object_or_404(Comment.objects.select_related("article").exclude(status=Comment.Status.REMOVED), pk=pk)


@never_cache
def own_replies(request, article_id):
    """The reader's own replies on one article; a fragment for the page's script, or a page."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    ids = own_reply_ids(request)
    replies = list(
        Comment.objects.filter(pk__in=ids, article=article)
        .exclude(status=Comment.Status.REMOVED)
        .order_by("created_at")
    )
    for reply in replies:
        reply.can_change = moderation.edit_window_open(reply)
    template = "comments/_own_replies.html" if request.GET.get("fragment") else "comments/own_replies.html"
    return render(request, template, {"article": article, "replies": replies})


def reply_link(request, pk):
    """A reply's permalink: the page of the article's thread that holds it, scrolled to it."""
    comment = get_object_or_404(
        Comment.objects.select_related("article").exclude(status=Comment.Status.REMOVED), pk=pk
    )
    if not comment.article.is_live:
        raise Http404
    number = page_of(comment)
    if number is None:  # waiting for a moderator, or spam: not on the page
        return redirect(f"{comment.article.get_absolute_url()}#replies")
    query = f"?replies={number}" if number > 1 else ""
    return redirect(f"{comment.article.get_absolute_url()}{query}#reply-{comment.pk}")


def _window_closed(request, comment):
    message = _("A reply can be changed only within %(minutes)d minutes of posting.") % {
        "minutes": settings.NEWSROOM_REPLY_EDIT_MINUTES
    }
    return render(request, "comments/closed.html", {"comment": comment, "message": message}, status=403)


@never_cache
def edit_reply(request, pk):
    comment = _own_reply(request, pk)
    if not moderation.edit_window_open(comment):
        return _window_closed(request, comment)
    form = EditReplyForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.edit_own_reply(comment=comment, body=form.cleaned_data["body"])
        except moderation.WindowClosed:
            return _window_closed(request, comment)
        except moderation.DuplicateReply:
            form.add_error("body", _("You have already posted this reply."))
        except Refused as refused:
            form.add_error(None, refused.reason)
            return render(request, "comments/edit.html", {"form": form, "comment": comment}, status=403)
        else:
            messages.success(request, _("Your reply is changed and is awaiting moderation."))
            return redirect("comments:mine", article_id=comment.article_id)
    status = 400 if form.errors else 200
    return render(request, "comments/edit.html", {"form": form, "comment": comment}, status=status)


@never_cache
def delete_reply(request, pk):
    comment = _own_reply(request, pk)
    if not moderation.edit_window_open(comment):
        return _window_closed(request, comment)
    if request.method == "POST":
        try:
            moderation.delete_own_reply(comment=comment)
        except moderation.WindowClosed:
            return _window_closed(request, comment)
        messages.success(request, _("Your reply is deleted."))
        return redirect(f"{comment.article.get_absolute_url()}#replies")
    return render(request, "comments/delete.html", {"comment": comment})


@never_cache
def report_reply(request, pk):
    comment = get_object_or_404(Comment.objects.approved().select_related("article"), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip_address = client_ip(request) or "unknown"
        if moderation.rate_limited(key=f"report:{ip_address}", limit=REPORT_LIMIT[0], window_seconds=REPORT_LIMIT[1]):
            form.add_error(None, _("You have sent many reports. Please wait an hour and try again."))
            return render(request, "comments/report.html", {"form": form, "comment": comment}, status=429)
        if _first_report_from(comment, ip_address):
            moderation.report_reply(comment=comment, **form.cleaned_data)
        messages.success(request, _("Thank you. The moderators will look at this reply."))
        return redirect(f"{comment.article.get_absolute_url()}#replies")
    status = 400 if form.errors else 200
    return render(request, "comments/report.html", {"form": form, "comment": comment}, status=status)


def _first_report_from(comment, ip_address) -> bool:
    """One report per address and reply counts; repeating it changes nothing.

    Remembered in the cache; while the cache is down nothing is remembered, and
    the report is kept rather than dropped behind a thank-you.
    """
    key = f"reply-reported:{comment.pk}:{ip_address}"
    return cache.add(key, 1, timeout=7 * 24 * 60 * 60) or cache.get(key) is None


@never_cache
def confirm_email(request, token):
    """The second step of the opt-in: the address is proven, and any pending notification starts."""
    found = read_confirm_token(token)
    if found is None:
        message = _("This confirmation link is damaged or has expired. Post again to get a new one.")
        return render(request, "comments/notice.html", {"message": message}, status=400)
    comment_id, email = found
    Commenter.objects.update_or_create(email=email, defaults={"confirmed_at": timezone.now()})
    Comment.objects.filter(pk=comment_id, email__iexact=email, notify=Comment.Notify.REQUESTED).update(
        notify=Comment.Notify.CONFIRMED
    )
    message = _("Thank you, your email address is confirmed.")
    response = render(request, "comments/notice.html", {"message": message})
    remember_proven_email(response, email)
    return response


@csrf_exempt  # the signed token is the credential; mail clients post here without a form (RFC 8058)
@never_cache
def unsubscribe(request, token):
    comment_id = read_unsubscribe_token(token)
    if comment_id is None:
        message = _("This link is damaged. Please copy the whole link from the email.")
        return render(request, "comments/notice.html", {"message": message}, status=400)
    if request.method == "POST":
        Comment.objects.filter(pk=comment_id).update(notify=Comment.Notify.OFF)
        message = _("You will get no more emails about replies to this reply.")
        return render(request, "comments/notice.html", {"message": message})
    action = reverse("comments:unsubscribe", kwargs={"token": token})
    return render(request, "comments/unsubscribe.html", {"action": action})
