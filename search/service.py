"""The search service: which backend answers, how documents reach it, and what the API returns.

The backend is ``DIALOGUE_SEARCH_BACKEND`` (a dotted path) if set; else Elasticsearch when
``DIALOGUE_ELASTICSEARCH_URL`` (or the environment's ``ELASTICSEARCH_URL``) is set; else the
embedded Tantivy index. The embedded index is always kept, even with Elasticsearch in front: it
is what a search falls back to when Elasticsearch cannot be reached.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.queries import visible_rows
from dialogue_pages.serializers import content_language_codes
from dialogue_pages.status import Status, StatusFacts, status_on

from .backends.base import BackendUnavailable, FacetCount, SearchBackend, SearchFilters, SearchPage, SearchRequest
from .conf import elasticsearch_alias, elasticsearch_url, index_dir, search_backend
from .documents import DialogueDocument, document_from, document_of_row
from .query import parse_query

logger = logging.getLogger(__name__)

ELASTICSEARCH_BACKEND = "dialogue_search.backends.elasticsearch.ElasticsearchBackend"
TANTIVY_BACKEND = "dialogue_search.backends.tantivy.TantivyBackend"
# What answers when the configured backend's service is down, and so always holds the documents.
FALLBACK_BACKEND = TANTIVY_BACKEND
BULK_CHUNK = 250  # documents read and analysed together by index_in_bulk
ROW_FIELDS = ("page_id", "summary", "locale", "cancelled", "open_from", "closed_from", "decided_from", "has_feedback")
_backends: dict[str, SearchBackend] = {}


def backend_path() -> str:
    configured = search_backend()
    if configured:
        return configured
    return ELASTICSEARCH_BACKEND if elasticsearch_url() else TANTIVY_BACKEND


def backend_named(path: str) -> SearchBackend:
    # Keyed by the connection settings too, so that changed settings (tests, say) get a new instance.
    key = f"{path}|{elasticsearch_url()}|{elasticsearch_alias()}|{index_dir()}"
    if key not in _backends:
        _backends[key] = import_string(path)()
    return _backends[key]


def get_backend() -> SearchBackend:
    """The backend that answers searches."""
    return backend_named(backend_path())


def fallback_backend() -> SearchBackend:
    """The embedded index, which answers when the configured backend's service cannot be reached."""
    return backend_named(FALLBACK_BACKEND)


def index_backends() -> list[SearchBackend]:
    """Every backend that must hold the documents: the configured one and the embedded fallback."""
    configured, fallback = get_backend(), fallback_backend()
    return [configured] if configured is fallback else [fallback, configured]


def for_each_backend(action: str, *args: Any) -> None:
    for backend in index_backends():
        try:
            getattr(backend, action)(*args)
        except BackendUnavailable as error:
            # Publishing must not fail because a search service is down; reindex_dialogues repairs it.
            logger.error("Search backend %s could not %s: %s", backend.name, action, error)


def index_documents(documents: Iterable[DialogueDocument]) -> None:
    for_each_backend("index", list(documents))


def remove_pages(page_ids: Iterable[int]) -> None:
    for_each_backend("delete", list(page_ids))


def index_published(representations: dict[int, dict[str, Any]]) -> None:
    """Index the public dialogues (page id → representation) whose rows the read model has just written."""
    rows = {row.page_id: row for row in visible_rows().filter(page_id__in=list(representations)).defer("detail")}
    index_documents(document_from(representation, rows[page_id])
                    for page_id, representation in representations.items() if page_id in rows)
    remove_pages(page_id for page_id in representations if page_id not in rows)


def documents_of(rows: Iterable[PublishedDialogue]) -> list[DialogueDocument]:
    return [document_of_row(row) for row in rows]


def document_chunks(page_ids: list[int], size: int = BULK_CHUNK) -> Iterator[list[DialogueDocument]]:
    """The documents of the public rows of ``page_ids``, read from the read model ``size`` at a time."""
    for start in range(0, len(page_ids), size):
        yield documents_of(visible_rows().filter(page_id__in=page_ids[start:start + size]).order_by("page_id"))


def index_in_bulk(page_ids: Iterable[int], workers: int | None = None) -> None:
    """Index the public dialogues of ``page_ids`` and drop the others, many at once (after an import).

    Each backend takes them through ``index_bulk``: Tantivy analyses them in ``workers`` processes
    (default: one per core) and writes a few large commits instead of one small commit per batch.
    """
    ids = sorted(set(page_ids))
    public: list[int] = []
    for start in range(0, len(ids), BULK_CHUNK * 8):
        public += visible_rows().filter(page_id__in=ids[start:start + BULK_CHUNK * 8]).values_list("page_id", flat=True)
    public.sort()
    for backend in index_backends():
        try:
            backend.index_bulk(document_chunks(public), workers)
        except BackendUnavailable as error:
            logger.error("Search backend %s could not index in bulk: %s", backend.name, error)
    remove_pages(sorted(set(ids) - set(public)))


def search_request(q: str, locale: str | None, filters: SearchFilters, limit: int, offset: int) -> SearchRequest:
    return SearchRequest(
        query=parse_query(q), locale=locale, filters=filters, limit=limit, offset=offset,
        today=timezone.localdate(), now=timezone.now(), content_locales=tuple(content_language_codes()),
    )


def run_search(request: SearchRequest) -> SearchPage:
    """Ask the configured backend; if its service is down, the embedded index."""
    backend = get_backend()
    try:
        page = backend.search(request)
    except BackendUnavailable as error:
        logger.warning("Search backend %s unreachable, answering from the embedded index: %s", backend.name, error)
        page = fallback_backend().search(request)
    with translation.override(request.locale or translation.get_language()):
        page.facets["status"] = [
            FacetCount(facet.key, str(Status(facet.key).label), facet.count) for facet in page.facets.get("status", [])
        ]
    return page


def run_suggest(text: str, locale: str | None, limit: int) -> list[dict[str, Any]]:
    """Title suggestions as API items ({id, title, url, locale})."""
    arguments = (text, locale, limit, timezone.now(), tuple(content_language_codes()))
    backend = get_backend()
    try:
        suggestions = backend.suggest(*arguments)
    except BackendUnavailable as error:
        logger.warning("Search backend %s unreachable, suggesting from the embedded index: %s", backend.name, error)
        suggestions = fallback_backend().suggest(*arguments)
    ids = [suggestion.page_id for suggestion in suggestions]
    rows = {row["page_id"]: row for row in visible_rows().filter(page_id__in=ids).values("page_id", "summary")}
    items = []
    for page_id in ids:
        if page_id in rows:
            summary = orjson.loads(bytes(rows[page_id]["summary"]))
            items.append({key: summary[key] for key in ("id", "title", "url", "locale")})
    return items


def status_of(row: dict[str, Any], today: datetime.date) -> dict[str, str]:
    """The status today (a stored summary may be a day old)."""
    facts = StatusFacts(**{key: row[key] for key in ROW_FIELDS[3:]})
    status = status_on(facts, today)
    with translation.override(row["locale"]):
        return {"key": status.value, "label": str(status.label)}


def items_of(page: SearchPage, today: datetime.date) -> list[dict[str, Any]]:
    """API items of the hits, in rank order, read from the read model (only rows visible now)."""
    ids = [hit.page_id for hit in page.hits]
    rows = {row["page_id"]: row for row in visible_rows().filter(page_id__in=ids).values(*ROW_FIELDS)}
    items = []
    for hit in page.hits:
        row = rows.get(hit.page_id)
        if row is None:
            continue
        summary = orjson.loads(bytes(row["summary"]))
        items.append({
            "id": summary["id"], "title": summary["title"], "url": summary["url"], "locale": summary["locale"],
            "snippet": hit.snippet, "badge": summary["badge"], "status": status_of(row, today),
            "start": summary["start"], "end": summary["end"], "organisers": summary["organisers"],
            "example": summary.get("example", False),
        })
    return items
