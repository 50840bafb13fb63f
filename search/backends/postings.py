"""Id lists of full-text expressions: parsing, set algebra, and per-process caches.

A search combines a few *atomic* expressions — one word's stems in some columns, its folded
forms, its compounds — with OR within a query word and AND across words. A common word's
atomic expression matches tens of thousands of dialogues, and asking the full-text index for
that list costs tens of milliseconds at 100,000 dialogues; combining cached lists in numpy costs
well under one. So the lists are kept per process, for the index state (token) they were read
in: any index change writes a new token, and lists of another token are never used. The cache
holds at most ``DIALOGUE_SEARCH_CACHED_IDS`` ids (default 4,000,000: 32 MB), least recently used
first out. The compound vocabulary look-ups (a query word's part → the indexed words containing
it) change with the index too, and are kept the same way (``vocabulary``).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ..conf import cached_ids

VOCABULARY_TERMS = 200_000  # compound look-ups kept: at most this many vocabulary words
EMPTY = np.zeros(0, dtype=np.int64)


def ids_of(joined: str | None) -> np.ndarray:
    """The ids of a comma-separated list (what group_concat and string_agg return)."""
    if not joined:
        return EMPTY
    # Parsed in C: tens of thousands of ids for a common word.
    return np.fromstring(joined, dtype=np.int64, sep=",")


def sorted_unique(ids: np.ndarray) -> np.ndarray:
    """``ids`` sorted without repeats; full-text matches come in rowid order already, which is checked in O(n)."""
    if len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1])):
        return ids
    return np.unique(ids)


def _mask(lists: Sequence[np.ndarray]) -> np.ndarray:
    size = max((int(ids[-1]) for ids in lists if len(ids)), default=-1) + 1
    return np.zeros(size, dtype=np.int32)


def union(lists: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted ids in any of the sorted ``lists`` (a mark per id: linear, no sorting)."""
    lists = [ids for ids in lists if len(ids)]
    if len(lists) < 2:
        return lists[0] if lists else EMPTY
    marks = _mask(lists)
    for ids in lists:
        marks[ids] = 1
    return np.flatnonzero(marks).astype(np.int64)


def intersection(lists: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted ids in every one of the sorted ``lists``."""
    if len(lists) < 2:
        return lists[0] if lists else EMPTY
    if any(not len(ids) for ids in lists):
        return EMPTY
    counts = _mask(lists)
    for ids in lists:
        counts[ids] += 1  # the ids of one list are unique: each adds one
    return np.flatnonzero(counts == len(lists)).astype(np.int64)


def weight(items) -> int:
    return max(1, len(items))


class PostingCache:
    """Lists (of ids, or of words) per key for one index token, least recently used first out.

    ``capacity`` gives the most list items kept in all; an empty list counts as one.
    """

    def __init__(self, capacity: Callable[[], int] = cached_ids) -> None:
        self.capacity = capacity
        self.token: str | None = None
        self.lists: OrderedDict[str, np.ndarray] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def kept(self, token: str | None, expressions: Iterable[str]) -> dict[str, np.ndarray]:
        """Those of ``expressions`` whose lists are kept for ``token`` (counted as used)."""
        with self.lock:
            if token is None or token != self.token:
                return {}
            found = {expression: self.lists[expression] for expression in expressions if expression in self.lists}
            for expression in found:
                self.lists.move_to_end(expression)
        return found

    def lists_of(
        self, token: str | None, expressions: Iterable[str], fetch: Callable[[list[str]], dict[str, np.ndarray]]
    ) -> dict[str, np.ndarray]:
        """The id list of every expression: from the cache when read for ``token``, else from ``fetch``."""
        wanted = list(dict.fromkeys(expressions))
        limit = self.capacity()
        with self.lock:
            if token is None or token != self.token:
                self.token, self.size = token, 0
                self.lists.clear()
            found = {expression: self.lists[expression] for expression in wanted if expression in self.lists}
            for expression in found:
                self.lists.move_to_end(expression)
        missing = [expression for expression in wanted if expression not in found]
        if not missing:
            return found
        fetched = fetch(missing)
        found.update(fetched)
        if token is None or limit <= 0:
            return found
        with self.lock:
            if token != self.token:
                return found
            for expression, ids in fetched.items():
                if expression not in self.lists and weight(ids) <= limit:
                    self.lists[expression] = ids
                    self.size += weight(ids)
            while self.size > limit:
                _expression, dropped = self.lists.popitem(last=False)
                self.size -= weight(dropped)
        return found


postings = PostingCache()
vocabulary = PostingCache(lambda: VOCABULARY_TERMS)
