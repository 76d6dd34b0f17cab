from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import render_article
from comments.forms import ReplyForm
from comments.models import Comment
from comments.moderation import DuplicateReply, flood_reason, submit_reply
from comments.network import client_ip


@require_POST
def post_reply(request, article_id):
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    if not article.comments_open:
        return render_article(request, article, status=403, notice=_("Replies to this article are closed."))
    form = ReplyForm(request.POST, article=article)
    if not form.is_valid():
        return render_article(request, article, reply_form=form, status=400)
    ip_address = client_ip(request)
    if reason := flood_reason(ip_address=ip_address, email=form.cleaned_data["email"]):
        return render_article(request, article, reply_form=form, status=429, notice=reason)
    comment: Comment = form.save(commit=False)
    comment.article = article
    comment.ip_address = ip_address
    comment.user_agent = request.headers.get("User-Agent", "")[:300]
    try:
        submit_reply(comment=comment)
    except DuplicateReply:
        form.add_error(None, _("You have already posted this reply."))
        return render_article(request, article, reply_form=form, status=409)
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Thank you, your reply is published."))
    else:
        messages.success(request, _("Your reply is awaiting moderation."))
    return redirect(f"{article.get_absolute_url()}#replies")
