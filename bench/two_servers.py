"""Two app servers behind one cache: the cached article's throughput does not fall when the second is added.

    .venv/bin/python bench/two_servers.py     (about a minute; prints a table, writes bench/results/two-servers.json)

A fresh demo database (the suite's PostgreSQL when DATABASE_URL names one,
else a SQLite file) and a private redis-server shared by the servers, as a
newsroom deploys them. First one gunicorn serves the election article to
BENCH_CONNECTIONS (16) connections; then two gunicorns, on two loopback ports,
share the same connections between them (half each, a load balancer's round
robin). Each server has BENCH_WORKERS (1) workers. On one machine the two
servers share its cores, so the second cannot add much: what this shows is
that sharing the page cache, the counters and the database costs nothing,
i.e. the second server's throughput adds to the first's instead of taking from
it. It passes when two servers answer at least 90% of what one does.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from newsroom.tests import servers  # noqa: E402 - after the project is on the path

ARTICLE = "/news/tokayev-elected-president/"
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
HOLDS_AT = 0.9


def load(base_url: str, connections: int) -> dict:
    host, port = base_url.removeprefix("http://").split(":")
    spec = {"host": host, "port": int(port), "connections": connections, "seconds": SECONDS, "warmup": WARMUP}
    spec |= {"method": "GET", "path": ARTICLE}
    output = subprocess.run(
        [sys.executable, "-m", "bench.load", json.dumps(spec)],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=SECONDS + WARMUP + 60,
        check=True,
    )
    return json.loads(output.stdout)


def warm(base_url: str) -> None:
    """A new worker's first requests load templates and open connections: not what is measured."""
    reader = servers.Reader(base_url)
    for _ in range(20):
        reader.get(ARTICLE)


def together(base_urls: list[str]) -> dict:
    """Load every server at once, the connections shared between them; the sums."""
    share = max(1, CONNECTIONS // len(base_urls))
    with ThreadPoolExecutor(len(base_urls)) as pool:
        results = list(pool.map(lambda url: load(url, share), base_urls))
    total = {key: sum(result[key] for result in results) for key in ("requests", "rps", "errors", "cache_hits")}
    return {**total, "servers": len(base_urls), "per_server_rps": [round(result["rps"]) for result in results]}


def main() -> None:
    if not servers.redis_available():
        sys.exit("bench/two_servers.py needs redis-server (Debian: apt-get install redis-server).")
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nr-two-")))
        url = stack.enter_context(servers.site_database(tmp))
        redis = stack.enter_context(servers.private_redis())
        env = servers.server_env(DATABASE_URL=url, REDIS_URL=f"redis://127.0.0.1:{redis.port}/0", WEB_ACCESS_LOG="")
        first = stack.enter_context(servers.gunicorn(env, workers=WORKERS, threads=4))
        warm(first)
        one = together([first])
        second = stack.enter_context(servers.gunicorn(env, workers=WORKERS, threads=4))
        warm(second)
        two = together([first, second])
    ratio = two["rps"] / one["rps"] if one["rps"] else 0.0
    report = {"article": ARTICLE, "connections": CONNECTIONS, "one": one, "two": two, "ratio": round(ratio, 2)}
    report["holds"] = ratio >= HOLDS_AT and not one["errors"] and not two["errors"]
    (BASE_DIR / "bench" / "results" / "two-servers.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'servers':>8} {'req/s':>8} {'per server':>16} {'cache hits':>11} {'errors':>7}")
    for row in (one, two):
        print(
            f"{row['servers']:>8} {row['rps']:>8.0f} {'/'.join(map(str, row['per_server_rps'])):>16} "
            f"{row['cache_hits']:>11} {row['errors']:>7}"
        )
    print(f"two servers / one: {ratio:.2f} ({'holds' if report['holds'] else 'FALLS'}: at least {HOLDS_AT})")
    sys.exit(0 if report["holds"] else 1)


if __name__ == "__main__":
    main()
