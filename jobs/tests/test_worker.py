"""A real Celery worker on a private Redis, killed in the middle of sending an email: the email still goes, once.

The job is queued by the site's own code (jobs.mail.send_later, in a `manage.py
shell`), run by `celery -A newsroom worker` as `make worker` runs it, and the
email lands in a directory (Django's file backend) that the test reads. The
first attempt stalls inside the send so that the test can kill it there.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.tests import servers

SEND = (
    "from jobs import mail; "
    "mail.send_later(key='digest:kill-test', subject='Twelve replies wait', body='Once only', to=['mona@example.com'])"
)


@pytest.fixture
def site(tmp_path):
    servers.need(servers.redis_available(), "redis-server")
    maildir = tmp_path / "mail"
    maildir.mkdir()
    with servers.private_redis() as redis, servers.site_database(tmp_path) as url:
        env = servers.server_env(
            DATABASE_URL=url,
            CELERY_BROKER_URL=f"redis://127.0.0.1:{redis.port}/0",
            # A job taken by a worker that died as a whole is handed out again after this many seconds.
            CELERY_VISIBILITY_TIMEOUT="3",
            CELERY_RESTORE_INTERVAL="1",
            DJANGO_EMAIL_BACKEND="jobs.tests.mailboxes.StallingFileBackend",
            DJANGO_EMAIL_FILE_PATH=str(maildir),
        )
        yield env, url, maildir


@contextlib.contextmanager
def worker(env, log: Path):
    command = [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--pool=prefork", "--concurrency=1"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log.open("a") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter
            command, cwd=servers.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        servers.wait_until(lambda: " ready." in log.read_text(), timeout=60, what="the worker")
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(15)


def attempts(maildir: Path) -> list[str]:
    log = maildir / "attempts.log"
    return log.read_text().split() if log.exists() else []


def messages(maildir: Path) -> list[Path]:
    return [path for path in maildir.iterdir() if path.suffix == ".log" and path.name != "attempts.log"]


def queue_the_email(env) -> None:
    servers.manage(env, "shell", "-c", SEND)


def test_a_job_whose_worker_process_is_killed_mid_send_is_redone_and_the_email_sent_once(site, tmp_path):
    env, url, maildir = site
    log = tmp_path / "worker.log"
    with worker(env, log):
        queue_the_email(env)
        servers.wait_until(lambda: len(attempts(maildir)) == 1, timeout=60, what="the first attempt")
        os.kill(int(attempts(maildir)[0]), signal.SIGKILL)  # the pool process running the job, mid-send
        servers.wait_until(lambda: messages(maildir), timeout=60, what="the email, sent by the redone job")
        first, second = attempts(maildir)
        assert first != second  # another process redid it

        queue_the_email(env)  # the same job again, as a broker may deliver it twice
        servers.wait_until(lambda: log.read_text().count("succeeded") >= 2, timeout=60, what="the repeat")
    [message] = messages(maildir)
    assert "Once only" in message.read_text()
    assert servers.query(url, "SELECT count(*) FROM jobs_sentemail WHERE key = ?", ["digest:kill-test"]) == [(1,)]


def test_a_job_whose_whole_worker_died_is_redone_by_the_next_worker(site, tmp_path):
    env, url, maildir = site
    log = tmp_path / "worker.log"
    with worker(env, log) as first_worker:
        queue_the_email(env)
        servers.wait_until(lambda: len(attempts(maildir)) == 1, timeout=60, what="the first attempt")
        os.killpg(first_worker.pid, signal.SIGKILL)  # the machine went away: no chance to hand the job back
        first_worker.wait(15)
    assert messages(maildir) == []
    with worker(env, log):
        servers.wait_until(lambda: "succeeded" in log.read_text(), timeout=60, what="the job, redone by the next")
    assert len(attempts(maildir)) == 2
    assert len(messages(maildir)) == 1
    assert servers.query(url, "SELECT count(*) FROM jobs_sentemail WHERE key = ?", ["digest:kill-test"]) == [(1,)]


def test_a_readers_confirmation_email_is_queued_by_the_app_server_and_sent_by_the_worker(site, tmp_path):
    env, url, maildir = site
    env = {**env, "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    with servers.gunicorn(env, workers=1, threads=2) as base_url:
        reader = servers.Reader(base_url)
        action, hidden = reader.open_reply_form("/news/tokayev-elected-president/")
        data = {**hidden, "name": "Aliya", "email": "aliya@reader.test", "body": "Queued, not sent", "notify_me": "on"}
        assert reader.post(action, data).status == 302
        assert messages(maildir) == []  # the app server only queued it: no worker is running yet
        log = tmp_path / "worker.log"
        with worker(env, log):
            sent = re.compile(r"comments\.tasks\.send_confirmation\[[^]]+\] succeeded.*: True")
            servers.wait_until(lambda: sent.search(log.read_text()), timeout=60, what="the confirmation email")
    [message] = messages(maildir)
    assert "aliya@reader.test" in message.read_text() and "/comments/confirm/" in message.read_text()
