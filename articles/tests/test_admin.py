from django.urls import reverse

from articles.models import Article
from elections.tests.test_admin import _form_data


def test_editor_publishes_an_article_in_the_admin(client, editor, section):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Polls close in Astana",
            "slug": "polls-close-in-astana",
            "section": section.pk,
            "dateline": "Astana",
            "summary": "Counting has begun.",
            "body": "<p>Counting has begun.</p><script>alert(1)</script>",
            "status": "published",
            "publish_at_0": "2026-01-01",
            "publish_at_1": "10:00:00",
            "comments_open": "on",
            "articlestatement_set-TOTAL_FORMS": "0",
            "articlestatement_set-INITIAL_FORMS": "0",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="polls-close-in-astana")
    assert "<script>" not in article.body
    client.logout()
    assert "Polls close in Astana" in client.get("/").content.decode()


def test_election_admin_refuses_results_over_one_hundred_percent(client, editor, demo):
    first = demo.election.results.order_by("position").first()
    client.force_login(editor)
    url = reverse("admin:elections_election_change", args=[demo.election.pk])
    data = _form_data(client.get(url))  # what the browser posts back, every inline included
    row = next(key.removesuffix("-id") for key, value in data.items() if key.endswith("-id") and value == first.pk)
    data[f"{row}-percent"] = "90"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "more than 100%" in response.content.decode()
    first.refresh_from_db()
    assert str(first.percent) == "81.31"


def test_groups_exist_after_migrate(db):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert moderators.permissions.filter(codename="moderate_comment").exists()
    assert not moderators.permissions.filter(codename="change_article").exists()
