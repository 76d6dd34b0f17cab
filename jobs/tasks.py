"""The site-wide background jobs: email, and forgetting what was sent long ago."""

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from jobs import mail
from jobs.models import SentEmail

# How long the record of a sent email is kept: far longer than any job waits in the queue.
SENT_EMAIL_DAYS = 30
# A mail server that is down or slow: try again, waiting longer each time (about an hour in all).
MAIL_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 8}


@shared_task(**MAIL_RETRY)
def send_email(key: str, subject: str, body: str, to: list[str], headers: dict) -> bool:
    return mail.deliver(key=key, subject=subject, body=body, to=to, headers=headers)


@shared_task
def forget_sent_emails() -> int:
    cutoff = timezone.now() - timedelta(days=SENT_EMAIL_DAYS)
    return SentEmail.objects.filter(sent_at__lt=cutoff).delete()[0]
