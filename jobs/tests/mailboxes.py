"""Email backends for tests: one that refuses some addresses, one that stalls its first send (for a kill)."""

import os
import time
from pathlib import Path
from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend


class RefusingBackend(MemoryBackend):
    """The locmem outbox, except that the mail server refuses any address with "bounce" in it."""

    def send_messages(self, messages):
        for message in messages:
            refused = [to for to in message.to if "bounce" in to]
            if refused:
                raise SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"no such user")))
        return super().send_messages(messages)


class DownBackend(MemoryBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


class StallingFileBackend(FileBackend):
    """Writes each message to a file; the first send in a directory stalls first, so that a test can kill it.

    Every attempt is logged (with the pid of the process making it) in attempts.log beside the messages.
    """

    def send_messages(self, messages):
        directory = Path(self.file_path)
        log = directory / "attempts.log"
        first = not log.exists()
        with log.open("a") as attempts:
            attempts.write(f"{os.getpid()}\n")
        if first:
            time.sleep(120)  # the test kills this process meanwhile
        return super().send_messages(messages)
