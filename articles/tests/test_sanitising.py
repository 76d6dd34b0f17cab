"""Whatever an editor pastes, nothing in the body can run script on readers."""

from articles.tests.conftest import article_form, change_url

PASTED = (
    "<p>Results are in.</p><script>alert('body')</script>"
    '<p><img src="x" alt="" onerror="alert(1)"><a href="javascript:alert(2)">click</a></p>'
    '<p style="color:red" onclick="alert(3)">styled</p><iframe src="https://evil.test"></iframe>'
)


def test_pasted_script_never_reaches_a_reader(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    assert client.post(change_url(article), article_form(article, body=PASTED)).status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Results are in." in page
    for fragment in ("alert(", "onerror", "javascript:", "onclick", "<iframe", 'style="color'):
        assert fragment not in page, fragment
    article.refresh_from_db()
    assert "<script" not in article.body
