"""Queries per page, counted with Django's test client on the benchmark's database.

Run by bench/run.py in a process of its own, with the server's environment,
while no load is running. Prints one JSON object: scenario name -> queries.
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


def count(send) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = send()
    return len(queries), response.status_code


def main(paths: dict) -> dict:
    client = Client(HTTP_HOST="127.0.0.1")
    article, post = paths["article"], paths["post"]
    article_id = int(post.rstrip("/").rsplit("/", 1)[1])
    counted = {
        "trivial": count(lambda: client.get(paths["trivial"])),
        "static": count(lambda: client.get(paths["static"])),
        "home": count(lambda: client.get("/")),
        "article_uncached": count(lambda: client.get(f"{article}?b=queries")),
    }
    client.get(article)  # the first reader fills the cache, if there is one
    counted["article_cached"] = count(lambda: client.get(article))
    form = {
        "name": "Query Counter",
        "email": "queries@bench.test",
        "body": "A reply posted once to count the queries it takes.",
        "rendered": sign_render_time(article_id),
        "contact_me_by_fax": "",
        "website": "",
        "parent": "",
    }
    counted["post_reply"] = count(lambda: client.post(post, form))
    return {name: {"queries": n, "status": status} for name, (n, status) in counted.items()}


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
