"""A private varnishd on a free loopback port, running pagecache/varnish/newsroom.vcl, for the CDN tests."""

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[1] / "varnish" / "newsroom.vcl"


def need_varnish() -> str:
    """The varnishd binary; a skip without it on a laptop, a failure in CI (CI=true)."""
    path = shutil.which("varnishd") or (os.path.exists("/usr/sbin/varnishd") and "/usr/sbin/varnishd")
    if path:
        return path
    message = "varnishd is not installed (Debian: apt-get install varnish)."
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def private_varnish(backend_port: int):
    """Yield Varnish's base URL, in front of 127.0.0.1:backend_port; stopped and removed afterwards."""
    binary = need_varnish()
    directory = Path(tempfile.mkdtemp(prefix="nr-varnish-"))
    vcl = directory / "newsroom.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    command = [binary, "-F", "-j", "none", "-n", str(directory / "work"), "-a", f"127.0.0.1:{port}"]
    command += ["-f", str(vcl), "-s", "malloc,32m", "-T", "127.0.0.1:0", "-p", "ban_lurker_sleep=0.01"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(15)
        shutil.rmtree(directory, ignore_errors=True)


def _wait_for(port: int, process) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("varnishd stopped: " + process.stderr.read().decode(errors="replace"))
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise TimeoutError("gave up waiting for varnishd")


def get(base_url: str, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def from_varnish_cache(response) -> bool:
    """Varnish's X-Varnish holds two transaction ids on a hit, one on a miss or a pass."""
    return len(response.getheader("X-Varnish", "").split()) == 2
