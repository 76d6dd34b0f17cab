"""Every public page, in a real Chromium, checked with axe-core against WCAG 2.2 AA.

axe-core comes from the npm registry, pinned in package-lock.json (`npm ci`).
Without node_modules/axe-core the test is skipped locally and fails under CI=true.
Besides axe, the browser checks what axe cannot: a visible focus ring on what the
keyboard reaches, no sideways scrolling on a phone, headings that do not skip levels.
"""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article, Section
from comments.models import Comment
from comments.tokens import unsubscribe_token
from newsroom.tests.servers import BASE_DIR, need

pytestmark = pytest.mark.browser

AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The phone runs in dark mode and in Kazakh, so that both colour schemes are held to the
# contrast rules and a translation's longer words to the no-sideways-scrolling rule.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "color_scheme": "dark",
        "locale": "kk-KZ",
        "is_mobile": True,
        "has_touch": True,
    },
}

RUN_AXE = """async ([tags, exclude]) => {
    const context = exclude.length ? {exclude: exclude.map((selector) => [selector])} : document;
    const result = await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + "  " + n.failureSummary.split("\\n")[1]),
    }));
}"""

HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter((h) => !h.closest("[hidden], [aria-hidden=true]"))
    .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        what: el.outerHTML.slice(0, 80), outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
        shadow: style.boxShadow, onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth,
    };
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    need(AXE.exists(), f"axe-core ({AXE.relative_to(BASE_DIR)}): run `npm ci` in the project folder")
    return AXE.read_text()


@pytest.fixture
def site(transactional_db, demo):
    """The demo, with enough news for a second page and replies of every kind."""
    extra = Section.objects.create(name="Business", slug="business", position=3)
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Market note number {number}",
            slug=f"market-note-{number}",
            summary="Prices and trade in brief.",
            body="<p>Prices held steady.</p>",
            section=extra,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=30, minutes=number),
        )
        for number in range(24)
    )
    first = Comment.objects.approved().filter(article=demo).order_by("pk").first()
    nested = Comment.objects.create(
        article=demo,
        parent=first,
        name="Dana",
        email="dana@reader.test",
        body="An answer in the thread.",
        status=Comment.Status.APPROVED,
        fingerprint="a11y-nested",
        is_staff_reply=True,
        is_featured=True,
        website="https://dana.example/",
    )
    Comment.objects.create(
        article=demo,
        name="Pending",
        email="pending@reader.test",
        body="Held for review.",
        status=Comment.Status.PENDING,
        fingerprint="a11y-pending",
    )
    return {"article": demo, "reply": nested}


class Audit:
    """What went wrong on which page, all gathered first so one run shows every problem."""

    def __init__(self, page, axe_source: str, viewport: str):
        self.page, self.axe_source, self.viewport = page, axe_source, viewport
        self.problems: list[str] = []
        self.pages: list[str] = []

    def check(self, name: str, exclude: tuple[str, ...] = ()) -> None:
        page = self.page
        page.wait_for_load_state("load")
        self.pages.append(name)
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        for violation in page.evaluate(RUN_AXE, [AXE_TAGS, list(exclude)]):
            targets = "\n      ".join(violation["targets"])
            self.problems.append(
                f"{name}: axe {violation['id']} ({violation['impact']}): {violation['help']}\n      {targets}"
            )
        self._headings(name)
        self._scrolling(name)
        self._focus(name)

    def _headings(self, name: str) -> None:
        levels = self.page.evaluate(HEADINGS)
        ones = [text for level, text in levels if level == 1]
        if len(ones) != 1:
            self.problems.append(f"{name}: {len(ones)} h1 headings, not one: {ones}")
        previous = 1
        for level, text in levels:
            if level > previous + 1:
                self.problems.append(f"{name}: heading h{level} {text!r} comes after h{previous}")
            previous = level

    def _scrolling(self, name: str) -> None:
        # A phone browser zooms out to fit a page that is too wide, which widens innerWidth: compare with the screen.
        screen = VIEWPORTS[self.viewport]["viewport"]["width"]
        width, inner = self.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if max(width, inner) > screen:
            self.problems.append(f"{name}: scrolls sideways at {self.viewport} ({max(width, inner)}px of {screen}px)")

    def _focus(self, name: str) -> None:
        page = self.page
        page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
        for step in range(3):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:  # past the last link of a short page (the embed)
                if step == 0:
                    self.problems.append(f"{name}: Tab reached nothing")
                return
            self._ring(name, focused)
        # And the first field and the button of the page's own form, if it has one.
        for field in ("main form :is(input:not([type=hidden]), textarea, select)", "main form [type=submit]"):
            found = page.locator(field).filter(visible=True)
            if found.count():
                found.first.focus()
                self._ring(name, page.evaluate(FOCUSED))

    def _ring(self, name: str, focused: dict) -> None:
        ring = focused["outline"] != "none" and focused["width"] > 0 or focused["shadow"] != "none"
        if not ring or not focused["onScreen"]:
            self.problems.append(f"{name}: no visible focus on {focused}")

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} accessibility problems ({self.viewport}):\n" + "\n".join(
            self.problems
        )


def serve(html: str):
    """A Playwright route handler answering with this page."""
    return lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_public_page_passes_axe(axe_source, browser, site, live_server, viewport):
    article, reply = site["article"], site["reply"]
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    audit = Audit(page, axe_source, viewport)
    try:
        # Each page, and something on it that shows it is the page meant (a second page, a form, a thread).
        visits = [
            ("home", "/", ".lead-story"),
            ("home page 2", "/?page=2", "a[rel=prev]"),
            ("article", article.get_absolute_url(), f"#reply-{reply.pk} .badge-featured"),
            (
                "article replying to a reply",
                f"{article.get_absolute_url()}?replyto={reply.pk}",
                "#replying-to:visible",
            ),
            ("section", article.section.get_absolute_url(), ".card"),
            ("section page 2", "/section/business/?page=2", "a[rel=prev]"),
            ("author", article.authors.first().get_absolute_url(), ".card"),
            ("tag", article.tags.first().get_absolute_url(), ".card"),
            ("search with results", "/search/?q=tokayev", ".result-count"),
            ("search without results", "/search/?q=zzxxqqnothing", "main p"),
            ("search form", "/search/", "main p"),
            ("election", "/elections/kazakhstan-presidential-election-2022/", ".results-chart svg"),
            ("election embed", "/elections/kazakhstan-presidential-election-2022/embed/", ".results-table"),
            ("election by region", "/elections/demo-party-list-election-by-region/", ".tile-map svg a"),
            ("map by turnout", "/elections/demo-party-list-election-by-region/?map=turnout", ".tile-t4"),
            ("region", "/elections/demo-party-list-election-by-region/astana/", ".results-table"),
            ("report a reply", f"/comments/report/{reply.pk}/", "#id_reason"),
            ("stop reply emails", f"/comments/unsubscribe/{unsubscribe_token(reply.pk)}/", "main form"),
            ("notice", "/comments/confirm/damaged/", "main .message"),
            ("page not found", "/no-such-page/", "main h1"),
        ]
        language = VIEWPORTS[viewport].get("locale", "en")[:2]
        for name, url, shown in visits:
            page.goto(url)
            page.wait_for_selector(shown, state="attached")
            assert page.evaluate("document.documentElement.lang") == language, name
            audit.check(name)
        # The error pages are served by the handlers of a failing site; here the browser gets them as rendered.
        for template in ("500.html", "503.html"):
            page.route(f"**/{template}", serve(render_to_string(template)))
            page.goto(f"/{template}")
            audit.check(template)

        page.goto(f"/comments/report/{reply.pk}/")
        page.evaluate("document.getElementById('id_detail').removeAttribute('maxlength')")
        page.fill("#id_detail", "x" * 501)
        page.press("main form [type=submit]", "Enter")
        page.wait_for_selector(".error-summary")
        audit.check("report with errors")

        page.goto(article.get_absolute_url())
        page.press("#reply-form [type=submit]", "Enter")
        page.wait_for_selector("#reply-form [aria-invalid=true]")
        audit.check("reply form with errors")

        page.fill("#id_name", "Aigerim")
        page.fill("#id_email", "aigerim@reader.test")
        page.fill("#id_body", f"A reply from the {viewport} accessibility check.")
        page.press("#reply-form [type=submit]", "Enter")
        page.wait_for_selector("#own-replies .own-replies")
        audit.check("article with the reader's own replies")

        own = Comment.objects.get(email="aigerim@reader.test", body__contains=viewport)
        page.goto(f"/comments/mine/{article.pk}/")
        audit.check("the reader's own replies")
        page.goto(f"/comments/edit/{own.pk}/")
        audit.check("edit a reply")
        page.fill("#id_body", "")
        page.press("main form [type=submit]", "Enter")
        page.wait_for_selector("[aria-invalid=true]")
        audit.check("edit a reply with errors")
        page.goto(f"/comments/delete/{own.pk}/")
        audit.check("delete a reply")
        Comment.objects.filter(pk=own.pk).update(created_at=timezone.now() - timedelta(days=1))
        page.goto(f"/comments/edit/{own.pk}/")
        page.wait_for_selector("main .message-error")
        audit.check("a reply that can no longer change")
    finally:
        context.close()
    assert not errors, errors
    assert len(audit.pages) == 30
    audit.assert_clean()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_desk_pages_pass_axe(axe_source, browser, site, live_server, moderator, editor, viewport):
    """The admin pages the desk works in most: the moderator's queue and the article's change page."""
    from newsroom.tests.conftest import admin_login

    article = site["article"]
    pending = Comment.objects.pending().first()
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    audit = Audit(page, axe_source, viewport)
    try:
        admin_login(page, moderator.username)
        audit.check("desk home (moderator)")
        for name, url, shown in [
            ("the replies queue", "/admin/comments/comment/", "#result_list .desk-actions"),
            ("all replies", "/admin/comments/comment/?queue=all", "#result_list"),
            ("a held reply", f"/admin/comments/comment/{pending.pk}/change/", ".moderation-row"),
            ("the moderation log", "/admin/comments/moderationaction/", "#content"),
            (
                "an article, read only",
                f"/admin/articles/article/{article.pk}/change/",
                ".field-body_as_readers_see_it p",
            ),
        ]:
            page.goto(url)
            page.wait_for_selector(shown, state="attached")
            audit.check(name)
        page.goto("/admin/comments/comment/")
        page.locator("#result_list summary").first.click()
        audit.check("the queue with a reply box open")
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        context.clear_cookies()
        admin_login(page, editor.username)
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        page.wait_for_selector(".tiptap.ProseMirror[aria-label]")
        # Left out: the markup of Django's own select2 autocomplete (a list holding spans, an unlabelled
        # search box) and the empty corner header of its tabular inlines; both are upstream's.
        audit.check("an article's change page (editor)", exclude=(".select2-container", "th.original"))
    finally:
        context.close()
    assert not errors, errors
    audit.assert_clean()
