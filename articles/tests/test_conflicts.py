"""Two people editing one article: the second, stale save is refused."""

from articles.forms import STALE_EDIT_MESSAGE
from articles.tests.conftest import article_form, change_url


def test_second_save_of_a_stale_form_is_refused_and_loses_nothing(client, editor, make_article):
    article = make_article(title="Original")
    opened_by_both = article_form(article)
    client.force_login(editor)
    first = client.post(change_url(article), opened_by_both | {"title": "First edit"})
    assert first.status_code == 302

    second = client.post(change_url(article), opened_by_both | {"title": "Second edit"})
    assert second.status_code == 200
    assert str(STALE_EDIT_MESSAGE).split(":")[0] in second.content.decode().replace("&#x27;", "'")
    article.refresh_from_db()
    assert article.title == "First edit"


def test_a_fresh_form_saves_after_someone_else_did(client, editor, make_article):
    article = make_article(title="Original")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="First edit"))
    article.refresh_from_db()
    response = client.post(change_url(article), article_form(article, title="Second edit"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Second edit"


def test_an_action_makes_open_forms_stale(client, editor, make_article):
    article = make_article(status="in_review")
    opened = article_form(article)
    client.force_login(editor)
    client.post("/admin/articles/article/", {"action": "publish_now", "_selected_action": [article.pk]})
    response = client.post(change_url(article), opened | {"title": "Late"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == "published"
