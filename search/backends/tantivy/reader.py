"""Searching the Tantivy index: hits in rank order, totals, facets by aggregation, suggestions.

Each search first compares the index's ``meta.json`` (and the generation the pointer names)
with what this process last read, and reloads only when another process has committed: a
few microseconds per search instead of a rebuild of anything in every worker.
"""

import datetime
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import orjson
import tantivy

from dialogue_pages.status import NEVER, TRANSITIONS, Status, StatusFacts, status_on

from ...highlight import Highlighter, snippet
from ...query import ParsedQuery
from ..base import FACET_SIZE, FACETS, FacetCount, Hit, SearchPage, SearchRequest
from .directory import IndexDirectory
from .queries import filter_queries, filtered, suggest_query, text_query, visibility
from .schema import SEPARATOR, build_schema

logger = logging.getLogger(__name__)
# Buckets asked of a terms aggregation: a value comes once per locale, and the counts are merged.
BUCKETS = FACET_SIZE * 10
STATUS_ORDER = [status.value for status in Status]


class Reader:
    """This process's view of the current generation, reloaded when another process commits."""

    def __init__(self, directory: IndexDirectory) -> None:
        self.directory = directory
        self.schema = build_schema()
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._meta = b""
        self._index: tantivy.Index | None = None

    def searcher(self) -> tantivy.Searcher | None:
        """A searcher of the latest commit, or None before anything was indexed."""
        generation = self.directory.current()
        if generation is None:
            return None
        if not self.directory.is_compatible(generation):
            # Until the next write replaces it, or reindex_dialogues rebuilds it: found nothing.
            logger.error("Search index %s was written by another version: run reindex_dialogues", generation)
            return None
        with self._lock:
            try:
                # Read before reloading: a commit after this read is seen by the next search.
                meta = (generation / "meta.json").read_bytes()
            except FileNotFoundError:
                return None
            if generation != self._generation or self._index is None:
                index = tantivy.Index.open(str(generation))
                index.config_reader(reload_policy="manual")
                self._index, self._generation, self._meta = index, generation, meta
            elif meta != self._meta:
                self._index.reload()
                self._meta = meta
            return self._index.searcher()

    def search(self, request: SearchRequest) -> SearchPage:
        searcher = self.searcher()
        if searcher is None:
            return SearchPage(total=0, hits=[], facets={name: [] for name in FACETS})
        locales = [request.locale] if request.locale else list(request.content_locales)
        base = filtered(text_query(self.schema, request.query, locales),
                        [visibility(self.schema, request.locale, request.content_locales, request.now)])
        filters = filter_queries(self.schema, request.filters, request.today)
        query = filtered(base, filters.values())
        if request.limit <= 0:
            addresses, total = [], searcher.search(query, 1, count=True).count
        elif request.query.items:
            addresses, total = by_score(searcher, query, request.offset, request.limit)
        else:
            result = searcher.search(query, request.limit, count=True, order_by_field="rank_key",
                                     offset=request.offset)
            addresses, total = [address for _key, address in result.hits], result.count
        facets = facet_counts(searcher, base, filters, request)
        return SearchPage(total=total, hits=self.hits(searcher, addresses, request.query, locales), facets=facets)

    def hits(self, searcher: tantivy.Searcher, addresses: list, query: ParsedQuery, locales: list[str]) -> list[Hit]:
        if not addresses:
            return []
        page_ids = searcher.fast_field_values("page_id", addresses)
        highlighter = Highlighter.for_query(query, locales)
        hits = []
        for page_id, address in zip(page_ids, addresses, strict=True):
            locale, *texts = orjson.loads(searcher.doc(address)["texts"][0])
            hits.append(Hit(int(page_id), snippet(texts, locale, highlighter)))
        return hits

    def ranked_ids(self, query: tantivy.Query, limit: int) -> list[int]:
        """Page ids of the best ``limit`` matches of an unscored query, newest first."""
        searcher = self.searcher()
        if searcher is None or limit <= 0:
            return []
        result = searcher.search(query, limit, order_by_field="rank_key")
        addresses = [address for _key, address in result.hits]
        return [int(page_id) for page_id in searcher.fast_field_values("page_id", addresses)] if addresses else []

    def suggest(self, prefixes: list[str], locale: str | None, limit: int, now: datetime.datetime,
                content_locales: tuple[str, ...]) -> list[int]:
        """Ids of titles with every prefix, those starting with the first one first, then newest."""
        visible = visibility(self.schema, locale, content_locales, now)
        at_start = self.ranked_ids(filtered(suggest_query(self.schema, prefixes, True), [visible]), limit)
        anywhere = self.ranked_ids(filtered(suggest_query(self.schema, prefixes, False), [visible]),
                                   limit + len(at_start))
        return list(dict.fromkeys(at_start + anywhere))[:limit]

    def page_ids(self, locale: str | None) -> set[int]:
        searcher = self.searcher()
        if searcher is None or not searcher.num_docs:
            return set()
        query = tantivy.Query.term_query(self.schema, "locale", locale) if locale else tantivy.Query.all_query()
        addresses = [address for _score, address in searcher.search(query, searcher.num_docs).hits]
        return {int(page_id) for page_id in searcher.fast_field_values("page_id", addresses)} if addresses else set()


def by_score(searcher: tantivy.Searcher, query: tantivy.Query, offset: int, limit: int) -> tuple[list, int]:
    """The page's addresses by score, equal scores newest first (then highest id), and the total.

    Scores are weighted by recency, so matches of equal relevance come out newest first. Matches of
    the same day still tie, which Tantivy breaks by its own document order: every match tied with
    the page's last score is fetched (the fetch grows until a lower score shows up) and ordered here.
    """
    wanted = offset + limit
    fetch = wanted + 1
    while True:
        result = searcher.search(query, fetch, count=True, weight_by_field="recency")
        hits = result.hits
        if len(hits) < fetch or hits[-1][0] < hits[wanted - 1][0]:
            break
        fetch *= 4
    if not hits:
        return [], result.count
    keys = searcher.fast_field_values("rank_key", [address for _score, address in hits])
    order = sorted(range(len(hits)), key=lambda index: (-hits[index][0], -keys[index]))
    return [hits[index][1] for index in order[offset:wanted]], result.count


def top(counts: dict[str, int], label: Callable[[str], str]) -> list[FacetCount]:
    ordered = sorted((key for key, count in counts.items() if count), key=lambda key: (-counts[key], key))
    return [FacetCount(key, label(key), counts[key]) for key in ordered[:FACET_SIZE]]


def labelled_counts(buckets: list[dict], locale: str | None) -> list[FacetCount]:
    """Counts per key of "key<US>locale<US>label" buckets, labelled in ``locale`` where there is one."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for bucket in buckets:
        key, bucket_locale, label = (str(bucket["key"]).split(SEPARATOR) + ["", ""])[:3]
        counts[key] = counts.get(key, 0) + bucket["doc_count"]
        if key not in labels or bucket_locale == locale:
            labels[key] = label or key
    return top(counts, labels.__getitem__)


def status_aggregation(today: datetime.date, fields: tuple[str, ...] = TRANSITIONS) -> dict:
    """Nested ranges: each transition day reached by ``today`` or ahead, then cancelled or not."""
    if not fields:
        return {"terms": {"field": "cancelled", "size": 2}}
    split = today.toordinal() + 1
    return {"range": {"field": fields[0], "ranges": [{"to": split}, {"from": split}]},
            "aggs": {"inner": status_aggregation(today, fields[1:])}}


def status_counts(result: dict, today: datetime.date) -> list[FacetCount]:
    """Counts per status: each combination of reached/ahead days is given to ``status_on`` (the one rule)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)

    def walk(aggregation: dict, facts: dict) -> None:
        if len(facts) == len(TRANSITIONS):
            for bucket in aggregation["buckets"]:
                status = status_on(StatusFacts(cancelled=bool(bucket["key"]), **facts), today)
                counts[status.value] += bucket["doc_count"]
            return
        field = TRANSITIONS[len(facts)]
        for bucket in aggregation["buckets"]:
            if bucket["doc_count"]:
                walk(bucket["inner"], {**facts, field: today if "to" in bucket else NEVER})

    walk(result, {})
    return top(counts, str)  # the service puts in the translated labels


def year_counts(result: dict, today: datetime.date) -> list[FacetCount]:
    """How many dialogues run in each year (a dialogue of 2023–2024 counts in both), newest year first."""
    counts: dict[int, int] = {}
    for outer in result["buckets"]:
        for inner in outer["to"]["buckets"]:
            year_from, year_to = int(outer["key"]), int(inner["key"])
            start = year_from or year_to
            if not start:
                continue
            end = year_to or max(start, today.year)
            for year in range(start, end + 1):
                counts[year] = counts.get(year, 0) + inner["doc_count"]
    return [FacetCount(str(year), str(year), counts[year]) for year in sorted(counts, reverse=True)][:FACET_SIZE]


def aggregation(facet: str, today: datetime.date) -> dict:
    if facet == "status":
        return status_aggregation(today)
    if facet == "year":
        return {"terms": {"field": "year_from", "size": 1000},
                "aggs": {"to": {"terms": {"field": "year_to", "size": 1000}}}}
    field = "rung_labelled" if facet == "rung" else f"{facet}_labelled"
    return {"terms": {"field": field, "size": BUCKETS}}


def facet_counts(searcher: tantivy.Searcher, base: tantivy.Query, filters: dict[str, tantivy.Query],
                 request: SearchRequest) -> dict[str, list[FacetCount]]:
    """Counts of every facet with all filters but the facet's own: one aggregation per set of filters."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for facet in FACETS:
        groups.setdefault(tuple(name for name in filters if name != facet), []).append(facet)
    result: dict[str, list[FacetCount]] = {}
    for others, facets in groups.items():
        found = searcher.aggregate(filtered(base, [filters[name] for name in others]),
                                   {facet: aggregation(facet, request.today) for facet in facets})
        for facet in facets:
            if facet == "status":
                result[facet] = status_counts(found[facet], request.today)
            elif facet == "year":
                result[facet] = year_counts(found[facet], request.today)
            else:
                result[facet] = labelled_counts(found[facet]["buckets"], request.locale)
    return {facet: result[facet] for facet in FACETS}

