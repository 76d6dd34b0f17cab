"""The benchmark's report: the machine, a table per data size, the growth, the targets of issue 15."""

import contextlib
import os
import platform
import re
import subprocess
from pathlib import Path

from bench.measure import CONNECTIONS, SECONDS, WARMUP

BASE_DIR = Path(__file__).resolve().parents[1]
LIST_PAGES = ["home", "section", "author", "tag", "search", "feed"]
PUBLIC_PAGES = [*LIST_PAGES, "article_10", "article_200", "article_1000", "election_units"]


def ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def per_second(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, AttributeError):
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


def relative(run: dict, name: str, to: str) -> float:
    return run["rows"][name]["rps"] / run["rows"][to]["rps"]


def growth(small: dict, large: dict, name: str) -> float:
    """Large ÷ small in requests/s: the two were measured in turns, seconds apart, on the same machine load."""
    return large["rows"][name]["rps"] / small["rows"][name]["rps"]


def targets(small: dict, large: dict) -> list[tuple[str, str, bool]]:
    article_vs_trivial = relative(large, "article_200", "trivial")
    replies = large["rows"]["article_1000"]["rps"] / large["rows"]["article_10"]["rps"]
    cached = relative(large, "article_cached", "static")
    post_p99 = large["rows"]["post_reply"]["p99_ms"] or float("inf")
    queries = max(run["rows"][name]["queries"] for run in (small, large) for name in PUBLIC_PAGES)
    memory = max(small["peak_worker_mib"], large["peak_worker_mib"])
    found = [
        (
            "uncached article, 200 replies ≥ 0.25 × trivial view",
            f"{article_vs_trivial:.3f}",
            article_vs_trivial >= 0.25,
        ),
        ("article 1,000 replies ÷ 10 replies ≥ 0.85", f"{replies:.2f}", replies >= 0.85),
    ]
    for name in LIST_PAGES:
        grown = growth(small, large, name)
        found.append((f"{name}: {large['size']:,} ÷ {small['size']:,} articles ≥ 0.85", f"{grown:.2f}", grown >= 0.85))
    return found + [
        ("cached article ≥ 0.8 × static file", f"{cached:.3f}", cached >= 0.8),
        (f"reply post p99 < 100 ms at {CONNECTIONS} connections", f"{post_p99:.1f} ms", post_p99 < 100),
        ("≤ 8 queries on every public page (cache miss)", str(queries), queries <= 8),
        ("≤ 150 MB resident per worker", f"{memory:.1f} MiB", memory <= 150),
    ]


def markdown(report: dict) -> str:
    m = report["machine"]
    small, large = report["runs"][0], report["runs"][-1]
    lines = [
        f"# Newsroom benchmark, {report['when']}",
        "",
        f"{m['cores']} cores ({m['cpu']}; load average {m['load_average']} when it started), "
        f"Python {m['python']}, commit {m['commit']}; {report['database']}; "
        f"gunicorn {report['workers']} workers × {report['threads']} threads (gunicorn.conf.py); load from "
        f"{report['load_tool']} on the same machine, {CONNECTIONS} connections, {SECONDS} s per scenario after "
        f"{WARMUP} s of warm-up, in {report.get('rounds', 1)} rounds (the best round's requests/s and the "
        "median round's p99 kept). Two archives, each "
        "served by its own gunicorn, taking turns round by round:",
        "",
        *(f"- {run['size']:,} articles: {run['seeded']}." for run in report["runs"]),
        "",
        "Pages are built for every request (each sends a `messages` cookie, which the page cache never serves "
        "from the cache) except the cached article; the article page is built from its kept parts "
        '(pagecache/fragments.py), as a server builds it after a reply is approved. "rebuilt ms" is the page '
        "built in one process with nothing kept at all (median of 15, no load). "
        "× trivial and × static are requests/s relative to the trivial view and the static file of the same run; "
        "growth is the large archive's requests/s divided by the small one's.",
        "",
        f"| scenario | queries | rebuilt ms | {small['size']:,}: req/s | × trivial | × static | p99 ms "
        f"| {large['size']:,}: req/s | × trivial | × static | p99 ms | growth |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in large["rows"].items():
        cells = [row["label"], str(row["queries"]), ms(row.get("rebuilt_ms"))]
        for run in (small, large):
            measured = run["rows"][name]
            cells += [
                per_second(measured["rps"]),
                f"{relative(run, name, 'trivial'):.3f}",
                f"{relative(run, name, 'static'):.3f}",
                ms(measured["p99_ms"]),
            ]
        cells.append(f"{growth(small, large, name):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Peak resident memory of a worker (VmHWM): {small['peak_worker_mib']:.1f} MiB "
        f"({small['size']:,} articles), {large['peak_worker_mib']:.1f} MiB ({large['size']:,}).",
        "",
        "| target (issue 15) | measured | met |",
        "| --- | ---: | :---: |",
    ]
    lines += [f"| {name} | {value} | {'yes' if met else 'no'} |" for name, value, met in report["targets"]]
    return "\n".join(lines) + "\n"
