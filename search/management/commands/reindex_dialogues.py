"""``manage.py reindex_dialogues [--backend configured|tantivy|elasticsearch|admin|all] [--locale da]``.

Rebuilds the search index from the published read model. Idempotent: every public dialogue is
written again and every entry that is no longer public is removed, so running it twice leaves
the same index as running it once. A full rebuild of Tantivy or Elasticsearch fills a new index
and swaps it in when it is complete; searches meanwhile read the old one. Documents are analysed
in worker processes (``--workers``, default one per core).

``configured`` (the default) and ``all`` also bring every dialogue page, draft or published, into
Wagtail's own search index, which the admin's page search reads; ``admin`` does only that.
"""

from collections.abc import Iterator
from io import StringIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogue_pages.admin_search import add_dialogues_to_admin_search
from dialogue_pages.management.commands.import_dialogues import positive
from dialogue_pages.pages import dialogue_models
from dialogue_pages.progress import Progress
from dialogue_pages.read_model.queries import visible_rows
from dialogue_pages.serializers import content_language_codes
from dialogue_search.backends.base import BackendUnavailable, SearchBackend
from dialogue_search.documents import DialogueDocument
from dialogue_search.service import ELASTICSEARCH_BACKEND, TANTIVY_BACKEND, backend_named, documents_of, index_backends

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the search index of published dialogues from the read model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend", choices=["configured", "tantivy", "elasticsearch", "admin", "all"], default="configured",
            help="which index to rebuild (default: the configured backend, the embedded fallback and Wagtail's "
                 "admin index)",
        )
        parser.add_argument("--locale", help="only this language (e.g. da)")
        parser.add_argument("--workers", type=positive, metavar="N",
                            help="processes analysing documents (default: one per CPU core, at most 4)")

    def handle(self, *args, backend: str, locale: str | None, verbosity: int = 1, **options) -> None:
        if locale and locale not in content_language_codes():
            raise CommandError(f"Unknown locale {locale!r}; use one of {', '.join(content_language_codes())}.")
        self.verbosity = verbosity
        self.workers = options.get("workers")
        for target in self.backends(backend):
            try:
                self.rebuild(target, locale)
            except BackendUnavailable as error:
                raise CommandError(f"{target.name}: {error}") from error
        if backend in {"configured", "admin", "all"}:
            self.rebuild_admin(locale)

    def backends(self, choice: str) -> list[SearchBackend]:
        paths = {"tantivy": [TANTIVY_BACKEND], "elasticsearch": [ELASTICSEARCH_BACKEND],
                 "all": [TANTIVY_BACKEND, ELASTICSEARCH_BACKEND]}
        if choice == "admin":
            return []
        return [backend_named(path) for path in paths[choice]] if choice in paths else index_backends()

    def rebuild(self, backend: SearchBackend, locale: str | None) -> None:
        rows = visible_rows().order_by("page_id")
        if locale:
            rows = rows.filter(locale=locale)
        before = backend.indexed_ids(locale)
        # Rows are listed after the rebuild began: what is published from then on reaches it too.
        backend.prepare_rebuild(locale)
        ids = list(rows.values_list("page_id", flat=True))
        progress = Progress(self.stderr if self.verbosity >= 1 else StringIO(), len(ids), f"{backend.name:>13}")
        # Entries of the index being replaced that are no longer public (a new index never gets them).
        stale = before - set(ids)

        def chunks() -> Iterator[list[DialogueDocument]]:
            for start in range(0, len(ids), BATCH):
                batch = ids[start:start + BATCH]
                yield documents_of(rows.filter(page_id__in=batch))
                progress.advance(len(batch))

        backend.index_bulk(chunks(), self.workers)
        backend.delete(sorted(stale))
        backend.finish_rebuild(locale)
        if self.verbosity >= 1:
            self.stderr.write(progress.finish())
        self.stdout.write(self.style.SUCCESS(
            f"{backend.name}: indexed {len(ids)} dialogues, removed {len(stale)} stale entries."
        ))

    def rebuild_admin(self, locale: str | None) -> None:
        """Every dialogue page (of ``locale``) into Wagtail's own index, in bulk (the admin's page search)."""
        ids = None
        if locale:
            ids = [pk for model in dialogue_models()
                   for pk in model.objects.filter(locale__language_code=locale).values_list("pk", flat=True)]
        count = add_dialogues_to_admin_search(ids)
        self.stdout.write(self.style.SUCCESS(f"wagtail admin: indexed {count} dialogue pages."))
