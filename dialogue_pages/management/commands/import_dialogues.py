"""Import dialogues from a JSON Lines archive (see docs/import.md)."""

import argparse
import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from dialogue_pages.admin_search import add_dialogues_to_admin_search, add_to_admin_search
from dialogue_pages.import_workers import (
    BatchResult,
    ImportJob,
    import_batch,
    in_parallel,
    line_batches,
    worker_count,
)
from dialogue_pages.importing import CheckedArchive, check_part, merge_parts
from dialogue_pages.pages import DialogueIndexPage
from dialogue_pages.progress import Progress
from dialogue_pages.read_model.writer import analyze_read_model
from dialogue_pages.serializers import content_language_codes
from dialogue_pages.signals import dialogues_imported

T = TypeVar("T")


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return number


class Command(BaseCommand):
    help = "Import dialogues from a JSON Lines file in the API's detail shape; re-imports update by external_id."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the .jsonl file")
        parser.add_argument("--parent", help="URL path of the dialogue index to import under, e.g. /dialoger/")
        parser.add_argument("--locale", help="language of lines that do not name one")
        parser.add_argument("--publish", action="store_true", help="publish the imported dialogues")
        parser.add_argument("--dry-run", action="store_true", help="only validate")
        parser.add_argument("--skip-invalid", action="store_true", help="write the valid lines, report the rest")
        parser.add_argument("--workers", type=positive, metavar="N",
                            help="processes writing in parallel (default: one per CPU core, at most 4)")

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        parent = self.parent(options["parent"])
        fallback_locale = parent.locale if parent else Locale.get_default()
        default_locale = options["locale"] or fallback_locale.language_code
        locales = content_language_codes()
        # Two readings: every line is checked before anything is written, and the second reading
        # writes a batch at a time, so an archive of any size needs the memory of one batch.
        parts: list[CheckedArchive] = []
        check = functools.partial(check_part, default_locale=default_locale, allowed_locales=locales)
        checkers = worker_count(options["workers"], None)
        self.read(options["file"], lambda lines: in_parallel(check, line_batches(lines, None), checkers, parts.append))
        checked = merge_parts(parts)
        for error in checked.errors:
            self.stderr.write(str(error))
        if checked.errors and not options["skip_invalid"]:
            raise CommandError(
                f"{checked.bad_lines} invalid line(s); nothing was written. Fix them or use --skip-invalid."
            )
        if options["dry_run"]:
            self.stdout.write(f"{len(checked.valid)} valid line(s), {checked.bad_lines} invalid. "
                              "Dry run: nothing written.")
            return
        parents = self.parents_by_locale(parent, checked.locales)
        workers = worker_count(options["workers"], len(checked.valid))
        progress = Progress(self.stdout, len(checked.valid), f"Importing ({workers} worker{'s' * (workers > 1)})")
        job = ImportJob(default_locale, locales, parents, options["publish"])
        created = updated = 0
        written: list[int] = []  # the pages written, which search learns of at the end
        snippets: dict[str, list[int]] = {}

        def count(result: BatchResult) -> None:
            nonlocal created, updated
            created, updated = created + result.created, updated + result.updated
            written.extend(result.created_ids + result.updated_ids)
            for label, ids in result.created_snippets.items():
                snippets.setdefault(label, []).extend(ids)
            progress.advance(result.created + result.updated)

        # The second reading: only the valid lines, a batch at a time.
        valid = set(checked.valid)
        try:
            self.read(options["file"],
                      lambda lines: in_parallel(functools.partial(import_batch, job), line_batches(lines, valid),
                                                workers, count))
        except CommandError:
            raise
        except Exception as error:
            self.index(written, snippets, workers)  # what was written is searchable, as after a whole import
            raise CommandError(
                f"Writing stopped after {created + updated} dialogue(s): {error}. The batches before were written; "
                "run the import again to finish (lines already written are updated, not duplicated)."
            ) from error
        if options["publish"]:
            analyze_read_model()
        self.stdout.write(progress.finish())
        self.index(written, snippets, workers)
        elapsed = time.monotonic() - started
        rate = len(checked.valid) / elapsed if elapsed else 0.0
        self.stdout.write(self.style.SUCCESS(
            f"{created} created, {updated} updated, {checked.bad_lines} skipped "
            f"in {elapsed:.1f} s ({rate:.0f} dialogues/s)."
        ))

    def index(self, page_ids: list[int], snippets: dict[str, list[int]], workers: int) -> None:
        """Index everything the import wrote, once and in bulk: no batch was indexed on its own.

        The search app indexes the public dialogues among ``page_ids`` (``dialogues_imported``);
        Wagtail's own index, which the admin's search reads, gets the pages and new snippets.
        """
        if not page_ids:
            return
        started = time.monotonic()
        self.stdout.write(f"Indexing {len(page_ids)} dialogue(s) for search…")
        dialogues_imported.send(sender=Page, page_ids=page_ids, workers=workers)
        add_dialogues_to_admin_search(page_ids)
        for label, ids in snippets.items():
            add_to_admin_search(apps.get_model(label), ids)
        self.stdout.write(f"Indexed {len(page_ids)} dialogue(s) for search in {time.monotonic() - started:.1f} s.")

    def read(self, path: Path, reading: Callable[[TextIO], T]) -> T:
        """``reading`` of the open archive; an unreadable file is a command error."""
        try:
            with path.open(encoding="utf-8") as lines:
                return reading(lines)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

    def parent(self, path: str | None) -> Page | None:
        if not path:
            return None
        wanted = "/" + path.strip("/") + "/" if path.strip("/") else "/"
        for index in DialogueIndexPage.objects.select_related("locale"):
            parts = index.get_url_parts()
            if index.url_path.endswith(wanted) or (parts and parts[2] == wanted):
                return index
        raise CommandError(f"No dialogue index at {path}.")

    def parents_by_locale(self, parent: Page | None, locales: set[str]) -> dict[str, Page]:
        parents = {}
        for locale in locales:
            if parent is not None and (parent.locale.language_code == locale or len(locales) == 1):
                parents[locale] = parent
                continue
            index = DialogueIndexPage.objects.filter(locale__language_code=locale).order_by("path").first()
            if index is None:
                raise CommandError(f"No dialogue index in locale '{locale}'; create one or give --parent.")
            parents[locale] = index
        return parents
