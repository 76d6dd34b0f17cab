from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import erase_network_data


class Command(BaseCommand):
    help = "Erase the IP address and user agent of replies older than N days. Safe to run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.NEWSROOM_REPLY_NETWORK_DATA_DAYS)

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = erase_network_data(days=days)
        self.stdout.write(f"Erased the IP address and user agent of {count} replies older than {days} days.")
