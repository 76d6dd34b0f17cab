from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Author, Section, Tag
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
    article = get_object_or_404(Article.objects.published().select_related("section", "election"), slug=slug)
    return render_article(request, article)


def render_article(request, article, *, reply_form=None, status=200, notice=""):
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
    }
    return render(request, "articles/article_detail.html", context, status=status)


def _render_list(request, articles, *, template="articles/article_list.html", **context):
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "articles": page.object_list, **context})
