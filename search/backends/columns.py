"""The filter and facet fields of every indexed dialogue, as in-memory columns (numpy arrays).

Why: a full-text match of a common word yields tens of thousands of dialogues, and counting six
facets over them row by row in SQL costs microseconds per row. Held as columns, the counts of a
whole result set take well under a millisecond. The columns are a cache of ``IndexedDialogue``:
every index change writes a new random token to ``IndexState``, and a search that sees another
token than the one its columns were built from reloads them (a token survives transaction
rollbacks and works across processes, which a counter would not).
"""

import datetime
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson

from dialogue_pages.status import RULE, TRANSITIONS, Status

from ..models import IndexedDialogue, IndexState

STATUS_KEYS = [status.value for status in Status]
NO_TOKEN = "-"


@dataclass
class MultiValued:
    """One multi-valued facet (organisation, tag, target group) as (row, value code) pairs."""

    rows: np.ndarray
    codes: np.ndarray
    keys: list[str]
    labels: dict[tuple[str, str], str]  # (key, locale) -> label

    def having(self, key: str, size: int) -> np.ndarray:
        """A mask of the rows that have ``key``."""
        mask = np.zeros(size, dtype=bool)
        if key in self.keys:
            mask[self.rows[self.codes == self.keys.index(key)]] = True
        return mask


@dataclass
class Columns:
    """Column arrays of all indexed dialogues, ordered by page id."""

    token: str
    page_ids: np.ndarray
    locale: np.ndarray
    locales: list[str]
    expire_at: np.ndarray  # POSIX seconds, +inf for never
    rung: np.ndarray
    rung_keys: list[str]
    rung_labels: dict[tuple[str, str], str]
    cancelled: np.ndarray
    transitions: dict[str, np.ndarray]  # the first day of each status (``status.TRANSITIONS``), as ordinals
    date_from: np.ndarray  # proleptic ordinals, 0 for none
    date_to: np.ndarray
    year_from: np.ndarray  # 0 for none
    year_to: np.ndarray
    has_feedback: np.ndarray
    sort_start: np.ndarray
    multi: dict[str, MultiValued] = field(default_factory=dict)
    # Values derived from the columns alone (today's statuses, label look-ups): computed once per
    # index version instead of once per search, which at 100,000 dialogues costs a millisecond each.
    derived: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.page_ids)

    def remembered(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept with these columns under ``key``."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def rows_of(self, page_ids: np.ndarray) -> np.ndarray:
        """Row numbers of ``page_ids`` (ids unknown to the columns are dropped)."""
        if not len(page_ids) or not self.size:
            return np.zeros(0, dtype=np.int64)
        positions = np.searchsorted(self.page_ids, page_ids)
        inside = positions < self.size
        positions, page_ids = positions[inside], page_ids[inside]
        return positions[self.page_ids[positions] == page_ids]

    def status(self, today: datetime.date) -> np.ndarray:
        """The status of every row today (``dialogue_pages.status.status_on`` in bulk, from its ``RULE``)."""
        return self.remembered(("status", today), lambda: self._status(today))

    def _status(self, today: datetime.date) -> np.ndarray:
        day = today.toordinal()
        status = np.full(self.size, STATUS_KEYS.index(Status.CANCELLED), dtype=np.int8)
        undecided = ~self.cancelled
        # RULE's statuses are exclusive: each row takes the one whose conditions all hold.
        for key, conditions in RULE.items():
            holds = undecided.copy()
            for field_name, when in conditions:
                reached = self.transitions[field_name] <= day
                holds &= reached if when == "reached" else ~reached
            status[holds] = STATUS_KEYS.index(key)
        status.flags.writeable = False  # shared by every search of the day
        return status


def ordinals(values: tuple) -> np.ndarray:
    """Proleptic ordinals of dates, 0 for none."""
    return np.fromiter((value.toordinal() if value else 0 for value in values), dtype=np.int32, count=len(values))


def codes_of(values: tuple, code_of: dict[str, int], dtype) -> np.ndarray:
    """A code per value, numbered in order of first appearance (``code_of`` is extended)."""
    return np.fromiter((code_of.setdefault(value, len(code_of)) for value in values), dtype=dtype, count=len(values))


def multi_valued(facets: tuple, row_locales: tuple) -> dict[str, MultiValued]:
    """The multi-valued facets of every row from the rows' JSON lists of [kind, key, label]."""
    entries: dict[str, tuple[list[int], list[int], dict[str, int], dict[tuple[str, str], str]]] = {}
    for row, (row_facets, locale) in enumerate(zip(facets, row_locales, strict=True)):
        for kind, key, label in orjson.loads(row_facets):
            if kind not in entries:
                entries[kind] = ([], [], {}, {})
            rows, codes, code_of, labels = entries[kind]
            rows.append(row)
            codes.append(code_of.setdefault(key, len(code_of)))
            labels.setdefault((key, locale), label)
    return {
        kind: MultiValued(rows=np.array(rows, dtype=np.int64), codes=np.array(codes, dtype=np.int64),
                          keys=list(code_of), labels=labels)
        for kind, (rows, codes, code_of, labels) in entries.items()
    }


def build(token: str, rows: list[tuple]) -> Columns:
    """Columns from ``IndexedDialogue`` rows with the fields of ``FIELDS``.

    Column by column, so that 100,000 rows take a fraction of a second: every search process
    builds them again after each change of the index.
    """
    column = dict(zip(FIELDS, zip(*rows, strict=True), strict=True)) if rows else {name: () for name in FIELDS}
    locales: dict[str, int] = {}
    rung_codes: dict[str, int] = {"": 0}
    rung_labels: dict[tuple[str, str], str] = {}
    for rung_key, locale, label in zip(column["rung_key"], column["locale"], column["rung_label"], strict=True):
        if (rung_key, locale) not in rung_labels:
            rung_labels[(rung_key, locale)] = label
    date_from, date_to = column["date_from"], column["date_to"]
    return Columns(
        token=token,
        page_ids=np.array(column["page_id"], dtype=np.int64),
        locale=codes_of(column["locale"], locales, np.int16),
        locales=list(locales),
        expire_at=np.array([value.timestamp() if value else np.inf for value in column["expire_at"]],
                           dtype=np.float64),
        rung=codes_of(column["rung_key"], rung_codes, np.int32),
        rung_keys=list(rung_codes),
        rung_labels=rung_labels,
        cancelled=np.array([bool(value) for value in column["cancelled"]], dtype=bool),
        transitions={name: ordinals(column[name]) for name in TRANSITIONS},
        date_from=ordinals(date_from),
        date_to=ordinals(date_to),
        year_from=np.array([value.year if value else 0 for value in date_from], dtype=np.int32),
        year_to=np.array([value.year if value else 0 for value in date_to], dtype=np.int32),
        has_feedback=np.array([bool(value) for value in column["has_feedback"]], dtype=bool),
        sort_start=ordinals(column["sort_start"]),
        multi=multi_valued(column["facets"], column["locale"]),
    )


FIELDS = ("page_id", "locale", "expire_at", "rung_key", "rung_label", "cancelled", *TRANSITIONS, "date_from",
          "date_to", "has_feedback", "sort_start", "facets")
_cache: dict[str, Columns] = {}
_lock = threading.Lock()


def current_token(using: str) -> str:
    return IndexState.objects.using(using).values_list("token", flat=True).first() or NO_TOKEN


def load(using: str = "default") -> Columns:
    """The columns of database ``using``, reloaded only when the index changed since the last call."""
    token = current_token(using)
    cached = _cache.get(using)
    if cached is not None and cached.token == token:
        return cached
    with _lock:
        cached = _cache.get(using)
        if cached is None or cached.token != token:
            rows = list(IndexedDialogue.objects.using(using).order_by("page_id").values_list(*FIELDS))
            cached = _cache[using] = build(token, rows)
    return cached


def forget(using: str = "default") -> None:
    """Drop the cached columns (a test switching databases, say)."""
    _cache.pop(using, None)
