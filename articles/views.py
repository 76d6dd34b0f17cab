from functools import wraps

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers

from articles import extensions
from articles.models import Article, Author, OldSlug, Section, Tag
from articles.previews import article_for_preview
from articles.search import add_snippets, search_articles
from articles.sitemaps import NewsSitemap
from elections.models import Result

PAGE_SIZE = 20
HOME_PER_SECTION = 4


def shows(response, *groups):
    """Name what a page shows, so that the site's page cache empties it when one of them changes.

    The groups are those of newsroom/invalidation.py; a page that names none is never cached.
    """
    response.page_groups = [*getattr(response, "page_groups", []), *groups]
    return response


def pages_showing(*groups):
    """`shows` for a whole view, e.g. one of Django's sitemap views."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return shows(view(request, *args, **kwargs), *groups)

        return wrapped

    return decorate


def home(request):
    """The lead story, then each section's latest; older news pages on from there."""
    live = Article.objects.published()
    rest = live.exclude(pk__in=live.lead().values("pk")[:1]).for_listing()
    page = Paginator(rest, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "articles": page.object_list}
    if page.number == 1:
        context["lead"] = live.for_listing().lead().first()
        context["sections"] = _grouped_by_section(rest.latest_by_section(HOME_PER_SECTION))
    return shows(render(request, "articles/home.html", context), "home")


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=section).for_listing()
    response = _render_list(request, articles, heading=section.name, intro=section.description, feed_section=section)
    return shows(response, f"section:{section.pk}")


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).for_listing()
    return shows(
        _render_list(request, articles, heading=author.name, intro=author.bio, author=author), f"author:{author.pk}"
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return shows(_render_list(request, articles, heading=tag.name, tag=tag), f"tag:{tag.pk}")


def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:200]
    if not query:
        return shows(render(request, "articles/search.html", {"query": query}), "search")
    articles = search_articles(Article.objects.published().for_listing(), query)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    add_snippets(page.object_list, query)
    context = {"page": page, "articles": page.object_list, "query": query}
    return shows(render(request, "articles/search.html", context), "search")


def article_detail(request, slug):
    # What other apps show on the page may ride along (the replies' policy): articles/extensions.py.
    articles = Article.objects.select_related("section", "election", *extensions.article_page_related())
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


def render_article(request, article, *, status=200, preview=False):
    """The article page."""
    results = list(Result.objects.filter(election_id=article.election_id).ranked()) if article.election_id else []
    related = article.related()
    context = {
        "article": article,
        "authors": list(article.authors.all()),
        "election": article.election,
        "results": results,
        "statements": [choice.statement for choice in article.chosen_statements()],
        "related": related,
        "notes": list(article.notes_for_readers()),
        "preview": preview,
        "feed_section": article.section,
    }
    response = render(request, "articles/article_detail.html", context, status=status)
    if status == 200 and not preview:
        return shows(response, *_article_page_groups(article, related))
    return response


def _article_page_groups(article, related) -> list[str]:
    """The article, what it shows of others, and where its related list may draw new articles from.

    (Articles sharing a tag are emptied by name when one of them changes.)
    """
    groups = [f"article:{article.pk}", f"related-section:{article.section_id}"]
    groups += [f"article:{other.pk}" for other in related]
    if article.election_id:
        groups.append(f"election:{article.election_id}")
    return groups


def _render_list(request, articles, *, template="articles/article_list.html", **context):
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "articles": page.object_list, **context})


def _grouped_by_section(articles) -> list[tuple]:
    """(section, its articles) pairs in the sections' own order."""
    groups = {}
    for article in articles:
        groups.setdefault(article.section, []).append(article)
    return sorted(groups.items(), key=lambda group: (group[0].position, group[0].name))


@pages_showing("sitemaps")
def news_sitemap(request):
    """The last two days' articles with Google News' publication details."""
    response = sitemap(request, {"news": NewsSitemap}, template_name="articles/news_sitemap.xml")
    # The articles' own language, not the language of whoever asked.
    response.context_data |= {
        "publication_name": settings.NEWSROOM_SITE_NAME,
        "publication_language": settings.LANGUAGE_CODE,
    }
    return response
