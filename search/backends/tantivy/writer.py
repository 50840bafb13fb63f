"""Writing the Tantivy index: one process at a time, each write one commit.

Documents are analysed before the lock is taken (the costly part), so other writers wait only
for Tantivy's own work. A full rebuild (``Rebuild``) fills a new generation and swaps it in.
"""

import logging
from collections.abc import Iterable
from pathlib import Path

import tantivy

from ...documents import DialogueDocument
from .directory import IndexDirectory
from .schema import build_schema, to_tantivy

logger = logging.getLogger(__name__)
# Tantivy's indexing memory: its minimum for one thread for a publish, more for a rebuild.
WRITE_HEAP = 15_000_000
REBUILD_HEAP = 200_000_000

Prepared = list[tuple[int, tantivy.Document]]


def prepared(documents: Iterable[DialogueDocument]) -> Prepared:
    return [(document.page_id, to_tantivy(document)) for document in documents]


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


class Rebuild:
    """A full rebuild: a new generation filled in one commit, then made current."""

    def __init__(self, directory: IndexDirectory, lock_timeout: float) -> None:
        self.directory, self.lock_timeout = directory, lock_timeout
        self.generation = directory.new_generation()
        self.index = create(self.generation)
        with directory.locked(lock_timeout):
            directory.start_building(self.generation)
        self.writer = self.index.writer(REBUILD_HEAP, 1)
        self.page_ids: set[int] = set()

    def add(self, documents: list[DialogueDocument]) -> None:
        for page_id, document in prepared(documents):
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
