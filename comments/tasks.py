"""The replies app's background jobs; `make worker` runs them (newsroom/celery.py).

Each one may run twice (a worker killed mid-job hands it back): emails go out
once per key (jobs.mail), and erasing network data twice erases nothing more.
"""

from celery import shared_task

from comments import notifications, privacy
from jobs.tasks import MAIL_RETRY


@shared_task(**MAIL_RETRY)
def send_confirmation(comment_id: int) -> bool:
    return notifications.send_confirmation(comment_id)


@shared_task(**MAIL_RETRY)
def notify_parent_author(reply_id: int) -> bool:
    return notifications.notify_parent_author(reply_id)


@shared_task(**MAIL_RETRY)
def send_digest(force: bool = False) -> bool:
    return notifications.send_digest_if_queue_grew(force=force)


@shared_task
def erase_network_data() -> int:
    return privacy.erase_network_data()
