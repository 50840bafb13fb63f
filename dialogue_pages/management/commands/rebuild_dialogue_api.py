"""Rebuild the published read model of every dialogue (safe while the site serves requests)."""

from django.core.management.base import BaseCommand

from dialogue_pages.pages import dialogue_models
from dialogue_pages.progress import Progress
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.writer import analyze_read_model, refresh_dialogues


class Command(BaseCommand):
    help = "Recompute the stored API JSON of every public dialogue and drop rows of pages no longer public."

    def handle(self, *args, **options) -> None:
        page_ids = []
        for model in dialogue_models():
            page_ids += list(model.objects.values_list("pk", flat=True))
        progress = Progress(self.stdout, len(page_ids), "Rebuilding")
        public = 0
        # In batches, each in its own transaction: readers always see complete rows.
        for start in range(0, len(page_ids), 200):
            batch = page_ids[start: start + 200]
            public += len(refresh_dialogues(batch))
            progress.advance(len(batch))
        orphans, _detail = PublishedDialogue.objects.exclude(page_id__in=page_ids).delete()
        analyze_read_model()
        self.stdout.write(progress.finish())
        self.stdout.write(
            self.style.SUCCESS(f"{public} public dialogues stored, {len(page_ids) - public} not public, "
                               f"{orphans} stale rows removed.")
        )
