"""``manage.py reindex_dialogues [--backend database|elasticsearch|all] [--locale da]``.

Rebuilds the search index from the published read model. Idempotent: every public dialogue is
written again and every entry that is no longer public is removed, so running it twice leaves
the same index as running it once.
"""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogue_pages.read_model.queries import visible_rows
from dialogue_pages.serializers import content_language_codes
from search.backends.base import BackendUnavailable, SearchBackend
from search.service import DATABASE_BACKEND, ELASTICSEARCH_BACKEND, backend_named, documents_of, index_backends

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the search index of published dialogues from the read model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend", choices=["configured", "database", "elasticsearch", "all"], default="configured",
            help="which index to rebuild (default: the configured backend and the database fallback)",
        )
        parser.add_argument("--locale", help="only this language (e.g. da)")

    def handle(self, *args, backend: str, locale: str | None, verbosity: int = 1, **options) -> None:
        if locale and locale not in content_language_codes():
            raise CommandError(f"Unknown locale {locale!r}; use one of {', '.join(content_language_codes())}.")
        self.verbosity = verbosity
        for target in self.backends(backend):
            try:
                self.rebuild(target, locale)
            except BackendUnavailable as error:
                raise CommandError(f"{target.name}: {error}") from error

    def backends(self, choice: str) -> list[SearchBackend]:
        if choice == "database":
            return [backend_named(DATABASE_BACKEND)]
        if choice == "elasticsearch":
            return [backend_named(ELASTICSEARCH_BACKEND)]
        if choice == "all":
            return [backend_named(DATABASE_BACKEND), backend_named(ELASTICSEARCH_BACKEND)]
        return index_backends()

    def rebuild(self, backend: SearchBackend, locale: str | None) -> None:
        rows = visible_rows().order_by("page_id")
        if locale:
            rows = rows.filter(locale=locale)
        ids = list(rows.values_list("page_id", flat=True))
        backend.prepare_rebuild(locale)
        for start in range(0, len(ids), BATCH):
            backend.index(documents_of(rows.filter(page_id__in=ids[start:start + BATCH])))
            self.progress(backend.name, min(start + BATCH, len(ids)), len(ids))
        stale = backend.indexed_ids(locale) - set(ids)
        backend.delete(sorted(stale))
        backend.finish_rebuild(locale)
        self.progress(backend.name, len(ids), len(ids), done=True)
        self.stdout.write(self.style.SUCCESS(
            f"{backend.name}: indexed {len(ids)} dialogues, removed {len(stale)} stale entries."
        ))

    def progress(self, name: str, done_count: int, total: int, done: bool = False) -> None:
        """A one-line progress bar on stderr (not in the way of piped output)."""
        if self.verbosity < 1:
            return
        width = 30
        filled = width * done_count // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        ending = "\n" if done else "\r"
        sys.stderr.write(f"{name:>13} [{bar}] {done_count}/{total}{ending}")
        sys.stderr.flush()
