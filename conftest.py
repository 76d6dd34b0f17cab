"""Fixtures shared by every app's tests: the people and the demo's pieces."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from articles.models import Article, Section


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed manifest exists only after collectstatic; tests need no hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every test that makes a user would otherwise spend its time in the real hasher, slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _only_test_transactions(connection) -> bool:
    return connection.in_atomic_block and all(block._from_testcase for block in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def _page_cache_sees_commits(monkeypatch):
    """Empty cached pages when the code under test commits, as in production.

    A test with `db` runs inside a transaction that never commits, so the page
    cache's on-commit callbacks (newsroom/pagecache.py) would never run and a
    page cached early in a test would stay stale. Here, the test's own
    transaction stands in for autocommit: those callbacks run when the code's
    outermost transaction block commits (or at once outside one), and are
    dropped with a block that rolls back, as Django drops them. Other
    on-commit callbacks (emails) are left as they are.
    """
    on_commit, atomic_exit = transaction.on_commit, transaction.Atomic.__exit__

    def page_cache_on_commit(func, using=None, robust=False):
        if getattr(func, "page_cache", False) and _only_test_transactions(transaction.get_connection(using)):
            return func()
        return on_commit(func, using=using, robust=robust)

    def exit_and_run_page_cache_callbacks(self, exc_type, exc_value, traceback):
        result = atomic_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if _only_test_transactions(connection):
            ours = [entry for entry in connection.run_on_commit if getattr(entry[1], "page_cache", False)]
            connection.run_on_commit = [entry for entry in connection.run_on_commit if entry not in ours]
            for _sids, func, _robust in ours:
                func()
        return result

    monkeypatch.setattr(transaction, "on_commit", page_cache_on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_run_page_cache_callbacks)


def _staff(username: str, group: str) -> User:
    user = User.objects.create_user(username, f"{username}@newsroom.test", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _staff("erin", "Editors")


@pytest.fixture
def moderator(db):
    return _staff("mona", "Moderators")


@pytest.fixture
def outsider(db):
    return User.objects.create_user("oscar", "oscar@elsewhere.test", "correct horse battery")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.get(slug="tokayev-elected-president")


@pytest.fixture
def section(db):
    return Section.objects.create(name="News", slug="news")


@pytest.fixture
def make_article(section):
    def make(**fields):
        defaults = {
            "title": "A story",
            "body": "<p>Words.</p>",
            "section": section,
            "status": Article.Status.PUBLISHED,
        }
        defaults.update(fields)
        return Article.objects.create(**defaults)

    return make


# `make test-fast` leaves these out: a real browser, real servers, a big archive.
SLOW_FIXTURES = {"browser", "live_server"}


def pytest_collection_modifyitems(items):
    for item in items:
        if (
            SLOW_FIXTURES & set(item.fixturenames)
            or item.get_closest_marker("browser")
            or item.get_closest_marker("server")
        ):
            item.add_marker(pytest.mark.slow)
