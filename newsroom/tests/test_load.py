"""Election night on loopback: many readers at once, replays and a flood.

Real gunicorn workers against a database of the suite's engine (SQLite in WAL
mode with immediate transactions, or PostgreSQL). Bounded: 500 replies.
"""

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsroom.tests import servers
from newsroom.tests.servers import Reader

pytestmark = pytest.mark.server

ARTICLE = "/news/tokayev-elected-president/"
CLIENTS, REPLIES_PER_CLIENT = 20, 25
# Why each refusal was given, as the reader sees it.
REASONS = {400: "error-summary", 409: "already posted", 429: "posting too quickly"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with servers.site_database(tmp_path_factory.mktemp("load")) as url:
        yield url


def stored(url: str, marker: str) -> Counter:
    rows = servers.query(url, "SELECT body FROM comments_comment WHERE body LIKE ?", (f"%{marker}%",))
    return Counter(body for (body,) in rows)


def one_reader(base_url: str, run: str, number: int) -> list[tuple[str, int, str]]:
    """Post a reader's share of replies: mostly good, some empty, some sent twice."""
    reader = Reader(base_url)
    action, hidden = reader.open_reply_form(ARTICLE)
    outcomes = []
    for index in range(REPLIES_PER_CLIENT):
        body = f"{run} reader {number} reply {index}"
        if index % 10 == 9:
            body = " "  # refused: an empty reply
        if index % 12 == 11:
            body = f"{run} reader {number} reply {index - 1}"  # the same reply again
        data = {**hidden, "name": f"Reader {number}", "email": f"r{number}@reader.test", "body": body}
        answer = reader.post(action, data)
        outcomes.append((body, answer.status, answer.body))
    return outcomes


def test_500_concurrent_replies_are_stored_once_or_refused_with_a_reason(site, tmp_path):
    run = f"load-{uuid.uuid4().hex[:8]}"
    env = servers.server_env(DATABASE_URL=site)
    with servers.gunicorn(env, workers=2, threads=4) as base_url, ThreadPoolExecutor(CLIENTS) as pool:
        results = [o for chunk in pool.map(lambda n: one_reader(base_url, run, n), range(CLIENTS)) for o in chunk]
    statuses = Counter(status for _, status, _ in results)
    # Per reader: 21 good replies, 2 empty ones, 2 sent again.
    assert statuses == {302: CLIENTS * 21, 400: CLIENTS * 2, 409: CLIENTS * 2}
    for _, status, page in results:
        if status != 302:
            assert REASONS[status] in page
    accepted = Counter(body for body, status, _ in results if status == 302)
    assert stored(site, run) == accepted
    assert set(accepted.values()) == {1}


def test_same_reply_sent_at_once_from_many_tabs_is_stored_once(site):
    run = f"twice-{uuid.uuid4().hex[:8]}"
    with servers.gunicorn(servers.server_env(DATABASE_URL=site), workers=2, threads=4) as base_url:
        reader = Reader(base_url)
        action, hidden = reader.open_reply_form(ARTICLE)
        data = {**hidden, "name": "Double", "email": "double@reader.test", "body": f"{run} clicked twice"}
        start = threading.Barrier(8)

        def click(_):
            start.wait()
            return reader.post(action, data)

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(click, range(8)))
    assert sorted(answer.status for answer in answers) == [302] + [409] * 7
    assert stored(site, run) == {f"{run} clicked twice": 1}


def test_flood_from_one_address_is_held_back_across_workers(site, tmp_path):
    servers.need(servers.redis_available(), "redis-server")
    run = f"flood-{uuid.uuid4().hex[:8]}"
    with servers.private_redis() as redis:
        env = servers.server_env(
            DATABASE_URL=site,
            REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
            NEWSROOM_REPLY_RATE_LIMIT="5",
            NEWSROOM_REPLY_RATE_WINDOW="300",
        )
        log = tmp_path / "access.log"
        # One thread per worker: concurrent posts must land on both processes.
        with servers.gunicorn(env, workers=2, threads=1, log=log) as base_url:
            flooder = Reader(base_url, address="127.0.0.2")
            action, hidden = flooder.open_reply_form(ARTICLE)

            def post(number):
                body = f"{run} flood {number}"
                return flooder.post(action, {**hidden, "name": "F", "email": f"f{number}@reader.test", "body": body})

            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(post, range(16)))
            honest = Reader(base_url, address="127.0.0.3")
            action, hidden = honest.open_reply_form(ARTICLE)
            data = {**hidden, "name": "Honest", "email": "honest@reader.test", "body": f"{run} honest reader"}
            honest_answer = honest.post(action, data)
    statuses = Counter(answer.status for answer in answers)
    assert statuses == {302: 5, 429: 11}
    assert all("posting too quickly" in answer.body for answer in answers if answer.status == 429)
    assert honest_answer.status == 302
    assert len(servers.serving_workers(log, "POST")) == 2, "the flood did not reach both workers"
    assert sum(stored(site, run).values()) == 6
