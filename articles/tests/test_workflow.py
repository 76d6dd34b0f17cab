"""The article's workflow on its change page: status, step buttons per role, emails, the soft lock, conflicts."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, Author
from articles.tests.conftest import article_form, change_url

Status = Article.Status


def _page(client, article) -> str:
    return client.get(change_url(article)).content.decode()


def _steps(page: str) -> set[str]:
    return {step for step in ("submit", "return", "publish", "schedule", "unpublish") if f'value="{step}"' in page}


def test_each_role_is_offered_only_its_steps(client, reporter, editor, make_article):
    draft = make_article(status=Status.DRAFT)
    in_review = make_article(status=Status.IN_REVIEW, title="Waiting")
    live = make_article(title="Live")
    client.force_login(reporter)
    assert _steps(_page(client, draft)) == {"submit"}
    assert _steps(_page(client, in_review)) == set()
    client.force_login(editor)
    assert _steps(_page(client, draft)) == {"submit", "publish", "schedule"}
    assert _steps(_page(client, in_review)) == {"return", "publish", "schedule"}
    assert _steps(_page(client, live)) == {"unpublish"}


def test_the_status_is_at_the_top_with_who_and_when(client, editor, make_article, settings):
    settings.TIME_ZONE = "Asia/Almaty"
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    client.post(change_url(article), article_form(article, _step="submit"))
    page = _page(client, article)
    assert "Status:" in page and "In review" in page and "Submitted for review by erin" in page
    later = timezone.now() + timedelta(days=1)
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, publish_at=later)
    assert "Scheduled for" in _page(client, article)


def test_submit_saves_what_was_typed_and_emails_the_editors_after_commit(
    client, reporter, editor, make_article, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    article = make_article(status=Status.DRAFT)
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), article_form(article, title="Typed title", _step="submit"))
    assert response.status_code == 302 and response.url == change_url(article)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Typed title", Status.IN_REVIEW)
    assert [mail.to for mail in mailoutbox] == [[editor.email]]
    assert f"https://news.example{change_url(article)}" in mailoutbox[0].body
    assert "Typed title" in mailoutbox[0].subject


def test_nothing_is_sent_when_the_step_rolls_back(
    client, reporter, editor, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status=Status.DRAFT)
    client.force_login(reporter)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(change_url(article), article_form(article, title="", _step="submit"))  # refused: no title
    assert callbacks == [] and mailoutbox == []
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_the_reporter_hears_when_returned_and_when_published(
    client, reporter, editor, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status=Status.IN_REVIEW)
    byline = Author.objects.create(name="Rita", slug="rita", user=reporter)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), article_form(article, authors=[byline.pk], _step="return"))
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), article_form(article, authors=[byline.pk], _step="publish"))
    article.refresh_from_db()
    assert article.is_live
    assert [(mail.to, mail.subject.split(":")[0]) for mail in mailoutbox] == [
        ([reporter.email], "Returned to draft"),
        ([reporter.email], "Published"),
    ]


def test_a_reporter_cannot_take_an_editors_step_by_posting_it(client, reporter, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(reporter)
    response = client.post(change_url(article), article_form(article, _step="publish"), follow=True)
    assert "That step is not open to you" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_schedule_needs_a_future_time(client, editor, make_article):
    article = make_article(status=Status.IN_REVIEW, publish_at=timezone.now() - timedelta(hours=1))
    client.force_login(editor)
    refused = client.post(change_url(article), article_form(article, _step="schedule"), follow=True)
    assert "future time" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    article.publish_at = timezone.now() + timedelta(days=2)
    client.post(change_url(article), article_form(article, _step="schedule"))
    article.refresh_from_db()
    assert article.is_scheduled


def test_a_refused_save_keeps_every_value_typed(client, reporter, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(reporter)
    page = client.post(
        change_url(article), article_form(article, status=Status.IN_REVIEW, title="", summary="Kept summary")
    ).content.decode()
    assert '<option value="in_review" selected>' in page
    assert "Kept summary" in page


def test_opening_an_article_someone_else_has_open_says_who_and_since_when(client, editor, reporter, make_article):
    article = make_article(status=Status.DRAFT)
    reporter.first_name = "Rita"
    reporter.save()
    client.force_login(reporter)
    _page(client, article)
    client.force_login(editor)
    page = _page(client, article)
    assert "Rita opened this article at" in page
    client.force_login(reporter)
    again = _page(client, article)
    assert "erin opened this article at" in again and "Rita opened" not in again


def test_a_refused_conflicting_save_keeps_your_text_and_shows_what_changed(client, editor, make_article):
    other = User.objects.create_user("otto", "otto@newsroom.test", "x", is_staff=True, is_superuser=True)
    article = make_article(status=Status.DRAFT, body="<p>The first words.</p>")
    client.force_login(editor)
    client.post(change_url(article), article_form(article))  # a version to compare with
    article.refresh_from_db()
    mine = article_form(article, body="<p>My careful rewrite.</p>")
    client.force_login(other)
    client.post(change_url(article), article_form(article, title="Their new headline"))
    client.force_login(editor)
    page = client.post(change_url(article), mine).content.decode()
    assert "My careful rewrite." in page
    assert "Saved by otto" in page and "<ins>Their new headline</ins>" in page
    article.refresh_from_db()
    assert article.title == "Their new headline" and "first words" in article.body
    # Knowing what changed, saving again keeps the rewrite.
    token = page.split('name="edit_token" value="')[1].split('"')[0]
    assert client.post(change_url(article), mine | {"edit_token": token}).status_code == 302
    article.refresh_from_db()
    assert "My careful rewrite." in article.body


def test_enter_in_a_field_saves_rather_than_taking_a_step(client, editor, make_article):
    # A browser submits a form with Enter through its first submit button.
    client.force_login(editor)
    page = _page(client, make_article(status=Status.IN_REVIEW))
    assert page.index('name="_save"') < page.index('name="_step"')
