"""Two app servers on one PostgreSQL and one Redis agree at once: pages, rate limits, lockouts, sessions.

Each server is a gunicorn of its own on its own loopback port, as two
machines behind a load balancer would be. Bounded: a handful of requests.
"""

import contextlib
import os
import socket
from pathlib import Path

import pytest

from newsroom.tests import servers
from newsroom.tests.servers import Reader

ARTICLE = "/news/tokayev-elected-president/"
EDITOR, PASSWORD = "erin", "correct horse battery staple 42"
RATE_LIMIT = 3


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Servers A and B (base URLs), and the database they share."""
    servers.need(servers.redis_available(), "redis-server")
    servers.need(servers.postgres_available(), f"PostgreSQL's server binaries ({servers.PG_BIN}/initdb, runuser)")
    tmp = tmp_path_factory.mktemp("many")
    with contextlib.ExitStack() as stack:
        postgres = stack.enter_context(servers.private_postgres())
        url = stack.enter_context(servers.site_database(tmp, server_url=postgres.url))
        redis = stack.enter_context(servers.private_redis())
        env = servers.server_env(
            DATABASE_URL=url,
            REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
            NEWSROOM_REPLY_RATE_LIMIT=str(RATE_LIMIT),
            NEWSROOM_REPLY_RATE_WINDOW="300",
            XDG_RUNTIME_DIR=str(tmp),
        )
        admin = {"DJANGO_SUPERUSER_USERNAME": EDITOR, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
        servers.manage(
            {**env, **admin, "DJANGO_SUPERUSER_EMAIL": "erin@newsroom.test"}, "createsuperuser", "--noinput"
        )
        a = stack.enter_context(servers.gunicorn(env, workers=1, threads=4))
        b = stack.enter_context(servers.gunicorn(env, workers=1, threads=4))
        yield {"a": a, "b": b, "database": url}


def log_in(base_url: str, address: str = "127.0.0.1", password: str = PASSWORD) -> tuple[Reader, int]:
    editor = Reader(base_url, address=address)
    editor.get("/admin/login/")  # the CSRF cookie
    answer = editor.post("/admin/login/", {"username": EDITOR, "password": password, "next": "/admin/"})
    return editor, answer.status


def on(base_url: str, reader: Reader) -> Reader:
    """The same browser (its cookies, its address) talking to another server."""
    other = Reader(base_url, address=reader.address)
    other.cookies = reader.cookies
    return other


def test_a_page_taken_down_through_one_server_is_gone_from_the_other_at_once(cluster):
    [(article_id, slug)] = servers.query(
        cluster["database"],
        "SELECT id, slug FROM articles_article WHERE status = 'published' AND slug <> ? ORDER BY id LIMIT 1",
        (ARTICLE.split("/")[2],),
    )
    page = f"/news/{slug}/"
    reader = Reader(cluster["b"])
    assert [reader.get(page).headers["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    editor, status = log_in(cluster["a"])
    assert status == 302
    action = {"action": "unpublish", "_selected_action": str(article_id), "index": "0"}
    assert editor.post("/admin/articles/article/", action).status == 302
    query = "SELECT status FROM articles_article WHERE id = ?"
    assert servers.query(cluster["database"], query, (article_id,)) == [("draft",)]
    assert reader.get(page).status == 404
    assert Reader(cluster["a"]).get(page).status == 404


def test_a_session_made_on_one_server_is_valid_on_the_other(cluster):
    editor, status = log_in(cluster["a"], address="127.0.0.4")
    assert status == 302
    desk = on(cluster["b"], editor).get("/admin/")
    assert desk.status == 200
    assert "private" in desk.headers["Cache-Control"]
    assert Reader(cluster["b"], address="127.0.0.4").get("/admin/").status == 302  # without the cookie: log in


def test_the_reply_rate_limit_counts_across_servers(cluster):
    answers = []
    for number in range(RATE_LIMIT + 2):
        server = cluster["a"] if number % 2 else cluster["b"]
        reader = Reader(server, address="127.0.0.5")
        action, hidden = reader.open_reply_form(ARTICLE)
        data = {**hidden, "name": "F", "email": f"f{number}@reader.test", "body": f"Reply number {number}"}
        answers.append(reader.post(action, data).status)
    assert answers == [302] * RATE_LIMIT + [429, 429]


def test_a_lockout_counts_failures_on_both_servers(cluster):
    for _ in range(4):  # one short of the limit (5), all on A
        _, status = log_in(cluster["a"], address="127.0.0.6", password="wrong")
        assert status == 200  # the form again, with its error
    _, status = log_in(cluster["b"], address="127.0.0.6", password="wrong")
    assert status == 429  # B's first failure is the fifth
    _, status = log_in(cluster["a"], address="127.0.0.6")
    assert status == 429  # locked out everywhere, even with the right password
    assert log_in(cluster["b"], address="127.0.0.7")[1] == 302  # only that address


# --- gunicorn's control socket: one per instance --------------------------------------------


def test_two_instances_on_one_host_keep_their_own_control_sockets(tmp_path):
    env = servers.server_env(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}", XDG_RUNTIME_DIR=str(tmp_path))
    with servers.gunicorn(env, workers=1, threads=1) as a:
        with servers.gunicorn(env, workers=1, threads=1) as b:
            # The master makes its socket once its workers run, which a busy machine may let lag the first answer.
            servers.wait_until(lambda: len(list(tmp_path.glob("*.ctl"))) >= 2, timeout=20, what="control sockets")
            sockets = {path.name for path in tmp_path.glob("*.ctl")}
            assert sockets == {f"newsroom-http-127.0.0.1-{_port(a)}.ctl", f"newsroom-http-127.0.0.1-{_port(b)}.ctl"}
        # B stopped: A's socket is still there, and still answers.
        assert _answers(tmp_path / f"newsroom-http-127.0.0.1-{_port(a)}.ctl")
        assert not (tmp_path / f"newsroom-http-127.0.0.1-{_port(b)}.ctl").exists()


def test_the_control_socket_can_be_turned_off(tmp_path):
    env = servers.server_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}", XDG_RUNTIME_DIR=str(tmp_path), WEB_CONTROL_SOCKET="off"
    )
    with servers.gunicorn(env, workers=1, threads=1):
        assert list(tmp_path.glob("*.ctl")) == []


def _port(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1])


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(5)
        sock.connect(os.fspath(path))
        return True
