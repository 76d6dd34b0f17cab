from django.core.management.base import BaseCommand, CommandError

from comments.privacy import erase_personal_data


class Command(BaseCommand):
    help = (
        "Erase the personal data of one email address: approved replies are kept as 'anonymous' "
        "(or deleted with --delete-text, or as NEWSROOM_REPLY_ERASE_KEEPS_TEXT says); all others are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--keep-text", dest="keep_text", action="store_true", default=None)
        group.add_argument("--delete-text", dest="keep_text", action="store_false")

    def handle(self, *args, email, keep_text, **options):
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        result = erase_personal_data(email, keep_text=keep_text)
        self.stdout.write(f"Anonymised {result['anonymised']} replies, deleted {result['deleted']}.")
