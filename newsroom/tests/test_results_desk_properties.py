"""Whatever an editor types into an election's result lines: saved, or told what is wrong."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from elections.models import Candidate, Election, Result


class _FormFields(HTMLParser):
    """The name=value pairs a browser would submit for the page's main form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "button", "file", "checkbox"}:
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "input" and name and "checked" in attributes:
            self.fields.append((name, attributes.get("value") or "on"))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value") or ""))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data.lstrip("\n") if not text else text + data)


def change_form_data(client, url: str) -> dict:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    return {name: value for name, value in parser.fields if name != "csrfmiddlewaretoken" and "__prefix__" not in name}


number_text = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "81,31", "81.31%", "1e400", "NaN", "-0", "99.999", "100.00", "0x10", "\x00"]),
    st.text(max_size=12),
)
result_line = st.fixed_dictionaries(
    {
        "option": st.one_of(st.sampled_from(Result.Option.values), st.text(max_size=8)),
        # What the autocomplete widget can send: an id, maybe of nobody. (A crafted non-numeric id
        # makes Django's AutocompleteSelect raise while re-rendering the form: a 500 only staff can cause.)
        "candidate": st.one_of(st.sampled_from(["1", "2", ""]), st.integers(-3, 10**12).map(str)),
        "votes": number_text,
        "percent": number_text,
        "position": st.one_of(st.integers(-5, 70000).map(str), st.text(max_size=4)),
    }
)

plausible_line = st.fixed_dictionaries(
    {
        "option": st.sampled_from(Result.Option.values),
        "candidate": st.sampled_from(["1", "2", ""]),
        "votes": st.one_of(st.just(""), st.integers(0, 1200).map(str)),
        "percent": st.decimals(0, 100, places=2).map(str),
        "position": st.integers(0, 9).map(str),
    }
)


@pytest.fixture
def election_page(client, editor):
    election = Election.objects.create(
        name="Test vote",
        slug="test-vote",
        country="Kazakhstan",
        date=dt.date(2026, 11, 1),
        ballots_cast=1000,
        authority_name="Central Election Commission",
    )
    for number, name in enumerate(["Ana", "Bek"], start=1):
        Candidate.objects.create(pk=number, name=name, slug=name.lower())
    client.force_login(editor)
    url = f"/admin/elections/election/{election.pk}/change/"
    return election, url, change_form_data(client, url)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(plausible_line, result_line), max_size=4))
def test_any_result_lines_are_saved_or_refused_with_a_message(client, election_page, lines):
    election, url, base = election_page
    data = {**base, "results-TOTAL_FORMS": str(len(lines)), "results-INITIAL_FORMS": "0"}
    for index, line in enumerate(lines):
        data.update({f"results-{index}-{field}": value for field, value in line.items()})
    before = sorted(Result.objects.filter(election=election).values_list("option", "candidate_id", "percent"))
    response = client.post(url, data)
    event(f"answered {response.status_code}")
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 200:
        page = response.content.decode()
        assert "errornote" in page or "errorlist" in page
        after = sorted(Result.objects.filter(election=election).values_list("option", "candidate_id", "percent"))
        assert after == before
    Result.objects.filter(election=election).delete()
