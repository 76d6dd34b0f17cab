"""The reply form: errors summarised and tied to their fields, no silent cut, posting from a cached page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.forms import sign_render_time
from comments.models import Comment


def form_of(page: str) -> str:
    return page.split('<div class="reply-form">')[1].split("</form>")[0]


def test_a_refused_reply_is_summarised_above_the_form_with_a_link_to_each_field(post_reply):
    response = post_reply(name="", email="not-an-email")
    page = response.content.decode()
    assert response.status_code == 400
    form = form_of(page)
    summary = form.split('<div class="error-summary"')[1].split("</div>")[0]
    assert form.index("error-summary") < form.index("<form")
    assert 'tabindex="-1" autofocus' in summary
    assert '<a href="#id_name">This field is required.</a>' in summary
    assert '<a href="#id_email">Enter a valid email address.</a>' in summary
    assert 'action="/comments/post/' in form and '/#leave-a-reply"' in form  # the answer opens at the form
    assert not Comment.objects.filter(email="not-an-email").exists()


def test_invalid_fields_are_marked_for_screen_readers_and_tied_to_their_message(post_reply):
    page = post_reply(email="not-an-email", body="").content.decode()
    email = re.search(r"<input [^>]*name=\"email\"[^>]*>", page).group(0)
    body = re.search(r"<textarea [^>]*>", page).group(0)
    name = re.search(r"<input [^>]*name=\"name\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in email and 'aria-describedby="error_id_email"' in email
    assert 'id="error_id_email"' in page
    assert 'aria-describedby="error_id_body id_body_helptext"' in body
    assert "aria-invalid" not in name


def test_the_form_shows_its_limit_and_never_cuts_a_pasted_reply(client, demo, post_reply):
    form = form_of(client.get(demo.get_absolute_url()).content.decode())
    assert " maxlength=" not in form
    assert 'data-maxlength="5000"' in form
    assert "Up to 5,000 characters." in form
    response = post_reply(body="x" * 6000)
    assert response.status_code == 400
    assert "at most 5000 characters (it has 6000)" in response.content.decode()
    assert not Comment.objects.filter(name="Aliya").exists()


def test_awaiting_moderation_is_said_at_the_replies(client, demo, post_reply):
    response = post_reply()
    assert response["Location"].endswith("#replies")
    page = client.get(response["Location"]).content.decode()
    replies = page.split('<section id="replies"')[1]
    assert "Your reply is awaiting moderation." in replies
    assert "Your reply is awaiting moderation." not in page.split('<section id="replies"')[0]


@pytest.fixture
def strict_client(demo):
    """A client that enforces CSRF, as browsers' requests meet it."""
    return Client(enforce_csrf_checks=True)


def post_as_browser(client, article, **headers):
    data = {
        "name": "Aliya", "email": "aliya@example.com", "body": "From a cached page, no script.",
        "rendered": sign_render_time(article.pk),
    }  # fmt: skip
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data, headers=headers)


def test_a_reader_without_javascript_posts_from_a_cached_page(strict_client, demo, settings):
    settings.NEWSROOM_REPLY_MIN_SECONDS = 0
    response = post_as_browser(strict_client, demo, sec_fetch_site="same-origin", origin="http://testserver")
    assert response.status_code == 302
    assert Comment.objects.filter(name="Aliya", status=Comment.Status.PENDING).exists()


def test_an_origin_naming_this_site_is_enough_where_fetch_metadata_is_missing(strict_client, demo, settings):
    settings.NEWSROOM_REPLY_MIN_SECONDS = 0
    assert post_as_browser(strict_client, demo, origin="http://testserver").status_code == 302


@pytest.mark.parametrize(
    "headers",
    [{"sec_fetch_site": "cross-site"}, {"sec_fetch_site": "same-site"}, {"origin": "https://elsewhere.example"}, {}],
)
def test_a_post_another_site_made_a_browser_send_is_refused(strict_client, demo, settings, headers):
    settings.NEWSROOM_REPLY_MIN_SECONDS = 0
    response = post_as_browser(strict_client, demo, **headers)
    assert response.status_code == 403
    assert not Comment.objects.filter(name="Aliya").exists()


def test_reply_times_carry_no_more_than_milliseconds(client, demo, make_reply):
    make_reply()
    page = client.get(demo.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', page)
    assert stamps
    assert not [stamp for stamp in stamps if re.search(r"\.\d{4,}", stamp)]
