"""Work that must not hold a reader's request: on the task queue where there is one, here otherwise.

With a broker (CELERY_BROKER_URL, or REDIS_URL), `run_later` queues a Celery
task once the transaction commits and a worker runs it; tasks are written to
be run twice safely (acks_late: a worker that dies mid-job hands it back).
Without one, or while it cannot be reached, the task runs in this process
after commit, and a failure is logged, never raised: a mail outage or a
dead Redis must not turn a stored reply into an error page.
"""

import logging

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def run_later(task, *args) -> None:
    """Run `task(*args)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: run(task, *args), robust=True)


def run(task, *args) -> bool:
    """Queue `task(*args)`, or run it here when there is no queue to put it on.

    True when the job is queued or done; False when it failed here (logged).
    Call it only once what the job reads is committed.
    """
    if settings.CELERY_BROKER_URL:
        try:
            task.apply_async(args)
            return True
        except (OperationalError, RedisError, OSError) as error:
            logger.warning("The task queue is unreachable (%s); running %s here.", error, task.name)
    return run_here(task, *args)


def run_here(task, *args) -> bool:
    try:
        task(*args)
    except Exception:  # whatever the job hit, the reader's request goes on
        logger.exception("Background job %s%r failed.", task.name, args)
        return False
    return True
