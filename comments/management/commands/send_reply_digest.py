from django.core.management.base import BaseCommand

from comments.notifications import send_digest_if_queue_grew


class Command(BaseCommand):
    help = "Email the Moderators group a digest of the reply queue if it grew since the last digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Send even below the threshold or within the quiet interval."
        )

    def handle(self, *args, force, **options):
        sent = send_digest_if_queue_grew(force=force)
        self.stdout.write("Digest sent." if sent else "No digest needed.")
