"""Lighthouse (mobile) on the pages readers land on, against the `make serve` configuration.

    make lighthouse            # or: .venv/bin/python bench/lighthouse.py

A fresh SQLite database with the demo, collected static files, gunicorn with
production settings on loopback; then Lighthouse from npm (pinned below, run by
npx) drives the system's Chromium (CHROME_PATH, /usr/bin/chromium by default)
over each page with its default mobile emulation and throttling. Prints each
category's score and writes bench/results/lighthouse.md (and the full reports as
JSON beside it). Needs node 18 or newer and network access to the npm registry
the first time. Not part of CI: scores vary a little from run to run.
"""

import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from newsroom.tests.servers import free_port, wait_until  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "home": "/",
    "article": "/news/tokayev-elected-president/",
    "election": "/elections/kazakhstan-presidential-election-2022/",
    "search": "/search/",
}
RESULTS = BASE_DIR / "bench" / "results"


def server_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "bench.lighthouse_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_LOG_LEVEL": "ERROR",
    }


@contextlib.contextmanager
def serving(env: dict[str, str]):
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen([*gunicorn, "--workers", "2", "--threads", "4"], cwd=BASE_DIR, env=env, **quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: urllib.request.urlopen(f"{base}/health/").status == 200, timeout=60, what="gunicorn")
        yield base
    finally:
        process.terminate()
        process.wait(15)


def measure(url: str, report: Path) -> dict[str, int]:
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", f"--chrome-flags={flags}", "--output=json"]
    command += [f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"]
    subprocess.run(command, env=env, check=True, timeout=300)
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    if not shutil.which("npx"):
        sys.exit("make lighthouse needs node and npm (Debian: apt-get install npm).")
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, serving(server_env(Path(folder))) as base:
        scores = {name: measure(base + path, RESULTS / f"lighthouse-{name}.json") for name, path in PAGES.items()}
    rows = [
        f"| {name} | `{PAGES[name]}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |"
        for name, s in scores.items()
    ]
    table = "\n".join(["| page | path | " + " | ".join(CATEGORIES) + " |", "| --- | --- |" + " ---: |" * 4, *rows])
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    version = LIGHTHOUSE.split("@")[1]
    text = f"Lighthouse {version} (mobile), {stamp}, load average {load}, `make lighthouse`:\n\n{table}\n"
    (RESULTS / "lighthouse.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
