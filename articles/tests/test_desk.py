"""The desk's lists: dashboard, filters, search, pending reply counts."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from comments.models import Comment


def test_dashboard_shows_what_is_scheduled_in_review_and_just_published(client, editor, make_article):
    make_article(title="Tomorrow's story", slug="tomorrow", publish_at=timezone.now() + dt.timedelta(days=1))
    make_article(title="Waiting story", slug="waiting", status=Article.Status.IN_REVIEW)
    make_article(title="Fresh story", slug="fresh")
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    for heading, title in [
        ("Scheduled", "Tomorrow"),
        ("In review", "Waiting story"),
        ("Recently published", "Fresh story"),
    ]:
        assert heading in page
        assert title in page


def test_dashboard_stays_hidden_from_people_without_articles(client, moderator, db):
    moderator.groups.clear()
    client.force_login(moderator)
    assert "desk-dashboard" not in client.get(reverse("admin:index")).content.decode()


def test_changelist_searches_bylines_and_counts_pending_replies(
    client, editor, make_article, django_assert_max_num_queries
):
    guest = Author.objects.create(name="Guest Writer", slug="guest-writer")
    for index in range(5):
        article = make_article(title=f"Story {index}", slug=f"story-{index}")
        article.authors.add(guest)
        Comment.objects.create(article=article, name="Reader", email="r@example.test", body="Hi", status="pending")
    client.force_login(editor)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("admin:articles_article_changelist"), {"q": "Guest Writer"}).content.decode()
    assert page.count("Guest Writer") >= 5
    assert 'class="field-pending_replies">1<' in page


def test_view_on_site_links_to_the_article(client, editor, make_article):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "View on site" in page
