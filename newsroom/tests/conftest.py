"""Fixtures for the cross-cutting trust tests: a real Chromium, and readers.

The browser fixtures are meant to be shared (accessibility tests can use
`browser` and `browser_page` too). Chromium comes from the system (Debian's
`chromium` package); nothing is downloaded at test time.
"""

import contextlib
import os
import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError

from newsroom.tests.servers import in_ci

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STAFF_PASSWORD = "correct horse battery"  # the root conftest's staff password


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium():
    """The system's Chromium driven by Playwright; a skip locally, a failure in CI, when missing."""
    path = find_chromium()
    if not path:
        message = "No Chromium on PATH: install Debian's `chromium` package to run the browser tests."
        if in_ci():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls
    # the tests make between browser steps are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser():
    yield from launch_chromium()


class PageWatch:
    """What a page did that it should not: dialogs, script errors, CSP reports."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._on_console)

    def _on_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def new_browser_page(browser, live_server):
    """Open a fresh browser session (its own cookies) on the live server."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.watch = PageWatch(page)
        return page

    yield open_page
    for context in contexts:
        # Let requests a page's scripts started (its own replies, say) finish before the test's
        # database is emptied: the live server would still be reading it.
        for page in context.pages:
            with contextlib.suppress(PlaywrightError):
                page.wait_for_load_state("networkidle", timeout=5_000)
        context.close()


@pytest.fixture
def browser_page(new_browser_page):
    return new_browser_page()


def admin_login(page, username: str, password: str = STAFF_PASSWORD) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
