"""Email sent once per job key, off the request: what every app's notices go through.

`send_later(key=..., ...)` is the whole API for the other apps (review notices,
reply notifications, digests): the message goes out on the task queue after
commit, retried while the mail server is down, and a job that runs twice (a
worker killed mid-job) sends it once, because a row per key records what was
sent. A header value never carries a reader's line break (see `one_line`).
"""

from email.utils import formataddr

from django.core.mail import EmailMessage

from jobs import dispatch
from jobs.models import SentEmail


def one_line(value) -> str:
    """A header value from text a reader typed: every run of whitespace, line breaks included, one space."""
    return " ".join(str(value).split())


def address(name, email: str) -> str:
    """`"Name" <email>`, quoted by the standard library, never by concatenation."""
    return formataddr((one_line(name), email))


def send_later(*, key: str, subject, body, to: list[str], headers: dict | None = None) -> None:
    """Email `to` once the transaction commits; at most once per `key`, ever (keys are at most 200 characters)."""
    from jobs.tasks import send_email

    dispatch.run_later(send_email, key, one_line(subject), str(body), list(to), _clean(headers))


def deliver(*, key: str, subject, body, to: list[str], headers: dict | None = None) -> bool:
    """Send now unless `key` was already sent; True when this call sent it. Raises what the mail server raised."""
    if not to or SentEmail.objects.filter(key=key).exists():
        return False
    EmailMessage(one_line(subject), str(body), to=list(to), headers=_clean(headers)).send()
    # After sending: a worker killed in between sends it again rather than never.
    SentEmail.objects.get_or_create(key=key)
    return True


def _clean(headers: dict | None) -> dict[str, str]:
    return {one_line(name): one_line(value) for name, value in (headers or {}).items()}
