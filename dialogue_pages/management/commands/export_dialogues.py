"""Export public dialogues as JSON Lines in the import format (the API's detail JSON)."""

from django.core.management.base import BaseCommand, CommandError

from dialogue_pages.api.exports import jsonl_lines
from dialogue_pages.read_model.queries import visible_rows
from dialogue_pages.serializers import content_language_codes


class Command(BaseCommand):
    help = "Write every public dialogue (of one locale, if given) as one JSON line, ready for import_dialogues."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--locale", help="only this language")

    def handle(self, *args, **options) -> None:
        rows = visible_rows()
        if options["locale"]:
            if options["locale"] not in content_language_codes():
                raise CommandError(f"Unknown locale '{options['locale']}'.")
            rows = rows.filter(locale=options["locale"])
        for line in jsonl_lines(rows):
            self.stdout.write(line.decode(), ending="")
