from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers

from articles.models import Article, Author, OldSlug, Section, Tag
from articles.previews import article_for_preview
from elections.models import Result

PAGE_SIZE = 20


def home(request):
    articles = Article.objects.published().for_listing()
    return _render_list(request, articles, template="articles/home.html")


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=section).for_listing()
    return _render_list(request, articles, heading=section.name, intro=section.description, section=section)


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).for_listing()
    return _render_list(request, articles, heading=author.name, intro=author.bio, author=author)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return _render_list(request, articles, heading=tag.name, tag=tag)


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    articles = Article.objects.published().search(query).for_listing() if query else Article.objects.none()
    return _render_list(request, articles, template="articles/search.html", query=query)


def article_detail(request, slug):
    # The replies' policy rides along by name (a reverse one-to-one, no import):
    # the thread and the form both ask whether replies are open.
    articles = Article.objects.select_related("section", "election", "reply_policy")
    article = articles.published().filter(slug=slug).first()
    if article is not None:
        return render_article(request, article)
    old = OldSlug.objects.filter(slug=slug, article__in=Article.objects.published()).select_related("article").first()
    if old is not None:
        return redirect(old.article, permanent=True)
    if request.user.has_perm("articles.view_article"):
        # Staff see an unpublished article as readers will, marked as a preview.
        return _render_preview(request, get_object_or_404(articles, slug=slug))
    raise Http404


def article_preview(request, slug, token):
    """An unpublished article for someone holding a shared preview link."""
    article = article_for_preview(slug=slug, token=token)
    if article is None:
        raise Http404
    return _render_preview(request, article)


def _render_preview(request, article):
    response = render_article(request, article, preview=True)
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_article(request, article, *, reply_form=None, status=200, notice="", preview=False):
    """The article page; the replies app calls it to show a form with errors."""
    results = list(Result.objects.filter(election_id=article.election_id).ranked()) if article.election_id else []
    context = {
        "article": article,
        "authors": list(article.authors.all()),
        "election": article.election,
        "results": results,
        "statements": [choice.statement for choice in article.chosen_statements()],
        "related": article.related(),
        "reply_form": reply_form,
        "notice": notice,
        "notes": list(article.notes_for_readers()),
        "preview": preview,
    }
    return render(request, "articles/article_detail.html", context, status=status)


def _render_list(request, articles, *, template="articles/article_list.html", **context):
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "articles": page.object_list, **context})
