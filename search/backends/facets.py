"""Visibility, filters, facet counts and ranking over the in-memory columns.

Facet counts follow the usual rule: the counts of one facet reflect the query and every
*other* filter, so a citizen sees how many results each choice of that facet would give.
"""

import datetime
from collections.abc import Callable

import numpy as np

from .base import FACET_SIZE, FACETS, FacetCount, SearchRequest
from .columns import STATUS_KEYS, Columns

MULTI_VALUED = ("organisation", "tag", "target_group", "area")


def visible_mask(columns: Columns, locale: str | None, content_locales: tuple[str, ...],
                 now: datetime.datetime) -> np.ndarray:
    """Rows the public may see now (the rule of ``visible_rows``), of ``locale`` if one is given."""
    wanted = [locale] if locale else list(content_locales)
    codes = [code for code, name in enumerate(columns.locales) if name in wanted and name in content_locales]
    return np.isin(columns.locale, codes) & (columns.expire_at > now.timestamp())


def year_mask(columns: Columns, year: int) -> np.ndarray:
    """Dialogues running at some time in ``year`` (the rule of the list endpoint's ``year``)."""
    first, last = datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal()
    has_from, has_to = columns.date_from != 0, columns.date_to != 0
    return (
        (has_from & (columns.date_from <= last) & has_to & (columns.date_to >= first))
        | (has_from & (columns.date_from <= last) & ~has_to)
        | (~has_from & has_to & (columns.date_to >= first) & (columns.date_to <= last))
    )


def filter_masks(columns: Columns, request: SearchRequest, status: np.ndarray) -> dict[str, np.ndarray]:
    """One mask per active filter."""
    masks: dict[str, np.ndarray] = {}
    for name, value in request.filters.active().items():
        if name == "rung":
            code = columns.rung_keys.index(value) if value in columns.rung_keys else -1
            masks[name] = columns.rung == code
        elif name == "status":
            masks[name] = status == STATUS_KEYS.index(value)
        elif name == "year":
            masks[name] = year_mask(columns, int(value))
        else:
            key = str(value).lower() if name == "tag" else str(value)
            multi = columns.multi.get(name)
            masks[name] = multi.having(key, columns.size) if multi else np.zeros(columns.size, dtype=bool)
    return masks


def top(keys: list[str], counts: np.ndarray, label: Callable[[str], str]) -> list[FacetCount]:
    order = sorted((index for index in np.flatnonzero(counts)), key=lambda index: (-counts[index], keys[index]))
    return [FacetCount(keys[index], label(keys[index]), int(counts[index])) for index in order[:FACET_SIZE]]


def localised(labels: dict[tuple[str, str], str], locale: str | None) -> Callable[[str], str]:
    fallback: dict[str, str] = {}
    for (key, _locale), label in labels.items():
        fallback.setdefault(key, label)
    return lambda key: labels.get((key, locale or ""), fallback.get(key, key)) or key


def labels_of(columns: Columns, facet: str, locale: str | None) -> Callable[[str], str]:
    """``localised`` labels of the rung or a multi-valued facet, built once per index version and locale."""
    labels = columns.rung_labels if facet == "rung" else columns.multi[facet].labels
    return columns.remembered(("labels", facet, locale), lambda: localised(labels, locale))


def year_counts(columns: Columns, rows: np.ndarray, today: datetime.date) -> list[FacetCount]:
    """How many dialogues run in each year (a dialogue of 2023–2024 counts in both)."""
    start = np.where(columns.year_from[rows] != 0, columns.year_from[rows], columns.year_to[rows])
    end = np.where(columns.year_to[rows] != 0, columns.year_to[rows], np.maximum(start, today.year))
    dated = start != 0
    start, end = start[dated], end[dated]
    if not len(start):
        return []
    base = int(start.min())
    spans = np.zeros(int(end.max()) - base + 2, dtype=np.int64)
    np.add.at(spans, start - base, 1)
    np.add.at(spans, end - base + 1, -1)
    counts = np.cumsum(spans)[:-1]
    return [FacetCount(str(base + offset), str(base + offset), int(counts[offset]))
            for offset in reversed(np.flatnonzero(counts).tolist())][:FACET_SIZE]


def facet_counts(columns: Columns, rows: np.ndarray, status: np.ndarray, request: SearchRequest,
                 masks: dict[str, np.ndarray]) -> dict[str, list[FacetCount]]:
    """Counts of every facet over ``rows`` with all filters but the facet's own."""
    result = {}
    for facet in FACETS:
        others = [mask for name, mask in masks.items() if name != facet]
        selected = rows[np.logical_and.reduce([mask[rows] for mask in others])] if others else rows
        if facet == "rung":
            counts = np.bincount(columns.rung[selected], minlength=len(columns.rung_keys))
            counts[0] = 0  # dialogues without a rung
            result[facet] = top(columns.rung_keys, counts, labels_of(columns, facet, request.locale))
        elif facet == "status":
            counts = np.bincount(status[selected], minlength=len(STATUS_KEYS))
            result[facet] = top(STATUS_KEYS, counts, str)  # the service puts in the translated labels
        elif facet == "year":
            result[facet] = year_counts(columns, selected, request.today)
        else:
            multi = columns.multi.get(facet)
            if multi is None:
                result[facet] = []
                continue
            chosen = np.zeros(columns.size, dtype=bool)
            chosen[selected] = True
            counts = np.bincount(multi.codes[chosen[multi.rows]], minlength=len(multi.keys))
            result[facet] = top(multi.keys, counts, labels_of(columns, facet, request.locale))
    return result


def rank(columns: Columns, rows: np.ndarray, tiers: np.ndarray) -> np.ndarray:
    """``rows`` ordered by tier (best field matched first), then newest, then highest id."""
    order = np.lexsort((-columns.page_ids[rows], -columns.sort_start[rows], tiers))
    return rows[order]


def select(columns: Columns, request: SearchRequest, rows: np.ndarray,
           tiering: Callable[[np.ndarray, int], np.ndarray] | None
           ) -> tuple[np.ndarray, int, dict[str, list[FacetCount]]]:
    """Page ids of the requested page, the total and the facets of matched ``rows``.

    ``tiering(page_ids, needed)`` gives the ranking tier of the rows that pass every filter, at
    least exact for the best ``needed`` of them; None ranks all rows alike.
    """
    status = columns.status(request.today)
    keep = visible_mask(columns, request.locale, request.content_locales, request.now)[rows]
    rows = rows[keep]
    masks = filter_masks(columns, request, status)
    facets = facet_counts(columns, rows, status, request, masks)
    if masks:
        rows = rows[np.logical_and.reduce([mask[rows] for mask in masks.values()])]
    needed = request.offset + request.limit
    tiers = tiering(columns.page_ids[rows], needed) if tiering else np.zeros(len(rows), dtype=np.int64)
    ranked = rank(columns, rows, tiers)
    page = ranked[request.offset: request.offset + request.limit]
    return columns.page_ids[page], len(rows), facets
