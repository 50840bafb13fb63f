"""Writing the Tantivy index: one process at a time, each write one commit.

Documents are analysed before the lock is taken (the costly part), so other writers wait only
for Tantivy's own work. A full rebuild (``Rebuild``) fills a new generation and swaps it in.
Many documents at once (the end of an import, a reindex) are analysed in worker processes and
written with a large indexing heap in a few large commits (``BulkWrite``): small commits with a
small heap leave many small segments, whose merging costs more than the indexing itself.
"""

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from dialogue_pages.import_workers import in_parallel, worker_count

from ...documents import DialogueDocument
from .directory import IndexDirectory
from .schema import Fields, build_schema, document_of, fields_of, to_tantivy

logger = logging.getLogger(__name__)
# Tantivy's indexing memory: its minimum for one thread for a publish, more for a rebuild.
WRITE_HEAP = 15_000_000
REBUILD_HEAP = 200_000_000
# Documents per commit of a bulk write. The lock is held from a commit's first document to its
# end, and free between commits, so a publish meanwhile waits seconds rather than the whole import.
BULK_COMMIT = 5_000

Prepared = list[tuple[int, tantivy.Document]]


def prepared(documents: Iterable[DialogueDocument]) -> Prepared:
    return [(document.page_id, to_tantivy(document)) for document in documents]


def analysed(documents: list[DialogueDocument]) -> list[tuple[int, Fields]]:
    """The field values of the documents' Tantivy documents (what a worker process sends back)."""
    return [(document.page_id, fields_of(document)) for document in documents]


def prepared_in_parallel(
    chunks: Iterable[list[DialogueDocument]], on_prepared: Callable[[list[DialogueDocument], Prepared], None],
    workers: int | None = None,
) -> None:
    """``on_prepared(documents, prepared(documents))`` for every chunk, in order, analysed in worker processes.

    ``workers`` processes, by default one per core (``import_workers.worker_count``); this one
    alone inside a transaction or on an in-memory database.
    """
    submitted: deque[list[DialogueDocument]] = deque()

    def tasks():
        for documents in chunks:
            submitted.append(documents)
            yield documents

    def built(result: list[tuple[int, Fields]]) -> None:
        on_prepared(submitted.popleft(), [(page_id, document_of(fields)) for page_id, fields in result])

    in_parallel(analysed, tasks(), worker_count(workers, None), built)


def apply(index: tantivy.Index, writes: Iterable[tuple[str, Prepared | list[int]]], heap: int = WRITE_HEAP) -> None:
    """Apply ``("index", prepared)`` and ``("delete", page_ids)`` in order, in one commit."""
    writer = index.writer(heap, 1)
    for action, payload in writes:
        if action == "index":
            for page_id, document in payload:
                writer.delete_documents_by_term("page_id", page_id)
                writer.add_document(document)
        else:
            for page_id in payload:
                writer.delete_documents_by_term("page_id", page_id)
    writer.commit()
    writer.wait_merging_threads()


def create(generation: Path) -> tantivy.Index:
    """A new, empty, committed index in ``generation``."""
    index = tantivy.Index(build_schema(), path=str(generation))
    apply(index, [])
    return index


class Writer:
    """Index and delete in the current generation, under the directory's lock."""

    def __init__(self, directory: IndexDirectory, lock_timeout: float) -> None:
        self.directory, self.lock_timeout = directory, lock_timeout

    def current_generation(self) -> Path:
        """The current generation, created on the first write (call with the lock held)."""
        generation = self.directory.current()
        if generation is None or not self.directory.is_compatible(generation):
            if generation is not None:
                logger.error("Search index %s was written by another version; starting an empty one: "
                             "run reindex_dialogues", generation)
            generation = self.directory.new_generation()
            create(generation)
            self.directory.point_to(generation)
        return generation

    def ensure(self) -> None:
        with self.directory.locked(self.lock_timeout):
            self.current_generation()

    def index(self, documents: list[DialogueDocument]) -> None:
        self.write(("index", documents), ("index", prepared(documents)))

    def delete(self, page_ids: list[int]) -> None:
        self.write(("delete", page_ids), ("delete", page_ids))

    def write(self, entry: tuple, write: tuple) -> None:
        with self.directory.locked(self.lock_timeout):
            apply(tantivy.Index.open(str(self.current_generation())), [write])
            if self.directory.building():
                self.directory.record(entry)

    def index_bulk(self, chunks: Iterable[list[DialogueDocument]], workers: int | None = None) -> None:
        """Index many documents: analysed in parallel, written in commits of ``BULK_COMMIT``."""
        bulk = BulkWrite(self)
        try:
            prepared_in_parallel(chunks, bulk.add, workers)
            bulk.commit()
        finally:
            bulk.close()


class BulkWrite:
    """Documents added to the current generation in large commits, each under the lock."""

    def __init__(self, writer: Writer) -> None:
        self.owner = writer
        self.lock: contextlib.ExitStack | None = None
        self.writer: tantivy.IndexWriter | None = None
        self.count = 0
        self.journal: list[DialogueDocument] | None = None  # kept for a rebuild running meanwhile

    def add(self, documents: list[DialogueDocument], prepared_documents: Prepared) -> None:
        if self.writer is None:
            self.begin()
        for page_id, document in prepared_documents:
            self.writer.delete_documents_by_term("page_id", page_id)
            self.writer.add_document(document)
        self.count += len(prepared_documents)
        if self.journal is not None:
            self.journal += documents
        if self.count >= BULK_COMMIT:
            self.commit()

    def begin(self) -> None:
        self.lock = contextlib.ExitStack()
        self.lock.enter_context(self.owner.directory.locked(self.owner.lock_timeout))
        self.writer = tantivy.Index.open(str(self.owner.current_generation())).writer(REBUILD_HEAP, 1)
        # A rebuild starts and ends under the lock, so whether one runs cannot change before the commit.
        self.journal = [] if self.owner.directory.building() else None

    def commit(self) -> None:
        if self.writer is None:
            return
        self.writer.commit()
        self.writer.wait_merging_threads()
        if self.journal:
            self.owner.directory.record(("index", self.journal))
        self.close()

    def close(self) -> None:
        """Release the lock; a writer not committed is dropped, and what it held with it."""
        self.writer, self.journal, self.count = None, None, 0
        if self.lock is not None:
            self.lock.close()
            self.lock = None


class Rebuild:
    """A full rebuild: a new generation filled in one commit, then made current."""

    def __init__(self, directory: IndexDirectory, lock_timeout: float) -> None:
        self.directory, self.lock_timeout = directory, lock_timeout
        self.generation = directory.new_generation()
        self.index = create(self.generation)
        with directory.locked(lock_timeout):
            directory.start_building(self.generation)
        self._writer: tantivy.IndexWriter | None = None
        self.page_ids: set[int] = set()

    @property
    def writer(self) -> tantivy.IndexWriter:
        """Opened on first use: worker processes analysing documents are forked before it has threads."""
        if self._writer is None:
            self._writer = self.index.writer(REBUILD_HEAP, 1)
        return self._writer

    def add(self, documents: list[DialogueDocument]) -> None:
        self.add_prepared(documents, prepared(documents))

    def add_prepared(self, documents: list[DialogueDocument], prepared_documents: Prepared) -> None:
        for page_id, document in prepared_documents:
            if page_id in self.page_ids:
                self.writer.delete_documents_by_term("page_id", page_id)
            self.writer.add_document(document)
            self.page_ids.add(page_id)

    def delete(self, page_ids: list[int]) -> None:
        for page_id in page_ids:
            self.writer.delete_documents_by_term("page_id", page_id)
            self.page_ids.discard(page_id)

    def finish(self) -> None:
        """Commit, replay what others wrote meanwhile, and make the new generation current."""
        self.writer.commit()
        self.writer.wait_merging_threads()
        with self.directory.locked(self.lock_timeout):
            journal = [(action, prepared(payload) if action == "index" else payload)
                       for action, payload in self.directory.recorded()]
            if journal:
                apply(self.index, journal)
            self.directory.point_to(self.generation)
            self.directory.stop_building()
            self.directory.prune()
