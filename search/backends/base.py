"""The interface every search backend implements, and the values it takes and returns.

A backend is chosen by dotted path (setting ``DIALOGUE_SEARCH_BACKEND``). It is given search
documents built from the read model (``dialogue_search.documents``) and answers with page ids, snippets,
totals and facet counts; the service turns ids into API items from the read model, so a backend
never decides what a citizen may see on its own.
"""

import abc
import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..documents import DialogueDocument
from ..query import ParsedQuery

FACETS = ("rung", "status", "organisation", "year", "tag", "target_group", "area")
# How many values each facet lists at most (the most frequent first).
FACET_SIZE = 50


class BackendUnavailable(Exception):
    """Raised by a backend whose service cannot be reached (or written): searches then go to the embedded
    Tantivy index, and a failed write is logged for ``reindex_dialogues`` to repair."""


@dataclass(frozen=True)
class SearchFilters:
    """Filter values of a search; None means "any"."""

    organisation: str | None = None
    rung: str | None = None
    status: str | None = None
    year: int | None = None
    tag: str | None = None
    target_group: str | None = None
    area: str | None = None

    def active(self) -> dict[str, str | int]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name) is not None}


@dataclass(frozen=True)
class SearchRequest:
    """One search: the parsed query, the locale (None: all), filters and the page wanted."""

    query: ParsedQuery
    locale: str | None
    filters: SearchFilters
    limit: int
    offset: int
    today: datetime.date
    now: datetime.datetime
    content_locales: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Hit:
    """One result: the page id and an HTML snippet (escaped, with <mark> around matches)."""

    page_id: int
    snippet: str


@dataclass
class SearchPage:
    """What a backend answers: one page of hits, the total and the facet counts."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    title: str


class SearchBackend(abc.ABC):
    """Index, delete, search, suggest, facets and health: all a backend has to provide."""

    #: shown in logs and in /readyz
    name = "search"

    @abc.abstractmethod
    def index(self, documents: Iterable[DialogueDocument]) -> None:
        """Add or replace the documents."""

    def index_bulk(self, chunks: Iterable[list[DialogueDocument]], workers: int | None = None) -> None:
        """Add or replace many documents, given a chunk at a time (the end of an import, a reindex).

        By default ``index`` per chunk; a backend that writes faster in large commits overrides it
        (``workers``: processes it may analyse documents in; None: one per core).
        """
        for documents in chunks:
            self.index(documents)

    @abc.abstractmethod
    def delete(self, page_ids: Iterable[int]) -> None:
        """Remove the documents of these pages (unknown ids are fine)."""

    @abc.abstractmethod
    def search(self, request: SearchRequest) -> SearchPage:
        """One page of hits in rank order, with the total and the facets."""

    @abc.abstractmethod
    def suggest(self, text: str, locale: str | None, limit: int, now: datetime.datetime,
                content_locales: tuple[str, ...]) -> list[Suggestion]:
        """Titles matching what has been typed so far (from two letters on)."""

    @abc.abstractmethod
    def health(self) -> tuple[bool, str]:
        """(reachable, detail) for /readyz."""

    def facets(self, request: SearchRequest) -> dict[str, list[FacetCount]]:
        """Facet counts of a search without its hits."""
        return self.search(dataclasses.replace(request, limit=0, offset=0)).facets

    def indexed_ids(self, locale: str | None = None) -> set[int]:
        """Page ids in the index (of ``locale``), so a reindex can drop what should not be there."""
        raise NotImplementedError

    def prepare_rebuild(self, locale: str | None) -> None:  # noqa: B027  (optional hook)
        """Called before a reindex writes documents."""

    def finish_rebuild(self, locale: str | None) -> None:  # noqa: B027  (optional hook)
        """Called after a reindex wrote every document."""
