"""Export public dialogues as JSON Lines in the import format (the API's detail JSON)."""

import orjson
from django.core.management.base import BaseCommand, CommandError

from dialogue_pages.pages import dialogue_models
from dialogue_pages.read_model import visible_rows
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
        editorial = {}
        for model in dialogue_models():
            editorial.update(
                (pk, (external_id, override))
                for pk, external_id, override in model.objects.values_list("pk", "external_id", "status_override")
            )
        for page_id, detail in rows.values_list("page_id", "detail").iterator(chunk_size=500):
            data = orjson.loads(detail)
            external_id, override = editorial.get(page_id, (None, ""))
            data["external_id"] = external_id or f"{data['locale']}-{page_id}"
            data["status_override"] = override
            self.stdout.write(orjson.dumps(data).decode())
