"""gunicorn's settings for `make serve` (and `make bench`, which measures them).

Every value can be overridden from the environment, so that a host with other
cores or memory needs no edit here:

- WEB_CONCURRENCY: worker processes; default one per core (os.cpu_count()).
  Each worker holds its own copy of Django (well under 150 MB resident).
- WEB_THREADS: threads per worker (default 4). Pages wait on the database
  more than they compute, so a few threads keep a core busy while others wait.
- PORT / WEB_BIND: where to listen (default 127.0.0.1:8000, behind a proxy).
- WEB_TIMEOUT: seconds a request may take before its worker is replaced.
- WEB_MAX_REQUESTS: a worker is replaced after this many requests (plus up to
  a tenth more at random, so that workers are not all replaced at once),
  which bounds any slow growth of memory.
- WEB_CONTROL_SOCKET: the path of gunicorn's control socket (for `gunicornc`),
  or "off" for none. By default each instance gets its own, named by the
  address it listens on (see when_ready below).
"""

import os
import re


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("WEB_BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", os.cpu_count() or 1)
threads = _int("WEB_THREADS", 4)
# Threads make gunicorn use its "gthread" worker; say it, so one thread is not a surprise.
worker_class = "gthread"
max_requests = _int("WEB_MAX_REQUESTS", 10000)
max_requests_jitter = max_requests // 10
timeout = _int("WEB_TIMEOUT", 30)
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
# Keep-alive for a proxy (or a load generator) that reuses its connections.
keepalive = _int("WEB_KEEPALIVE", 5)
# Load Django once in the master: workers start faster and share its pages of memory.
preload_app = True
# Workers' heartbeat files in memory, not on a disk that may stall (as in Docker).
# gunicorn creates them with mkstemp (private, unpredictable names).
SHM = "/dev/shm"  # noqa: S108
if os.path.isdir(SHM):
    worker_tmp_dir = SHM
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
errorlog = "-"
_control = os.environ.get("WEB_CONTROL_SOCKET", "").strip()
if _control.lower() == "off":
    control_socket_disable = True
elif _control:
    control_socket = _control


def when_ready(server):
    # gunicorn 27 puts every instance's control socket at one default path per
    # user: a second instance on the host takes it over, and stopping either one
    # removes the other's. Unless a path was given, name it by the addresses this
    # instance really listens on (known only now: --bind may override `bind`).
    if server.cfg.control_socket_disable or _control:
        return
    address = "_".join(re.sub(r"[^A-Za-z0-9.]+", "-", str(listener)).strip("-") for listener in server.LISTENERS)
    directory = os.path.dirname(server.cfg.control_socket)
    server.cfg.set("control_socket", os.path.join(directory, f"newsroom-{address}.ctl"))


def pre_fork(server, worker):
    # Nothing should have opened a database connection in the master, but if
    # something did, workers must not share its socket: each opens its own.
    from django.db import connections

    connections.close_all()
