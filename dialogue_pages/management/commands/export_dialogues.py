"""Export public dialogues as JSON Lines in the import format (the API's detail JSON)."""

import orjson
from django.core.management.base import BaseCommand, CommandError

from dialogue_pages.pages import dialogue_models
from dialogue_pages.read_model.queries import visible_rows
from dialogue_pages.serializers import content_language_codes


class Command(BaseCommand):
    help = "Write every public dialogue (of one locale, if given) as one JSON line, ready for import_dialogues."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--locale", help="only this language")

    def handle(self, *args, **options) -> None:
        rows = visible_rows().order_by("page_id")
        if options["locale"]:
            if options["locale"] not in content_language_codes():
                raise CommandError(f"Unknown locale '{options['locale']}'.")
            rows = rows.filter(locale=options["locale"])
        external_ids = {}
        for model in dialogue_models():
            external_ids.update(model.objects.filter(external_id__isnull=False).values_list("pk", "external_id"))
        for page_id, detail in rows.values_list("page_id", "detail").iterator(chunk_size=500):
            data = orjson.loads(detail)
            data["external_id"] = external_ids.get(page_id) or f"{data['locale']}-{page_id}"
            self.stdout.write(orjson.dumps(data).decode())
