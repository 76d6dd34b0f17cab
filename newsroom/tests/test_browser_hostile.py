"""Hostile text in a real Chromium: nothing runs, even with the CSP taken away."""

from urllib.parse import quote

import pytest

from comments.models import Comment
from newsroom.tests.payloads import XSS_PAYLOADS

pytestmark = pytest.mark.browser


def strip_csp(route):
    # Prove the escaping on its own: the page arrives without its policy.
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


@pytest.fixture
def hostile_article(transactional_db, make_article):
    article = make_article(title=XSS_PAYLOADS[2], summary=XSS_PAYLOADS[0], body="".join(XSS_PAYLOADS))
    for number, payload in enumerate(XSS_PAYLOADS):
        Comment.objects.create(
            article=article,
            name=payload[:100],
            email=f"hostile{number}@reader.test",
            website="https://example.test/?q=" + quote(payload),
            body=payload,
            status=Comment.Status.APPROVED,
            fingerprint=str(number),
        )
    return article


@pytest.mark.parametrize("with_csp", [True, False], ids=["with-csp", "without-csp"])
def test_hostile_pages_run_no_script(hostile_article, browser_page, with_csp):
    page = browser_page
    if not with_csp:
        page.route("**/*", strip_csp)
    urls = ["/", hostile_article.get_absolute_url(), *(f"/search/?q={quote(p)}" for p in XSS_PAYLOADS[:6])]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
        assert page.evaluate("parent.__xss") is None, url
    page.goto(hostile_article.get_absolute_url())
    page.hover(".reply-author a >> nth=0")
    assert page.watch.dialogs == []
    assert page.watch.errors == []
    assert page.locator(".reply-body").count() == len(XSS_PAYLOADS)
