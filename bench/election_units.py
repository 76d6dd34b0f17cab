"""The election page with results by region: a scenario for bench/run.py and its query count.

The demo (load_demo, which bench/seed.py runs) has a party-list election
reported by Kazakhstan's 21 units, with seats; its page must stay within the
page budget, flat in units (elections/tests/test_units.py proves the
flatness at two sizes). To hook it in, bench/run.py appends `scenario()` to
its scenarios and bench/queries.py adds `count(client)` under NAME; BUDGET is
the target the report checks.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

NAME = "election_units"
PATH = "/elections/demo-party-list-election-by-region/"
UNITS = 21
BUDGET = 8  # queries on a cache miss


def scenario() -> dict:
    """An uncached request each time: a query string no one else asked for."""
    return {
        "name": NAME,
        "label": f"election page, {UNITS} units and seats, uncached (?b=unique)",
        "method": "GET",
        "path": PATH + "?b={n}",
    }


def count(client) -> dict:
    """Queries of one cache miss of the page, and its status."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PATH + "?b=queries")
    return {"queries": len(queries), "status": response.status_code, "within_budget": len(queries) <= BUDGET}
