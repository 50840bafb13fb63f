"""The embedded default backend: SQLite FTS5 or PostgreSQL full text, chosen by the database vendor.

A search costs a constant number of queries whatever the number of results: the index token,
the compound vocabulary, one statement with the matching ids of every tier (on SQLite only of
the expressions whose ids this process has not kept, see ``postings.py``), and the texts of
the page's hits for snippets. Filters, facet counts and ranking happen on in-memory columns
(``columns.py``, ``facets.py``).
"""

import datetime
import uuid
from collections.abc import Iterable

import numpy as np
import orjson
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction

from dialogue_pages.read_model.models import PublishedDialogue

from ..analysis import fold
from ..documents import DialogueDocument
from ..highlight import Highlighter, snippet
from ..models import IndexedDialogue, IndexedText, IndexState, IndexTerm
from ..query import prefix_words
from .base import Hit, SearchBackend, SearchPage, SearchRequest, Suggestion
from .columns import Columns, load
from .facets import rank, select, visible_mask
from .plan import COMPOUND_TIER, AnalysedDocument, QueryPlan, analyse_document, plan_query
from .postgres import PostgresFullText
from .postings import ids_of, sorted_unique, vocabulary
from .sqlite import SqliteFullText

DIALECTS = {"sqlite": SqliteFullText, "postgresql": PostgresFullText}
DOCUMENT_FIELDS = ("locale", "expire_at", "rung_key", "rung_label", "cancelled", "open_from", "closed_from",
                   "decided_from", "date_from", "date_to", "has_feedback", "sort_start", "facets")
TEXT_FIELDS = ("title", "intro", "purpose", "body")


class Tiering:
    """The ranking tier of matched rows, asked of the index tier by tier, best first, only as far as needed.

    Every match is in the broadest tier; the finer ones (title, intro, purpose, stemmed words,
    folded words) are looked up until the rows of tiers found so far fill the requested page:
    a common word usually fills it from titles alone, and the remaining rows, which the page
    does not reach, keep the broadest tier.
    """

    def __init__(self, backend: "DatabaseBackend", plan: QueryPlan, expansions: dict[str, list[str]],
                 token: str) -> None:
        self.backend, self.plan, self.expansions, self.token = backend, plan, expansions, token

    def __call__(self, page_ids: np.ndarray, needed: int) -> np.ndarray:
        tiers = np.full(len(page_ids), COMPOUND_TIER, dtype=np.int64)
        open_ = np.ones(len(page_ids), dtype=bool)
        with connections[self.backend.using].cursor() as cursor:
            for tier in range(COMPOUND_TIER):
                if not open_.any() or len(page_ids) - open_.sum() >= needed:
                    break
                (ids,), _excluded = self.backend.full_text.matching_ids(
                    cursor, self.plan, self.expansions, [tier], token=self.token)
                found = open_ & np.isin(page_ids, ids, assume_unique=True)
                tiers[found] = tier
                open_ &= ~found
        return tiers


class DatabaseBackend(SearchBackend):
    """Full-text search in the project's own database; no other service needed."""

    name = "database"

    def __init__(self, using: str = "default") -> None:
        self.using = using

    @property
    def full_text(self) -> SqliteFullText | PostgresFullText:
        vendor = connections[self.using].vendor
        if vendor not in DIALECTS:
            raise ImproperlyConfigured(f"Database search supports SQLite and PostgreSQL, not {vendor}.")
        return DIALECTS[vendor]()

    def changed(self) -> None:
        """Tell every process that its facet columns are out of date."""
        if not IndexState.objects.using(self.using).update(token=uuid.uuid4().hex):
            IndexState.objects.using(self.using).create(token=uuid.uuid4().hex)

    def index(self, documents: Iterable[DialogueDocument]) -> None:
        documents = {document.page_id: document for document in documents}
        if not documents:
            return
        # Word analysis needs no lock: done before the write transaction, other writers go on meanwhile.
        analysed = {page_id: analyse_document(document) for page_id, document in documents.items()}
        with transaction.atomic(using=self.using):
            # The entry hangs off the read-model row: a row that is gone already needs no entry.
            present = set(PublishedDialogue.objects.using(self.using).filter(page_id__in=documents)
                          .values_list("page_id", flat=True))
            self._write([documents[page_id] for page_id in documents if page_id in present],
                        [analysed[page_id] for page_id in documents if page_id in present])
            self.changed()

    def _write(self, documents: list[DialogueDocument], analysed: list[AnalysedDocument]) -> None:
        if not documents:
            return
        manager = IndexedDialogue.objects.using(self.using)
        manager.bulk_create(
            [IndexedDialogue(page_id=d.page_id, **{**{name: getattr(d, name) for name in DOCUMENT_FIELDS},
                                                   "facets": orjson.dumps(d.facets).decode()})
             for d in documents],
            update_conflicts=True, unique_fields=["page"], update_fields=list(DOCUMENT_FIELDS),
        )
        IndexedText.objects.using(self.using).bulk_create(
            [IndexedText(dialogue_id=d.page_id, **{name: getattr(d, name) for name in TEXT_FIELDS})
             for d in documents],
            update_conflicts=True, unique_fields=["dialogue"], update_fields=list(TEXT_FIELDS),
        )
        terms = sorted({term for document in analysed for term in document.terms})
        with connections[self.using].cursor() as cursor:
            self.full_text.add_terms(cursor, terms)
            self.full_text.write(cursor, analysed)

    def delete(self, page_ids: Iterable[int]) -> None:
        page_ids = list(page_ids)
        if not page_ids:
            return
        with transaction.atomic(using=self.using):
            IndexedDialogue.objects.using(self.using).filter(page_id__in=page_ids).delete()
            with connections[self.using].cursor() as cursor:
                self.full_text.delete(cursor, page_ids)
            self.changed()

    def search(self, request: SearchRequest) -> SearchPage:
        columns = load(self.using)
        query = request.query
        if query.matches_nothing:
            rows = np.zeros(0, dtype=np.int64)
            tiering = None
        elif not (query.items or query.excluded):
            rows, tiering = np.arange(columns.size), None
        else:
            plan = plan_query(query, [request.locale] if request.locale else request.content_locales)
            with connections[self.using].cursor() as cursor:
                expansions = vocabulary.lists_of(
                    columns.token, plan.parts,
                    lambda parts: {part: [] for part in parts} | self.full_text.expansions(cursor, parts))
                # Every match (the broadest tier) and the excluded ones; the finer tiers only as needed.
                (broad,), excluded = self.full_text.matching_ids(
                    cursor, plan, expansions, [COMPOUND_TIER], excluded=True, token=columns.token
                )
            matched = broad if plan.items else columns.page_ids
            if len(excluded):
                matched = matched[~np.isin(matched, excluded, assume_unique=True)]
            rows = columns.rows_of(matched)  # drops ids the columns do not know
            tiering = Tiering(self, plan, expansions, columns.token) if plan.items else None
        page_ids, total, facets = select(columns, request, rows, tiering)
        return SearchPage(total=total, hits=self.hits(request, columns, page_ids.tolist()), facets=facets)

    def hits(self, request: SearchRequest, columns: Columns, page_ids: list[int]) -> list[Hit]:
        """Hits with snippets, in the order of ``page_ids`` (one query for all their texts)."""
        if not page_ids:
            return []
        texts = {
            row[0]: row[1:] for row in IndexedText.objects.using(self.using).filter(dialogue_id__in=page_ids)
            .values_list("dialogue_id", "intro", "purpose", "body")
        }
        locales = [request.locale] if request.locale else list(request.content_locales)
        highlighter = Highlighter.for_query(request.query, locales)
        row_locale = dict(zip(page_ids, (columns.locales[code] for code in
                                         columns.locale[columns.rows_of(np.array(page_ids))]), strict=False))
        return [Hit(page_id, snippet(texts.get(page_id, ()), row_locale.get(page_id, ""), highlighter))
                for page_id in page_ids]

    def suggest(self, text: str, locale: str | None, limit: int, now: datetime.datetime,
                content_locales: tuple[str, ...]) -> list[Suggestion]:
        prefixes = [fold(word) for word in prefix_words(text)]
        if len(prefixes) > 1 and len(prefixes[-1]) < 2:
            prefixes.pop()  # a word just begun says nothing yet
        if not prefixes or sum(len(prefix) for prefix in prefixes) < 2:
            return []
        columns = load(self.using)
        with connections[self.using].cursor() as cursor:
            at_start, anywhere = self.full_text.suggest_ids(cursor, prefixes)
        matched = sorted_unique(ids_of(anywhere))
        rows = columns.rows_of(matched)
        tiers = np.where(np.isin(columns.page_ids[rows], ids_of(at_start)), 0, 1)
        keep = visible_mask(columns, locale, content_locales, now)[rows]
        ranked = rank(columns, rows[keep], tiers[keep])[:limit]
        return [Suggestion(int(page_id), "") for page_id in columns.page_ids[ranked]]

    def health(self) -> tuple[bool, str]:
        with connections[self.using].cursor() as cursor:
            return True, self.full_text.check(cursor)

    def indexed_ids(self, locale: str | None = None) -> set[int]:
        entries = IndexedDialogue.objects.using(self.using)
        if locale:
            entries = entries.filter(locale=locale)
        return set(entries.values_list("page_id", flat=True))

    def prepare_rebuild(self, locale: str | None) -> None:
        if locale is None:
            # The vocabulary only grows between rebuilds; a full rebuild forgets words no longer used.
            IndexTerm.objects.using(self.using).all().delete()

    def finish_rebuild(self, locale: str | None) -> None:
        with connections[self.using].cursor() as cursor:
            self.full_text.optimise(cursor)
        self.changed()
