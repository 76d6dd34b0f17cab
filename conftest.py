"""Fixtures shared by every app's tests: the people and the demo's pieces."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command

from articles.models import Article, Section


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed manifest exists only after collectstatic; tests need no hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _jobs_run_in_process(settings):
    # Even with REDIS_URL set, a test sees its jobs' effects at once; jobs/tests/test_worker.py runs a real worker.
    settings.CELERY_BROKER_URL = None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every test that makes a user would otherwise spend its time in the real hasher, slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached pages and group versions never leak from one test into the next. A test that
    # changes something and then reads a page it had cached runs the change's on-commit
    # callbacks with django_capture_on_commit_callbacks(execute=True), as a commit would.
    cache.clear()
    yield
    cache.clear()


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
