"""The embedded default backend: a Tantivy index in a directory on the host (``DIALOGUE_SEARCH_INDEX_DIR``).

``schema`` holds the fields and the analysers, ``queries`` turns a parsed query, filters and the
status rule into Tantivy queries, ``reader`` searches, ``writer`` writes under a lock shared by
every process of the host, ``directory`` lays out generations, the pointer and the rebuild journal.
"""

import datetime
from collections.abc import Iterable
from pathlib import Path

from ...analysis import fold
from ...conf import index_dir, index_lock_timeout
from ...documents import DialogueDocument
from ...query import prefix_words
from ..base import SearchBackend, SearchPage, SearchRequest, Suggestion
from .directory import IndexDirectory
from .reader import Reader
from .writer import Rebuild, Writer, prepared_in_parallel


class TantivyBackend(SearchBackend):
    """Full-text search in a Tantivy index beside the media root; no other service needed."""

    name = "tantivy"

    def __init__(self, root: Path | None = None) -> None:
        self.directory = IndexDirectory(root or index_dir())
        self.writer = Writer(self.directory, index_lock_timeout())
        self.reader = Reader(self.directory)
        self.rebuild: Rebuild | None = None

    def index(self, documents: Iterable[DialogueDocument]) -> None:
        documents = list({document.page_id: document for document in documents}.values())
        if not documents:
            return
        if self.rebuild:
            self.rebuild.add(documents)
        else:
            self.writer.index(documents)

    def index_bulk(self, chunks: Iterable[list[DialogueDocument]], workers: int | None = None) -> None:
        """Analyse the documents in worker processes and write them in a few large commits."""
        if self.rebuild:
            prepared_in_parallel(chunks, self.rebuild.add_prepared, workers)
        else:
            self.writer.index_bulk(chunks, workers)

    def delete(self, page_ids: Iterable[int]) -> None:
        page_ids = sorted(set(page_ids))
        if not page_ids:
            return
        if self.rebuild:
            self.rebuild.delete(page_ids)
        else:
            self.writer.delete(page_ids)

    def search(self, request: SearchRequest) -> SearchPage:
        return self.reader.search(request)

    def suggest(self, text: str, locale: str | None, limit: int, now: datetime.datetime,
                content_locales: tuple[str, ...]) -> list[Suggestion]:
        prefixes = prefix_words(text)
        if len(prefixes) > 1 and len(fold(prefixes[-1])) < 2:
            prefixes.pop()  # a word just begun says nothing yet
        if not prefixes or sum(len(fold(prefix)) for prefix in prefixes) < 2:
            return []
        return [Suggestion(page_id, "") for page_id in self.reader.suggest(prefixes, locale, limit, now,
                                                                           content_locales)]

    def health(self) -> tuple[bool, str]:
        if self.directory.current() is None:
            self.writer.ensure()  # an empty index, so that readiness also proves the directory writable
        searcher = self.reader.searcher()
        count = searcher.num_docs if searcher is not None else 0
        return True, f"{count} dialogues in {self.directory.current()}"

    def indexed_ids(self, locale: str | None = None) -> set[int]:
        if self.rebuild:
            return set(self.rebuild.page_ids)
        return self.reader.page_ids(locale)

    def prepare_rebuild(self, locale: str | None) -> None:
        """A full rebuild fills a new generation; a rebuild of one locale updates the current one."""
        if locale is None:
            self.rebuild = Rebuild(self.directory, index_lock_timeout())

    def finish_rebuild(self, locale: str | None) -> None:
        if self.rebuild:
            rebuild, self.rebuild = self.rebuild, None
            rebuild.finish()
