"""A per-client rate limit for search and suggestions: a fixed-window counter in Django's cache.

With a shared cache (Redis, Memcached, the database cache) every worker and server counts
together; with the default local-memory cache each process counts on its own.
"""

import hashlib
import logging
import math
import time

from django.core.cache import cache
from django.http import HttpRequest

from dialogue_pages.api.responses import ProblemError

from .conf import search_rate_limit, search_rate_window, trust_x_forwarded_for

logger = logging.getLogger(__name__)

KEY_PREFIX = "dialogue-search-rate"


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop behind a trusted proxy."""
    if trust_x_forwarded_for():
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def count_request(client: str, window: int, now: float) -> int:
    """Count one request of ``client`` in the current window and return the window's count so far."""
    # Hashed: a forwarded address is text the client chose, and cache keys must stay short and plain.
    digest = hashlib.blake2b(client.encode("utf-8", "replace"), digest_size=12).hexdigest()
    key = f"{KEY_PREFIX}:{window}:{int(now // window)}:{digest}"
    cache.add(key, 0, timeout=window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the window's first request
        cache.add(key, 1, timeout=window + 1)
        return 1


def check_search_rate(request: HttpRequest) -> None:
    """Raise a 429 problem with ``Retry-After`` when this client has used up the current window."""
    limit = search_rate_limit()
    if limit <= 0:
        return
    window, now = search_rate_window(), time.time()
    try:
        count = count_request(client_address(request), window, now)
    except Exception as error:  # a cache that does not answer must not stop search: let the request through
        logger.warning("Search rate limit not checked, the cache failed: %s", error)
        return
    if count > limit:
        retry_after = max(1, math.ceil(window - now % window))
        raise ProblemError(
            429, "Too many requests", f"At most {limit} searches per {window} seconds; try again in "
            f"{retry_after} seconds.", headers={"Retry-After": str(retry_after)},
        )
