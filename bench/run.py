"""`make bench`: Newsroom under load on loopback, at two sizes of archive, in one bounded run.

For each size in BENCH_SIZES (default 100 and 100,000 articles), side by side:

1. A fresh database: `newsroom_bench_<size>` on the PostgreSQL server of DATABASE_URL
   (or on 127.0.0.1:5432 when it is not set) if one answers, else a temporary
   SQLite file; migrated, then seeded by bench/seed.py (the demo, the
   articles, reply threads of 10, 200 and 1,000).
2. gunicorn with gunicorn.conf.py, exactly as `make serve` starts it (DEBUG
   off, collected static files), on a loopback socket handed to it.
3. Queries per scenario counted apart (bench/queries.py).

Then each scenario of bench/scenarios.py under load (bench/measure.py), in
BENCH_ROUNDS rounds (5) with the archives taking turns (small, large, small,
large...), the best round's rate and the median round's p99 kept, so that both sizes of a page are
measured seconds apart, on the same machine load; each worker's peak memory
(VmHWM) sampled meanwhile.

Then a table on the terminal and in bench/results/ (<time>.md and .json, and
latest.md / latest.json): each scenario relative to the trivial view and the
static file of its own run, how it grew from the small archive to the large
one, and the targets of issue 15. The server helpers are the tests' own
(newsroom/tests/servers.py).
"""

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import measure, report  # noqa: E402
from bench.scenarios import scenarios  # noqa: E402
from newsroom.tests.servers import listening_socket, pg_connect, server_env, wait_until  # noqa: E402

RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "100,100000").split(",")]
# BENCH_SCENARIOS=author,tag measures only those (with the trivial view and the static file, the yardsticks);
# such a partial run is written to bench/results/partial-latest.md and checks no targets.
ONLY = {name for name in os.environ.get("BENCH_SCENARIOS", "").split(",") if name}
STARTED = time.monotonic()
YARDSTICKS = {"trivial", "static"}
# Each scenario measured in rounds, the sizes taking turns, the best round's rate kept: other work on a shared
# machine (this one's neighbours halve its speed at times) then spoils some rounds, not the comparison.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def say(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


@contextlib.contextmanager
def database(tmp: Path, size: int):
    """(url, description) of a fresh database, dropped afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    server = (
        configured.rsplit("/", 1)[0] if configured.startswith("postgres") else "postgres://postgres@127.0.0.1:5432"
    )
    name = f"{os.environ.get('BENCH_DATABASE_NAME', 'newsroom_bench')}_{size}"
    try:
        if os.environ.get("BENCH_DATABASE") == "sqlite":
            raise LookupError("BENCH_DATABASE=sqlite")
        with pg_connect(f"{server}/postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            version = admin.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - no PostgreSQL: SQLite it is
        say(f"no PostgreSQL at {_no_password(server)} ({error}); using a temporary SQLite file")
        yield f"sqlite:///{tmp / f'bench-{size}.sqlite3'}", "SQLite (temporary file, WAL)"
        return
    say(f"database: a fresh PostgreSQL database {name} at {_no_password(server)}")
    try:
        yield f"{server}/{name}", f"PostgreSQL {version.split()[0]}"
    finally:
        with contextlib.suppress(Exception), pg_connect(f"{server}/postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _no_password(url: str) -> str:
    return re.sub(r"//([^:@/]+):[^@/]*@", r"//\1:***@", url)


def bench_env(database_url: str) -> dict[str, str]:
    """The tests' server environment, with `make serve`'s settings (the static files' manifest)."""
    env = server_env(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=os.urandom(32).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=database_url,
        # The bench posts hundreds of replies a second from one address.
        NEWSROOM_REPLY_RATE_LIMIT="100000000",
        PYTHONPATH=str(BASE_DIR),
    )
    env.pop("REDIS_URL", None)
    return env


def run(env: dict, *command: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, *command], cwd=BASE_DIR, env=env, check=True, timeout=1200, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def workers_of(master: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            if re.search(rf"^PPid:\s+{master}$", status.read_text(), re.M):
                pids.append(int(status.parent.name))
    return pids


class MemorySampler(threading.Thread):
    """The highest peak resident memory (VmHWM) any worker reached, in MiB."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master, self.peak_mib = master, 0.0
        self.stopping = threading.Event()

    def sample(self) -> None:
        for pid in workers_of(self.master):
            with contextlib.suppress(OSError):
                match = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
                if match:
                    self.peak_mib = max(self.peak_mib, int(match.group(1)) / 1024)

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            self.sample()

    def stop(self) -> float:
        self.stopping.set()
        self.join()
        self.sample()
        return self.peak_mib


@contextlib.contextmanager
def gunicorn(env: dict, log: Path):
    """`make serve`'s gunicorn on a loopback socket of ours; yields (base URL, master pid)."""
    sock = listening_socket()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", "newsroom.wsgi:application"],
            cwd=BASE_DIR, env={**env, "WEB_BIND": f"fd://{sock.fileno()}"}, pass_fds=[sock.fileno()],
            stdout=subprocess.DEVNULL, stderr=log_file,
        )  # fmt: skip
    sock.close()
    try:
        wait_until(lambda: server.poll() is not None or measure.fetch(base, "/health/")[0] == 200, timeout=60,
                   what="gunicorn")  # fmt: skip
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(30)


def serve(stack: contextlib.ExitStack, size: int, tmp: Path) -> dict:
    """A seeded archive of `size` articles served by gunicorn (until `stack` closes), its queries counted."""
    url, described = stack.enter_context(database(tmp, size))
    env = bench_env(url)
    say(f"{size:,} articles: migrating")
    run(env, "manage.py", "migrate", "--noinput", "-v0")
    seeding = time.monotonic()
    seeded = run(env, "-m", "bench.seed", str(size), capture=True).strip()
    say(f"seeded in {time.monotonic() - seeding:.0f} s: {seeded}")
    run(env, "manage.py", "collectstatic", "--noinput", "-v0")
    base, master = stack.enter_context(gunicorn(env, tmp / f"gunicorn-{size}.log"))
    workers = len(workers_of(master))
    say(f"gunicorn {master} serving {size:,} articles on {base} with {workers} workers")
    plan = [scenario for scenario in scenarios(base) if not ONLY or scenario["name"] in ONLY | YARDSTICKS]
    queries = json.loads(run(env, "-m", "bench.queries", json.dumps(plan), capture=True))
    return {"size": size, "seeded": seeded, "database": described, "workers": workers, "base": base,
            "master": master, "plan": plan, "queries": queries, "rows": {}}  # fmt: skip


def bench(servers: list[dict]) -> None:
    """Each scenario on each server in turn, so that the sizes are compared on the same machine load."""
    samplers = [MemorySampler(server["master"]) for server in servers]
    for sampler in samplers:
        sampler.start()
    seconds = max(1, measure.SECONDS // ROUNDS)
    for number, scenario in enumerate(servers[0]["plan"]):
        rounds = {server["size"]: [] for server in servers}
        for turn in range(ROUNDS):
            for server in servers:
                scenario = server["plan"][number]  # the same request, with what this server's pages link to
                warmup = measure.WARMUP if turn == 0 else min(1, measure.WARMUP)
                rounds[server["size"]].append(
                    measure.measure(server["base"], scenario, seconds=seconds, warmup=warmup)
                )
        for server in servers:
            result = measure.combined(rounds[server["size"]])
            server["rows"][scenario["name"]] = {"label": scenario["label"], **result,
                                                **server["queries"][scenario["name"]]}  # fmt: skip
            rate, p99 = report.per_second(result["rps"]), report.ms(result["p99_ms"])
            each = ", ".join(report.per_second(rps) for rps in result["rounds_rps"])
            say(f"  {server['size']:,}: {scenario['label']}: {rate} requests/s ({each}), p99 {p99} ms, "
                f"{result['errors']} errors")  # fmt: skip
    for server, sampler in zip(servers, samplers, strict=True):
        server["peak_worker_mib"] = sampler.stop()
        for name in ("base", "master", "plan", "queries"):
            del server[name]


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    host = report.machine()
    if host["load_average"] > 0.5:
        say(f"warning: the machine is busy (load average {host['load_average']}); figures will be low")
    tmp = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        with contextlib.ExitStack() as stack:
            runs = [serve(stack, size, tmp) for size in SIZES]
            say(f"load from {measure.LOAD_TOOL}, each scenario on each archive in turn")
            bench(runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": host,
        "database": runs[0]["database"],
        "load_tool": "wrk" if measure.LOAD_TOOL == "wrk" else "bench/load.py",
        "workers": runs[0]["workers"],
        "threads": int(os.environ.get("WEB_THREADS", "4")),
        "connections": measure.CONNECTIONS,
        "rounds": ROUNDS,
        "seconds": measure.SECONDS,
        "runs": runs,
    }
    result["targets"] = [] if ONLY else report.targets(runs[0], runs[-1])
    text = report.markdown(result)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (stamp, "partial-latest" if ONLY else "latest"):
        (RESULTS / f"{name}.md").write_text(text)
        (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print()
    print(text)
    say(f"written to bench/results/{stamp}.md and bench/results/{'partial-latest' if ONLY else 'latest'}.md")


if __name__ == "__main__":
    main()
