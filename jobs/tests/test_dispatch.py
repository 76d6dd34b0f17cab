"""Jobs without a broker: after commit, in this process, failures logged; emails once per key."""

import logging

import pytest
from django.core import mail
from django.db import transaction

from jobs import dispatch
from jobs.mail import address, deliver, one_line, send_later
from jobs.models import SentEmail
from newsroom.celery import app as celery_app


@pytest.fixture(autouse=True)
def _no_broker(settings):
    settings.CELERY_BROKER_URL = None


def test_send_later_sends_once_the_transaction_commits_and_never_before(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            send_later(key="notice:1", subject="Hello", body="Body", to=["erin@newsroom.test"])
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_a_transaction_rolled_back_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_later(key="notice:2", subject="Hello", body="Body", to=["erin@newsroom.test"])
        raise RuntimeError("the save failed")
    assert mail.outbox == []


def test_the_same_key_is_sent_once_however_often_the_job_runs(db):
    for _ in range(3):
        deliver(key="notice:3", subject="Hello", body="Body", to=["erin@newsroom.test"])
    assert len(mail.outbox) == 1
    assert SentEmail.objects.filter(key="notice:3").count() == 1


def test_a_failing_job_is_logged_and_never_raised_to_the_request(db, settings, caplog):
    settings.EMAIL_BACKEND = "jobs.tests.mailboxes.DownBackend"
    with caplog.at_level(logging.ERROR, logger="jobs.dispatch"):
        from jobs.tasks import send_email

        assert dispatch.run(send_email, "notice:4", "Hello", "Body", ["erin@newsroom.test"], {}) is False
    assert "jobs.tasks.send_email" in caplog.text
    assert not SentEmail.objects.exists()  # so that the queue's retry, or a later job, still sends it


def test_with_a_broker_the_job_is_queued_not_run_here(db, settings, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    queued = []
    from jobs.tasks import send_email

    monkeypatch.setattr(send_email, "apply_async", lambda args: queued.append(args))
    assert dispatch.run(send_email, "notice:5", "Hello", "Body", ["erin@newsroom.test"], {}) is True
    assert queued == [("notice:5", "Hello", "Body", ["erin@newsroom.test"], {})]
    assert mail.outbox == []


@pytest.mark.parametrize("typed", ["Bolat\nBcc: all@example.com", "Bolat\r\n\tX-Spam: 1", "Bolat\u2028Smith"])
def test_a_header_from_reader_input_is_one_line(db, typed):
    assert "\n" not in one_line(typed) and "\r" not in one_line(typed)
    deliver(key="notice:6", subject=typed, body="Body", to=[address(typed, "erin@newsroom.test")])
    [message] = mail.outbox
    headers = message.message()
    assert headers["Bcc"] is None and headers["X-Spam"] is None
    assert "erin@newsroom.test" in headers["To"]


def test_the_periodic_chores_are_scheduled_and_their_tasks_exist():
    celery_app.loader.import_default_modules()
    schedule = celery_app.conf.beat_schedule
    for entry in schedule.values():
        assert entry["task"] in celery_app.tasks, entry["task"]
    names = {entry["task"] for entry in schedule.values()}
    assert {"comments.tasks.erase_network_data", "comments.tasks.send_digest"} <= names


def test_at_least_once_delivery_is_configured():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
