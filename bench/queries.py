"""Queries per scenario, counted with Django's test client on the benchmark's database.

Run by bench/run.py in a process of its own, with the server's environment,
while no load is running. Reads the scenarios (JSON) from its argument and
prints one JSON object: scenario name -> {"queries": n, "status": code}.
A page is counted on a cache miss, except the cached scenario, counted on a hit.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from comments.forms import sign_render_time  # noqa: E402


def count(send) -> dict:
    with CaptureQueriesContext(connection) as queries:
        response = send()
    return {"queries": len(queries), "status": response.status_code}


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
            counted[scenario["name"]] = count(lambda path=path, headers=headers: client.get(path, headers=headers))
    return counted


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
