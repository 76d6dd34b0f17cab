"""Putting load on one scenario: wrk when it is installed, else bench/load.py.

Each scenario runs BENCH_WARMUP seconds unmeasured, then BENCH_SECONDS
measured (bench/run.py splits them into rounds), at BENCH_CONNECTIONS connections; a path or body holding "{n}"
gets a number unique to each request (a page-cache miss, a new reply).
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

PYTHON = sys.executable
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
LOAD_TOOL = os.environ.get("BENCH_LOAD", "wrk" if shutil.which("wrk") else "python")
TRIVIAL = "/robots.txt"  # the whole middleware stack, no database, no template
BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fetch(base: str, path: str) -> tuple[int, str, list[tuple[str, str]]]:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, response.read().decode(), response.getheaders()


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


def measure(base: str, scenario: dict, *, seconds: int = SECONDS, warmup: int = WARMUP) -> dict:
    settle(base)
    load = with_wrk if LOAD_TOOL == "wrk" else with_python
    run_id = secrets.token_hex(3)
    if warmup:
        load(base, scenario, warmup, f"w{run_id}")
        settle(base)  # the warm-up's last requests are still being answered
    return load(base, scenario, seconds, f"m{run_id}")


def combined(rounds: list[dict]) -> dict:
    """Rounds of one scenario on one server as one figure: the best round's rate (as timeit keeps the best of its
    repeats: on a shared machine other work only ever slows a round down), the median round's p99, every request.
    """
    best = max(rounds, key=lambda result: result["rps"])
    p99s = sorted(result["p99_ms"] for result in rounds if result["p99_ms"] is not None)
    return {
        **best,
        "p99_ms": p99s[len(p99s) // 2] if p99s else None,
        "rounds_rps": [round(result["rps"], 1) for result in rounds],
        **{name: sum(result[name] for result in rounds) for name in ("requests", "errors")},
    }
