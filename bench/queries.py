"""Queries per scenario, and what a page costs rebuilt from nothing, on the benchmark's database.

Run by bench/run.py in a process of its own, with the server's environment,
while no load is running. Reads the scenarios (JSON) from its argument and
prints one JSON object: scenario name -> {"queries": n, "status": code,
"rebuilt_ms": median ms}. A page is counted on a cache miss with nothing kept
(the page cache's and the kept parts' store empty), except the cached
scenario, counted on a hit. rebuilt_ms is the median time of building the page
in this process with everything kept emptied first: what the first reader
after a change of everything pays, beside the load test's figures, which
keep the parts (pagecache/fragments.py) as a server does.
"""

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from comments.forms import sign_render_time  # noqa: E402
from pagecache import schedule  # noqa: E402

REBUILDS = 15


def empty_cache() -> None:
    """Nothing kept, as after a change to everything; but the next scheduled change known, as on any running
    site (every article save notes it, pagecache/schedule.py): one query a site asks once, not a page's."""
    cache.clear()
    schedule.remember_next_change()


def count(send) -> dict:
    with CaptureQueriesContext(connection) as queries:
        response = send()
    return {"queries": len(queries), "status": response.status_code}


def rebuilt_ms(send) -> float:
    """Median time of `send()` with nothing kept."""
    times = []
    for _ in range(REBUILDS):
        empty_cache()
        started = time.perf_counter()
        send()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def reply_form(path: str) -> dict:
    article_id = int(path.rstrip("/").rsplit("/", 1)[1])
    return {
        "name": "Query Counter",
        "email": "queries@bench.test",
        "body": "A reply posted once to count the queries it takes.",
        "rendered": sign_render_time(article_id),
        "contact_me_by_fax": "",
        "website": "",
        "parent": "",
    }


def main(scenarios: list[dict]) -> dict:
    client = Client(HTTP_HOST="127.0.0.1")
    counted = {}
    for scenario in scenarios:
        path = scenario["path"].replace("{n}", "queries")
        headers = scenario.get("headers", {}) if scenario["method"] == "GET" else {}
        if scenario["method"] == "POST":
            counted[scenario["name"]] = count(lambda path=path: client.post(path, reply_form(path)))
        elif scenario["name"].endswith("_cached"):
            client.get(path)  # the first reader fills the cache
            counted[scenario["name"]] = count(lambda path=path: client.get(path))
        else:
            send = lambda path=path, headers=headers: client.get(path, headers=headers)  # noqa: E731
            empty_cache()
            counted[scenario["name"]] = count(send) | {"rebuilt_ms": rebuilt_ms(send)}
    return counted


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
