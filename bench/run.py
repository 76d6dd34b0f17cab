"""`make bench`: Newsroom under load on loopback, in one bounded run.

1. A fresh database: `newsroom_bench` on the PostgreSQL server of DATABASE_URL
   (or on 127.0.0.1:5432 when it is not set) if one answers, else a temporary
   SQLite file. It is seeded by bench/seed.py: the demo (the election article
   with its results table), 5,000 more articles, 200 approved replies on the
   election article and 20,000 replies elsewhere.
2. gunicorn with gunicorn.conf.py, exactly as `make serve` starts it (DEBUG
   off, collected static files), on a free loopback port.
3. Each scenario for BENCH_SECONDS (8) after a BENCH_WARMUP (2) seconds' warm-up
   at BENCH_CONNECTIONS (16) connections, with wrk if installed, else with
   bench/load.py. Queries per page are counted apart, with Django's test
   client; peak memory is each worker's VmHWM, sampled during the run.
4. A table on the terminal and in bench/results/ (<time>.md and .json, and
   latest.md / latest.json).
"""

import contextlib
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
LOAD_TOOL = os.environ.get("BENCH_LOAD", "wrk" if shutil.which("wrk") else "python")
ARTICLE = "/news/tokayev-elected-president/"
TRIVIAL = "/robots.txt"  # the whole middleware stack, no database, no template
STARTED = time.monotonic()


def ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def per_second(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def say(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


# --- The database ---------------------------------------------------------------------------


def _pg_admin(server: str):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)


@contextlib.contextmanager
def database(tmp: Path):
    """(url, description) of a fresh database, dropped afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    server = (
        configured.rsplit("/", 1)[0] if configured.startswith("postgres") else "postgres://postgres@127.0.0.1:5432"
    )
    name = "newsroom_bench"
    try:
        if os.environ.get("BENCH_DATABASE") == "sqlite":
            raise LookupError("BENCH_DATABASE=sqlite")
        with _pg_admin(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            version = admin.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - no PostgreSQL: SQLite it is
        say(f"no PostgreSQL at {_no_password(server)} ({error}); using a temporary SQLite file")
        yield f"sqlite:///{tmp / 'bench.sqlite3'}", "SQLite (temporary file, WAL)"
        return
    say(f"database: a fresh PostgreSQL database {name} at {_no_password(server)}")
    try:
        yield f"{server}/{name}", f"PostgreSQL {version.split()[0]}"
    finally:
        with contextlib.suppress(Exception), _pg_admin(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _no_password(url: str) -> str:
    return re.sub(r"//([^:@/]+):[^@/]*@", r"//\1:***@", url)


# --- The server -----------------------------------------------------------------------------


def server_env(database_url: str, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_", "WEB_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",  # plain HTTP on loopback: no redirect to HTTPS
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=database_url,
        PORT=str(port),
        # The bench posts hundreds of replies a second from one address.
        NEWSROOM_REPLY_MIN_SECONDS="0",
        NEWSROOM_REPLY_RATE_LIMIT="100000000",
        PYTHONPATH=str(BASE_DIR),
    )
    for name in ("WEB_CONCURRENCY", "WEB_THREADS"):  # the machine's settings, as `make serve` would see them
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run(env: dict, *command: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, *command], cwd=BASE_DIR, env=env, check=True, timeout=600, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base: str, path: str) -> tuple[int, str, list[tuple[str, str]]]:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, response.read().decode(), response.getheaders()


def wait_for(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if fetch(base, "/health/")[0] == 200:
                return
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer /health/ within 60 s:\n{log.read_text()[-3000:]}")


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
        self.master, self.peak_mib, self.workers = master, 0.0, set()
        self.stopping = threading.Event()

    def sample(self) -> None:
        for pid in workers_of(self.master):
            with contextlib.suppress(OSError):
                match = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
                if match:
                    self.workers.add(pid)
                    self.peak_mib = max(self.peak_mib, int(match.group(1)) / 1024)

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            self.sample()

    def stop(self) -> float:
        self.stopping.set()
        self.join()
        self.sample()
        return self.peak_mib


# --- The load -------------------------------------------------------------------------------

LUA = """
local threads, next_id = {}, 0
local METHOD, PATH, BODY, HEADERS = %(method)s, %(path)s, %(body)s, %(headers)s
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end
function init(args) n, hits, misses = 0, 0, 0 end
%(request)s
function response(status, headers, body)
  local state = headers["X-Cache"] or headers["x-cache"]
  if state == "hit" then hits = hits + 1 elseif state == "miss" then misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); m = m + t:get("misses") end
  local e = summary.errors
  io.write(string.format("BENCH-JSON {\\"requests\\": %%d, \\"duration_us\\": %%d, "
    .. "\\"p50_us\\": %%d, \\"p99_us\\": %%d, \\"errors\\": %%d, \\"cache_hits\\": %%d, \\"cache_misses\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout, h, m))
end
"""

LUA_REQUEST = """
function request()
  n = n + 1
  local key = RUN .. "-" .. tid .. "-" .. n
  local body = nil
  if BODY then body = (string.gsub(BODY, "{n}", key)) end
  return wrk.format(METHOD, (string.gsub(PATH, "{n}", key)), HEADERS, body)
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # ASCII JSON strings are Lua strings too


def with_wrk(base: str, scenario: dict, seconds: int, run_id: str) -> dict:
    varying = "{n}" in scenario["path"] or "{n}" in scenario.get("body", "")
    headers = (
        "{" + ", ".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in scenario.get("headers", {}).items()) + "}"
    )
    script = LUA % {
        "method": lua_string(scenario["method"]),
        "path": lua_string(scenario["path"]),
        "body": lua_string(scenario["body"]) if scenario.get("body") else "nil",
        "headers": headers,
        "request": f"RUN = {lua_string(run_id)}\n" + LUA_REQUEST if varying else "",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        threads = min(2, CONNECTIONS)
        command = ["wrk", f"-t{threads}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", file.name]
        output = subprocess.run(
            [*command, base + scenario["path"].replace("{n}", "0")],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(file.name)
    found = re.search(r"^BENCH-JSON (.*)$", output, re.M)
    if not found:
        sys.exit(f"wrk said:\n{output}")
    raw = json.loads(found.group(1))
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["errors"],
        "cache_hits": raw["cache_hits"],
        "cache_misses": raw["cache_misses"],
    }


def with_python(base: str, scenario: dict, seconds: int, run_id: str) -> dict:
    parts = urllib.parse.urlsplit(base)
    spec = {**scenario, "host": parts.hostname, "port": parts.port, "connections": CONNECTIONS, "seconds": seconds}
    spec["path"] = spec["path"].replace("{n}", f"{run_id}-{{n}}")
    if spec.get("body"):
        spec["body"] = spec["body"].replace("{n}", f"{run_id}-{{n}}")
    output = subprocess.run(
        [PYTHON, "-m", "bench.load", json.dumps(spec)],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if output.returncode:
        sys.exit(f"bench/load.py failed:\n{output.stderr}")
    return json.loads(output.stdout)


def settle(base: str) -> None:
    """Wait until the server has finished the requests of the previous scenario.

    A load generator that stops leaves requests queued in the workers; the
    next scenario would otherwise be measured behind them.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            fetch(base, TRIVIAL)
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def measure(base: str, scenario: dict) -> dict:
    settle(base)
    load = with_wrk if LOAD_TOOL == "wrk" else with_python
    run_id = secrets.token_hex(3)
    if WARMUP:
        load(base, scenario, WARMUP, f"w{run_id}")
        settle(base)  # the warm-up's last requests are still being answered
    return load(base, scenario, SECONDS, f"m{run_id}")


# --- The scenarios --------------------------------------------------------------------------


def scenarios(base: str) -> list[dict]:
    """Every scenario's request, with what the pages themselves link to."""
    status, home, _ = fetch(base, "/")
    static = re.search(r'href="(/static/css/newsroom[^"]*\.css)"', home).group(1)
    _, page, _ = fetch(base, ARTICLE)
    action = re.search(r'action="(/comments/post/\d+/)(?:#[^"]*)?"', page).group(1)
    rendered = re.search(r'name="rendered" value="([^"]+)"', page).group(1)
    # The article page is the same for everyone and carries no CSRF token: like
    # static/js/csrf.js, ask /csrf/, which also sets the cookie the token goes with.
    with urllib.request.urlopen(base + "/csrf/", timeout=10) as response:
        csrf = json.loads(response.read())["token"]
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    cookie = cookies["csrftoken"].value
    form = {
        "csrfmiddlewaretoken": csrf,
        "rendered": rendered,
        "contact_me_by_fax": "",
        "website": "",
        "parent": "",
        "name": "Bench Reader",
        "email": "reader-{n}@bench.test",
        "body": "A reply from the benchmark, number {n}.",
    }
    body = urllib.parse.urlencode(form, safe="{}@")
    return [
        {"name": "trivial", "label": f"trivial view ({TRIVIAL})", "method": "GET", "path": TRIVIAL},
        {"name": "static", "label": "static file (WhiteNoise)", "method": "GET", "path": static},
        {"name": "home", "label": "home page", "method": "GET", "path": "/"},
        {
            "name": "article_uncached",
            "label": "article, uncached (?b=unique)",
            "method": "GET",
            "path": ARTICLE + "?b={n}",
        },
        {"name": "article_cached", "label": "article, cached (same URL)", "method": "GET", "path": ARTICLE},
        {
            "name": "post_reply",
            "label": "posting a reply",
            "method": "POST",
            "path": action,
            "headers": {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
            "body": body,
        },
    ]


# --- The report -----------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.M).group(1)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True)
    return {
        "cores": os.cpu_count(),
        # Other work on the machine while the bench started (1-minute average).
        "load_average": round(os.getloadavg()[0], 2),
        "cpu": cpu,
        "python": platform.python_version(),
        "commit": commit.stdout.strip() or "unknown",
    }


def targets(rows: dict, memory: float) -> list[tuple[str, str, bool]]:
    def rps(name):
        return rows[name]["rps"]

    cached_vs_static = rps("article_cached") / rps("static")
    uncached_vs_trivial = rps("article_uncached") / rps("trivial")
    # A scenario with no answer at all has no p99: that is the worst.
    worst_p99 = max(float("inf") if row["p99_ms"] is None else row["p99_ms"] for row in rows.values())
    queries = rows["article_uncached"]["queries"]
    return [
        ("cached article ≥ 0.7 × static file", f"{cached_vs_static:.3f}", cached_vs_static >= 0.7),
        ("uncached article ≥ 0.25 × trivial view", f"{uncached_vs_trivial:.3f}", uncached_vs_trivial >= 0.25),
        (f"p99 < 100 ms at {CONNECTIONS} connections, every scenario", f"{worst_p99:.1f} ms", worst_p99 < 100),
        ("< 150 MB resident per worker", f"{memory:.1f} MiB", memory < 150),
        (
            "uncached article ≥ 60 requests/s (twice bakerydemo's ~30)",
            f"{per_second(rps('article_uncached'))}/s",
            rps("article_uncached") >= 60,
        ),
        ("article ≤ 7 queries (a third of bakerydemo's 22)", str(queries), queries <= 7),
    ]


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"# Newsroom benchmark, {report['when']}",
        "",
        f"{m['cores']} cores ({m['cpu']}; load average {m['load_average']} when it started), "
        f"Python {m['python']}, commit {m['commit']}; {report['database']}; "
        f"gunicorn {report['workers']} workers × {report['threads']} threads (gunicorn.conf.py); load from "
        f"{report['load_tool']} on the same machine, {CONNECTIONS} connections, {SECONDS} s per scenario after "
        f"{WARMUP} s of warm-up. Seeded: {report['seeded']}.",
        "",
        "| scenario | requests/s | × trivial | p50 ms | p99 ms | errors | queries | X-Cache hits |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    trivial = report["rows"]["trivial"]["rps"]
    for row in report["rows"].values():
        cache = row["cache_hits"] + row["cache_misses"]
        hits = f"{row['cache_hits'] / cache:.0%}" if cache else "–"
        lines.append(
            f"| {row['label']} | {per_second(row['rps'])} | {row['rps'] / trivial:.3f} | {ms(row['p50_ms'])} | "
            f"{ms(row['p99_ms'])} | {row['errors']} | {row['queries']} | {hits} |"
        )
    lines += [
        "",
        f"Peak resident memory of a worker (VmHWM): {report['peak_worker_mib']:.1f} MiB.",
        "",
        "| target | measured | met |",
        "| --- | ---: | :---: |",
    ]
    lines += [f"| {name} | {value} | {'yes' if met else 'no'} |" for name, value, met in report["targets"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    host = machine()
    if host["load_average"] > 0.5:
        say(f"warning: the machine is busy (load average {host['load_average']}); figures will be low")
    tmp = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        with database(tmp) as (url, described):
            env = server_env(url, port)
            say("migrating")
            run(env, "manage.py", "migrate", "--noinput", "-v0")
            say("seeding")
            seeded = run(env, "-m", "bench.seed", capture=True).strip()
            say(f"seeded: {seeded}")
            run(env, "manage.py", "collectstatic", "--noinput", "-v0")
            log = tmp / "gunicorn.log"
            with log.open("w") as log_file:
                server = subprocess.Popen(
                    [GUNICORN, "--config", "gunicorn.conf.py", "newsroom.wsgi:application"],
                    cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log_file,
                )  # fmt: skip
            try:
                wait_for(base, server, log)
                workers = len(workers_of(server.pid))
                say(f"gunicorn {server.pid} serving on {base} with {workers} workers; load from {LOAD_TOOL}")
                plan = scenarios(base)
                paths = {"trivial": TRIVIAL, "static": plan[1]["path"], "article": ARTICLE, "post": plan[5]["path"]}
                queries = json.loads(run(env, "-m", "bench.queries", json.dumps(paths), capture=True))
                sampler = MemorySampler(server.pid)
                sampler.start()
                rows = {}
                for scenario in plan:
                    say(f"{scenario['label']}: {WARMUP} s warm-up, {SECONDS} s measured")
                    result = measure(base, scenario)
                    rows[scenario["name"]] = {"label": scenario["label"], **result, **queries[scenario["name"]]}
                    rate, p99 = per_second(result["rps"]), ms(result["p99_ms"])
                    say(f"  {rate} requests/s, p99 {p99} ms, {result['errors']} errors")
                peak = sampler.stop()
            finally:
                server.terminate()
                server.wait(30)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": host,
        "database": described,
        "load_tool": "wrk" if LOAD_TOOL == "wrk" else "bench/load.py",
        "workers": workers,
        "threads": int(env.get("WEB_THREADS", "4")),
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "seeded": seeded,
        "rows": rows,
        "peak_worker_mib": peak,
    }
    report["targets"] = targets(rows, peak)
    text = markdown(report)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (stamp, "latest"):
        (RESULTS / f"{name}.md").write_text(text)
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    print()
    print(text)
    say(f"written to bench/results/{stamp}.md and bench/results/latest.md")


if __name__ == "__main__":
    main()
