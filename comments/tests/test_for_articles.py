"""What the replies app registers on articles in AppConfig.ready(): pending column and filter, card counts."""

from comments.models import Comment


def test_the_article_admin_counts_and_filters_pending_replies(client, editor, demo, make_article, make_reply):
    quiet = make_article(title="A quiet story")
    make_reply(status=Comment.Status.PENDING, body="waiting one", email="w1@example.com")
    make_reply(status=Comment.Status.PENDING, body="waiting two", email="w2@example.com")
    client.force_login(editor)

    listing = client.get("/admin/articles/article/").content.decode()
    waiting = client.get("/admin/articles/article/", {"pending_replies": "yes"}).content.decode()
    none_waiting = client.get("/admin/articles/article/", {"pending_replies": "no"}).content.decode()

    assert "column-pending_replies" in listing
    assert demo.title in waiting and quiet.title not in waiting
    assert quiet.title in none_waiting and demo.title not in none_waiting


def test_list_cards_count_only_approved_replies(client, demo, make_reply, django_capture_on_commit_callbacks):
    before = client.get("/").content.decode()
    approved = Comment.objects.filter(article=demo, status=Comment.Status.APPROVED).count()
    with django_capture_on_commit_callbacks(execute=True):  # the replies empty the cached front page once committed
        make_reply(body="one more", email="more@example.com")
        make_reply(body="not yet", email="wait@example.com", status=Comment.Status.PENDING)
    after = client.get("/").content.decode()
    assert f"{approved + 1} replies" in after
    assert before != after
