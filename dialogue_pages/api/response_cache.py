"""A per-process cache of the public list-shaped responses: lists, feeds, calendars and GeoJSON.

A list answer is assembled from many read-model rows; the same few lists (a municipality's
front page, its open dialogues, its feed) are asked for again and again. So each process keeps
the last bodies it built, keyed by what they depend on — scheme, host, full path with query
string, active language (feed titles) and local date (statuses are per day) — and serves one
only while the database is in the state it was built from:

- every entry carries the read model's *version*, a random number that database triggers
  replace whenever a published row, a page, a view restriction or a site is inserted, updated or
  deleted (migration 0015), by any process, any code path, raw SQL included. Reading it is one
  primary-key lookup, the only query of a hit;
- an entry ends at the next local midnight, when the first public row expires (``expire_at`` is
  decided at serve time) and after ``DIALOGUE_API_RESPONSE_CACHE_SECONDS`` at most.

Only bodies are cached: ETags, ``304 Not Modified``, CORS and security headers are made per
request as before. ``DIALOGUE_API_RESPONSE_CACHE_SIZE = 0`` turns the cache off.
"""

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.models import Page

from ..conf import response_cache_seconds, response_cache_size
from ..read_model.models import PublishedDialogue
from ..read_model.version import ReadModelVersion

MAX_BODY_BYTES = 1 << 20  # bigger answers (a limit=100 list is ~100 KB) are built each time
FAR_FUTURE = datetime.datetime.max.replace(tzinfo=datetime.UTC)
Key = tuple[str, str, str, str, str, datetime.date]
T = TypeVar("T")
MAX_VALUES = 1024  # values kept by ``remembered`` (menus, counts, sections of index pages)


@dataclass(frozen=True)
class Entry:
    """A body (or a remembered value), the read-model version it was built from, and when it stops being served."""

    version: int
    until: datetime.datetime
    body: Any


_entries: "OrderedDict[Key, Entry]" = OrderedDict()
_lock = threading.Lock()
_values: "OrderedDict[tuple[Any, ...], Entry]" = OrderedDict()
_first_expiry: tuple[int, datetime.datetime] | None = None  # (version, first expire_at after it was read)


def read_model_version() -> int | None:
    """The read model's current version; None when its row is missing (then nothing is cached)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {ReadModelVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def first_expiry(version: int, now: datetime.datetime) -> datetime.datetime:
    """The earliest ``expire_at`` after ``now`` among public rows and live pages, read once per version."""
    global _first_expiry
    if _first_expiry is None or _first_expiry[0] != version or _first_expiry[1] <= now:
        rows = PublishedDialogue.objects.filter(expire_at__gt=now).order_by().values("expire_at")
        pages = Page.objects.filter(live=True, expire_at__gt=now).order_by().values("expire_at")
        found = rows.union(pages, all=True).order_by("expire_at").values_list("expire_at", flat=True).first()
        _first_expiry = (version, found or FAR_FUTURE)
    return _first_expiry[1]


def next_midnight(now: datetime.datetime) -> datetime.datetime:
    """The start of the next local day, when statuses and day counts may change."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def key_of(request: HttpRequest, now: datetime.datetime, kind: str = "") -> Key:
    """What a body may depend on besides the database: address, language (feed titles) and day."""
    return (kind, request.scheme or "", request.get_host(), request.get_full_path(), translation.get_language() or "",
            timezone.localtime(now).date())


@dataclass(frozen=True)
class Ticket:
    """Where a body would be kept: its key, the version read before it was built, and when that was."""

    key: Key
    version: int
    now: datetime.datetime


def cache_version() -> int | None:
    """The version to keep things by: None when the cache is off (then no query is made) or has no version."""
    return read_model_version() if response_cache_size() > 0 else None


def ticket_for(request: HttpRequest, kind: str = "") -> Ticket | None:
    """A ticket for this request's body, or None when the cache is off or has no version to check against."""
    version = cache_version()
    if version is None:
        return None
    now = timezone.now()
    return Ticket(key_of(request, now, kind), version, now)


def _found(store: "OrderedDict[Any, Entry]", key: Any, version: int, now: datetime.datetime) -> Entry | None:
    """The entry of ``store`` under ``key`` if it was built from ``version`` and has not run out (marked as
    just used)."""
    with _lock:
        entry = store.get(key)
        if entry is None or entry.version != version or now >= entry.until:
            return None
        store.move_to_end(key)
        return entry


def _put(store: "OrderedDict[Any, Entry]", key: Any, entry: Entry, size: int) -> None:
    """Put ``entry`` in ``store`` as the latest used, dropping the least recently used beyond ``size``."""
    with _lock:
        store[key] = entry
        store.move_to_end(key)
        while len(store) > size:
            store.popitem(last=False)


def kept(ticket: Ticket) -> bytes | None:
    """The body kept under ``ticket`` if it was built from the same version and has not run out."""
    entry = _found(_entries, ticket.key, ticket.version, ticket.now)
    return None if entry is None else entry.body


def valid_until(version: int, now: datetime.datetime) -> datetime.datetime:
    """When something built from ``version`` at ``now`` stops being served: midnight, first expiry or max age."""
    return min(now + datetime.timedelta(seconds=response_cache_seconds()), next_midnight(now),
               first_expiry(version, now))


def keep(ticket: Ticket, body: bytes) -> None:
    """Keep ``body`` under ``ticket`` until midnight, the first expiry or the longest time allowed."""
    if len(body) > MAX_BODY_BYTES:
        return
    _put(_entries, ticket.key, Entry(ticket.version, valid_until(ticket.version, ticket.now), body),
         response_cache_size())


def cached_body(request: HttpRequest, build: Callable[[], bytes]) -> bytes:
    """The body ``build`` makes for this request, from the cache while the read model is unchanged."""
    ticket = ticket_for(request)
    if ticket is None:
        return build()
    body = kept(ticket)
    if body is None:
        body = build()
        keep(ticket, body)
    return body


def remembered(version: int | None, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """The value ``build`` computes from the read model, kept in this process under ``key`` by the rules of
    the bodies: while the version is ``version``, on this local day (and language), until the first expiry
    and for ``DIALOGUE_API_RESPONSE_CACHE_SECONDS`` at most. Without a version, or with the cache off, it
    is computed each time. The value is shared: callers must not change it.
    """
    if version is None or response_cache_size() <= 0:
        return build()
    now = timezone.now()
    full_key = (*key, translation.get_language() or "", timezone.localtime(now).date())
    entry = _found(_values, full_key, version, now)
    if entry is not None:
        return entry.body
    value = build()
    _put(_values, full_key, Entry(version, valid_until(version, now), value), MAX_VALUES)
    return value


def clear() -> None:
    """Forget every cached body and value of this process (tests; the version check makes it unneeded otherwise)."""
    global _first_expiry
    with _lock:
        _entries.clear()
        _values.clear()
        _first_expiry = None
