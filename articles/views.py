from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from articles import extensions
from articles.models import Article, Author, OldSlug, Section, Tag
from articles.pages import article_own_groups, related_list_groups, thread_groups
from articles.pagination import Page, get_page, has_page, page_number
from articles.previews import article_for_preview
from articles.search import add_snippets, search_articles
from articles.sitemaps import NewsSitemap
from elections.models import Result
from pagecache.fragments import kept, written_for
from pagecache.groups import group, pages_showing, reads_query, shows

PAGE_SIZE = 20
HOME_PER_SECTION = 4


@reads_query("page")
def home(request):
    """The lead story, then each section's latest; older news pages on from there."""
    number = page_number(request.GET.get("page"))
    live = Article.objects.published()
    rest = live.exclude(pk__in=live.lead().values("pk")[:1]).for_listing()
    if number > 1:
        return shows(_render_list(request, rest, number, template="articles/home.html"), group("home"))
    sections = list(Section.objects.all())
    context = {
        "page": Page(number=1, object_list=[], has_next=has_page(rest, 2, PAGE_SIZE), per_page=PAGE_SIZE),
        "lead": live.for_listing().lead().first(),
        "sections": _grouped_by_section(rest.latest_by_section(HOME_PER_SECTION, [s.pk for s in sections])),
        "nav_sections": sections,
        "canonical_url": _canonical(request, 1),
    }
    return shows(render(request, "articles/home.html", context), group("home"))


@reads_query("page")
def section_detail(request, slug):
    number = page_number(request.GET.get("page"))
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=section).for_listing()
    response = _render_list(
        request, articles, number, heading=section.name, intro=section.description, feed_section=section
    )
    return shows(response, group("section", section.pk))


@reads_query("page")
def author_detail(request, slug):
    number = page_number(request.GET.get("page"))
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().for_listing().by_author(author)
    response = _render_list(request, articles, number, heading=author.name, intro=author.bio, author=author)
    return shows(response, group("author", author.pk))


@reads_query("page")
def tag_detail(request, slug):
    number = page_number(request.GET.get("page"))
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().for_listing().by_tag(tag)
    return shows(_render_list(request, articles, number, heading=tag.name, tag=tag), group("tag", tag.pk))


@reads_query("q", "page")
def search(request):
    number = page_number(request.GET.get("page"))
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:200]
    if not query:
        if number > 1:
            raise Http404
        return shows(render(request, "articles/search.html", {"query": query}), group("search"))
    # With the bodies: the snippets are cut from them (in Python on SQLite).
    articles = search_articles(Article.objects.published().for_listing().defer(None).defer("search_document"), query)
    page = get_page(articles, number, PAGE_SIZE)
    add_snippets(page.object_list, query)
    context = {
        "page": page,
        "articles": page.object_list,
        "query": query,
        "canonical_url": _canonical(request, number, q=query),
    }
    return shows(render(request, "articles/search.html", context), group("search"))


# The reply form's target and the page of the thread, read by the comments app's template tags.
@reads_query("replyto", "replies")
def article_detail(request, slug):
    # What other apps show on the page may ride along (the replies' policy): articles/extensions.py.
    articles = Article.objects.select_related("section", "election", *extensions.article_page_related()).defer(
        "search_document"
    )
    article, _ = kept(f"live-article|{slug}", partial(_live_article, articles, slug))
    if article is not None:
        return render_article(request, article)
    old = OldSlug.objects.filter(slug=slug, article__in=Article.objects.published()).select_related("article").first()
    if old is not None:
        return redirect(old.article, permanent=True)
    if request.user.has_perm("articles.view_article"):
        # Staff see an unpublished article as readers will, marked as a preview.
        return _render_preview(request, get_object_or_404(articles, slug=slug))
    raise Http404


def _live_article(articles, slug):
    """The live article at `slug` with what its page reads of it; kept like a part of its page, as it is
    emptied whenever the article, its election or the site's sections change (no article: nothing kept)."""
    article = articles.published().filter(slug=slug).first()
    return article, article_own_groups(article) if article is not None else []


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


def render_article(request, article, *, preview=False):
    """The article page, from parts kept apart (pagecache/fragments.py): a reply approved rebuilds its page
    of the thread and this page around the parts, not the article, its results or its related list."""
    build = _built if preview else kept  # a preview shows what readers do not see yet: never kept
    # Everything the parts depend on besides their groups: the address their links and meta tags carry,
    # the language and the timezone they are written in.
    name = f"{request.scheme}://{request.get_host()}|{article.pk}|{written_for()}"
    parts, own_groups = build(f"article|{name}", partial(_article_parts, request, article))
    related, related_groups = build(f"related|{name}", partial(_related_part, article))
    context = {"article": article, "parts": parts, "related": related, "preview": preview}
    response = render(request, "articles/article_detail.html", context | {"feed_section": article.section})
    if preview:
        return response
    return shows(response, *own_groups, *related_groups, *thread_groups(article.pk))


def _built(name, build):
    return build()


def _article_parts(request, article):
    """The article's own part of its page (the body, results, statements, notes) and its meta tags."""
    results = list(Result.objects.filter(election_id=article.election_id).ranked()) if article.election_id else []
    context = {
        "article": article,
        "authors": list(article.authors.all()),
        "election": article.election,
        "results": results,
        "statements": [choice.statement for choice in article.chosen_statements()],
        "notes": list(article.notes_for_readers()),
    }
    parts = {
        "head": render_to_string("articles/_article_head.html", context, request),
        "article": render_to_string("articles/_article.html", context, request),
    }
    return parts, article_own_groups(article)


def _related_part(article):
    related = article.related()
    return render_to_string("articles/_related.html", {"related": related}), related_list_groups(article, related)


def _render_list(request, articles, number, *, template="articles/article_list.html", **context):
    page = get_page(articles, number, PAGE_SIZE)
    context |= {"page": page, "articles": page.object_list, "canonical_url": _canonical(request, number)}
    return render(request, template, context)


def _canonical(request, number: int, **query) -> str:
    """The page's own address: page 1 without `?page=`, the search's words kept, nothing else."""
    if number > 1:
        query["page"] = number
    return request.build_absolute_uri(request.path + (f"?{urlencode(query)}" if query else ""))


def _grouped_by_section(articles) -> list[tuple]:
    """(section, its articles) pairs in the sections' own order."""
    groups = {}
    for article in articles:
        groups.setdefault(article.section, []).append(article)
    return sorted(groups.items(), key=lambda group: (group[0].position, group[0].name))


@pages_showing(group("sitemaps"), query=())
def news_sitemap(request):
    """The last two days' articles with Google News' publication details."""
    response = sitemap(request, {"news": NewsSitemap}, template_name="articles/news_sitemap.xml")
    # The articles' own language, not the language of whoever asked.
    response.context_data |= {
        "publication_name": settings.NEWSROOM_SITE_NAME,
        "publication_language": settings.LANGUAGE_CODE,
        # The sitemaps.org schema wants at least one <url>: on a quiet day, the front page (without news: data).
        "front_page_url": request.build_absolute_uri(reverse("articles:home")),
    }
    return response
