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

from dialogue_pages.status import Status

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
    status_override: np.ndarray  # index into STATUS_KEYS, -1 for derived
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
        """The derived status of every row today (``dialogue_pages.status.derive_status`` in bulk)."""
        return self.remembered(("status", today), lambda: self._status(today))

    def _status(self, today: datetime.date) -> np.ndarray:
        day = today.toordinal()
        planned = (self.date_from > day) | ((self.date_from == 0) & (self.date_to == 0))
        ended = (self.date_to != 0) & (self.date_to < day)
        derived = np.where(
            planned, STATUS_KEYS.index(Status.PLANNED),
            np.where(ended, np.where(self.has_feedback, STATUS_KEYS.index(Status.DECIDED),
                                     STATUS_KEYS.index(Status.CLOSED)), STATUS_KEYS.index(Status.OPEN)),
        )
        status = np.where(self.status_override >= 0, self.status_override, derived)
        status.flags.writeable = False  # shared by every search of the day
        return status


def ordinal(value: datetime.date | None) -> int:
    return value.toordinal() if value else 0


class _MultiBuilder:
    def __init__(self) -> None:
        self.rows: list[int] = []
        self.codes: list[int] = []
        self.code_of: dict[str, int] = {}
        self.labels: dict[tuple[str, str], str] = {}

    def add(self, row: int, key: str, label: str, locale: str) -> None:
        code = self.code_of.setdefault(key, len(self.code_of))
        self.rows.append(row)
        self.codes.append(code)
        self.labels.setdefault((key, locale), label)

    def build(self) -> MultiValued:
        return MultiValued(
            rows=np.array(self.rows, dtype=np.int64), codes=np.array(self.codes, dtype=np.int64),
            keys=list(self.code_of), labels=self.labels,
        )


def build(token: str, rows: list[tuple]) -> Columns:
    """Columns from ``IndexedDialogue`` rows with the fields of ``FIELDS``."""
    locales: dict[str, int] = {}
    rung_codes: dict[str, int] = {"": 0}
    rung_labels: dict[tuple[str, str], str] = {}
    multi: dict[str, _MultiBuilder] = {}
    locale, rung, overrides, expiry = [], [], [], []
    for number, (_id, row_locale, expire_at, rung_key, rung_label, override, *_rest, facets) in enumerate(rows):
        locale.append(locales.setdefault(row_locale, len(locales)))
        rung.append(rung_codes.setdefault(rung_key, len(rung_codes)))
        rung_labels.setdefault((rung_key, row_locale), rung_label)
        overrides.append(STATUS_KEYS.index(override) if override in STATUS_KEYS else -1)
        expiry.append(expire_at.timestamp() if expire_at else np.inf)
        for kind, key, label in orjson.loads(facets):
            multi.setdefault(kind, _MultiBuilder()).add(number, key, label, row_locale)
    column = {name: [row[index] for row in rows] for index, name in enumerate(FIELDS)}
    return Columns(
        token=token,
        page_ids=np.array(column["page_id"], dtype=np.int64),
        locale=np.array(locale, dtype=np.int16),
        locales=list(locales),
        expire_at=np.array(expiry, dtype=np.float64),
        rung=np.array(rung, dtype=np.int32),
        rung_keys=list(rung_codes),
        rung_labels=rung_labels,
        status_override=np.array(overrides, dtype=np.int8),
        date_from=np.array([ordinal(value) for value in column["date_from"]], dtype=np.int32),
        date_to=np.array([ordinal(value) for value in column["date_to"]], dtype=np.int32),
        year_from=np.array([value.year if value else 0 for value in column["date_from"]], dtype=np.int32),
        year_to=np.array([value.year if value else 0 for value in column["date_to"]], dtype=np.int32),
        has_feedback=np.array([bool(value) for value in column["has_feedback"]], dtype=bool),
        sort_start=np.array([ordinal(value) for value in column["sort_start"]], dtype=np.int32),
        multi={kind: builder.build() for kind, builder in multi.items()},
    )


FIELDS = ("page_id", "locale", "expire_at", "rung_key", "rung_label", "status_override", "date_from", "date_to",
          "has_feedback", "sort_start", "facets")
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
