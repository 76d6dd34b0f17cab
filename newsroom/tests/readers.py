"""How the tests act like a reader: fetch the form's tokens, then post."""

import re

from django.urls import reverse

RENDERED = re.compile(r'name="rendered" value="([^"]+)"')


def form_token(html: str) -> str:
    match = RENDERED.search(html)
    assert match, "the page carries no reply form"
    return match.group(1)


def reply_data(client, article, **fields) -> dict:
    """A valid reply to `article` as the page's form would send it."""
    page = client.get(article.get_absolute_url()).content.decode()
    data = {
        "name": "Aigerim",
        "email": "aigerim@reader.test",
        "website": "",
        "body": "A plain reply.",
        "rendered": form_token(page),
        "contact_me_by_fax": "",
        "parent": "",
    }
    data.update(fields)
    return data


def post_url(article) -> str:
    return reverse("comments:post", kwargs={"article_id": article.pk})
