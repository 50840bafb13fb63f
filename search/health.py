"""Readiness of the search backend."""

from .conf import require_elasticsearch
from .service import fallback_backend, get_backend


def search_readiness() -> tuple[bool, str]:
    """(ok, detail) of the configured backend.

    With Elasticsearch down, searches still work from the embedded index; readiness fails unless
    ``DIALOGUE_SEARCH_REQUIRE_ELASTICSEARCH`` is False, because results then lag behind.
    """
    backend = get_backend()
    ok, detail = backend.health()
    if ok or backend is fallback_backend():
        return ok, f"{backend.name}: {detail}"
    fallback_ok, fallback_detail = fallback_backend().health()
    required = require_elasticsearch()
    message = f"{backend.name}: {detail}; answering from the embedded index ({fallback_detail})"
    return (fallback_ok and not required), message
