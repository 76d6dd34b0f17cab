from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from elections.importing import import_results
from elections.models import Election


class Command(BaseCommand):
    help = (
        "Import an election's result lines from a CSV file with the header option,party,votes,percent. "
        "Nothing is written unless the whole file passes every check."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8; comma, semicolon or tab separated).")
        parser.add_argument("--election", required=True, help="The election's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file, show the lines, write nothing.")
        parser.add_argument("--note", default="", help="Correction note for readers (needed to change final results).")

    def handle(self, *args, file, election, dry_run, note, **options):
        try:
            target = Election.objects.get(slug=election)
        except Election.DoesNotExist:
            raise CommandError(f"No election with the slug {election!r}.") from None
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        report = import_results(election=target, text=text, dry_run=dry_run, note=note)
        for problem in report.errors:
            self.stderr.write(f"{file}: {problem}")
        for problem in report.warnings:
            self.stderr.write(f"{file}: warning: {problem}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported.")
        for row in report.rows:
            votes = "" if row.line.votes is None else row.line.votes
            self.stdout.write(f"{row.line.label}\t{votes}\t{row.line.percent}")
        verb = "would import" if dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(report.rows)} result line(s) into {target.slug}."))
