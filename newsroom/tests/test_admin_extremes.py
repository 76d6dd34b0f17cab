"""The desk's forms answer any value with a saved change or a clear refusal: never a 500, never half a write.

Each example opens a change form as its user would, sends it back with one
field set to an extreme value (a date at year 1 or 9999, a number past any
column, a very long text, control characters), and checks the answer: a
refusal writes nothing; an accepted value can be read back and every page
that shows it still answers.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article
from comments.models import Comment
from elections.models import Election
from elections.tests.conftest import make_election  # noqa: F401 - the fixture

EXTREME_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-02-30", "10000-01-01", "-1-01-01"]
EXTREME_NUMBERS = [str(2**63), str(2**31), str(2**15), "-1", "99999999999999999999999", "1e309", "NaN", "0x10", "١٢٣"]
EXTREME_TEXT = ["x" * 70_000, "\x00", "\x1b[31mred", "\u202eevil", "a\r\nb", " ", "<script>alert(1)</script>"]
extreme = st.one_of(
    st.sampled_from(EXTREME_DATES + EXTREME_NUMBERS + EXTREME_TEXT),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(lambda day: day.isoformat()),
)
EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class _FormValues(HTMLParser):
    """The values a browser would send back from the change form, as it was rendered."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "file", "button"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.setdefault(self._select, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data


def form_values(client, url: str) -> dict:
    parser = _FormValues()
    parser.feed(client.get(url).content.decode())
    values = {name: found if len(found) > 1 else found[0] for name, found in parser.values.items()}
    values.pop("csrfmiddlewaretoken", None)
    values["_save"] = "Save"
    return values


def _rows(model) -> list:
    return list(model.objects.order_by("pk").values_list())


def _send(client, url, model, field, value, pages):
    data = form_values(client, url) | {field: value}
    before = _rows(model)
    response = client.post(url, data)
    assert response.status_code < 500, (field, value)
    if response.status_code == 200:  # refused, with the form and its errors
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
        assert _rows(model) == before, (field, value)
    else:
        assert response.status_code == 302, (field, value)
    for page in pages:
        assert client.get(page).status_code < 500, (page, field, value)


ARTICLE_FIELDS = ["title", "slug", "dateline", "summary", "publish_at_0", "publish_at_1", "lead_image_alt", "status"]


@pytest.fixture
def draft(make_article):
    return make_article(status=Article.Status.DRAFT, title="Draft", slug="draft")


@EXAMPLES
@given(field=st.sampled_from(ARTICLE_FIELDS), value=extreme)
@example(field="publish_at_0", value="0001-01-01")
@example(field="publish_at_0", value="9999-12-31")
@example(field="title", value="x" * 70_000)
def test_article_form_answers_any_value(client, editor, draft, field, value):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    pages = [reverse("admin:index"), reverse("admin:articles_article_changelist"), "/", "/feeds/rss/"]
    _send(client, url, Article, field, value, pages)


ELECTION_FIELDS = [
    "date", "announced_at_0", "announced_at_1", "registered_voters", "ballots_cast", "valid_votes_reported",
    "polling_stations", "observers", "accredited_journalists", "term_years", "turnout_reported", "runoff_threshold",
    "name", "country", "authority_short_name", "results-0-votes", "results-0-percent", "results-0-position",
]  # fmt: skip


@EXAMPLES
@given(field=st.sampled_from(ELECTION_FIELDS), value=extreme)
@example(field="announced_at_0", value="0001-01-01")
@example(field="date", value="0001-01-01")
@example(field="polling_stations", value=str(2**63))
def test_election_form_answers_any_value(client, editor, make_election, field, value):  # noqa: F811
    election = Election.objects.first() or make_election()
    client.force_login(editor)
    url = reverse("admin:elections_election_change", args=[election.pk])
    pages = [reverse("admin:elections_election_changelist"), reverse("admin:index")]
    _send(client, url, Election, field, value, pages)


COMMENT_FIELDS = ["name", "email", "website", "body", "moderator_note", "status"]


@EXAMPLES
@given(field=st.sampled_from(COMMENT_FIELDS), value=extreme)
def test_reply_form_on_the_desk_answers_any_value(client, moderator, make_article, field, value):
    article = Article.objects.first() or make_article()
    reply = Comment.objects.first() or Comment.objects.create(
        article=article, name="Dana", email="dana@reader.test", body="Hello", fingerprint="dana"
    )
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[reply.pk])
    _send(client, url, Comment, field, value, [reverse("admin:comments_comment_changelist")])
