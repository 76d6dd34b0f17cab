from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, views
from articles.sitemaps import SITEMAPS
from pagecache.groups import group, pages_showing

feed = pages_showing(group("feeds"), query=())
sitemap = pages_showing(group("sitemaps"), query=("p",))

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", feed(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/atom/", feed(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("section/<slug:slug>/", views.section_detail, name="section"),
    path("section/<slug:slug>/rss/", feed(feeds.SectionFeed()), name="section_feed_rss"),
    path("section/<slug:slug>/atom/", feed(feeds.SectionAtomFeed()), name="section_feed_atom"),
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("news/<slug:slug>/preview/<str:token>/", views.article_preview, name="preview"),
    path(
        "sitemap.xml",
        sitemap(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
]
