"""Any input to the reply form gives an answer a reader can act on, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.forms import sign_render_time
from comments.models import Comment
from newsroom.tests.readers import post_url

# What each refusal tells the reader; a 400 names the problem beside a field or above the form.
ANSWERS = {302: ("",), 400: ("error-summary",), 409: ("already posted",), 429: ("too quickly",)}

field_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(["", " ", "\x00", "a@b.c", "x" * 6000, "https://example.test/", "javascript:alert(1)", "\u202e"]),
)
form_values = st.fixed_dictionaries(
    {},
    optional={
        "name": field_text,
        "email": st.one_of(st.emails(), field_text),
        "website": field_text,
        "body": field_text,
        "parent": st.one_of(st.integers(-(2**63), 2**63).map(str), field_text),
        "rendered": field_text,
        "contact_me_by_fax": st.sampled_from(["", "1"]),
    },
)


@pytest.fixture
def no_rate_limit(settings):
    settings.NEWSROOM_REPLY_RATE_LIMIT = (100_000, 60)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=form_values, keep_token=st.booleans())
def test_any_reply_input_is_answered_with_an_error_or_accepted(client, demo, no_rate_limit, values, keep_token):
    data = {"name": "Aigerim", "email": "aigerim@reader.test", "body": "", "rendered": sign_render_time(demo.pk)}
    if not keep_token:
        data.pop("rendered")
    data.update(values)
    before = Comment.objects.count()
    response = client.post(post_url(demo), data)
    assert response.status_code in ANSWERS, response.status_code
    stored = Comment.objects.count() - before
    if response.status_code == 302:
        assert stored == 1
    else:
        assert stored == 0
        page = response.content.decode()
        assert any(marker in page for marker in ANSWERS[response.status_code])
