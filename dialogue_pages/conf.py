"""Settings of the dialogue app, with their defaults (every one is listed in docs/plugin.md)."""

from django.conf import settings

DEFAULT_API_CACHE_SECONDS = 60
DEFAULT_INDEX_PAGE_SIZE = 20


def api_cache_seconds() -> int:
    """``DIALOGUE_API_CACHE_SECONDS``: the ``max-age`` of API responses."""
    return int(getattr(settings, "DIALOGUE_API_CACHE_SECONDS", DEFAULT_API_CACHE_SECONDS))


DEFAULT_RESPONSE_CACHE_SIZE = 256
DEFAULT_RESPONSE_CACHE_SECONDS = 300


def response_cache_size() -> int:
    """``DIALOGUE_API_RESPONSE_CACHE_SIZE``: list-shaped bodies each process keeps (0 turns the cache off)."""
    return int(getattr(settings, "DIALOGUE_API_RESPONSE_CACHE_SIZE", DEFAULT_RESPONSE_CACHE_SIZE))


def response_cache_seconds() -> int:
    """``DIALOGUE_API_RESPONSE_CACHE_SECONDS``: the longest a process serves a cached body, changes aside."""
    return int(getattr(settings, "DIALOGUE_API_RESPONSE_CACHE_SECONDS", DEFAULT_RESPONSE_CACHE_SECONDS))


def index_page_size() -> int:
    """``DIALOGUE_INDEX_PAGE_SIZE``: dialogues per page of a dialogue index page."""
    return int(getattr(settings, "DIALOGUE_INDEX_PAGE_SIZE", DEFAULT_INDEX_PAGE_SIZE))


DEFAULT_OPEN_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def open_data_license() -> str:
    """``DIALOGUE_OPEN_DATA_LICENSE``: the licence (a URL) of the open data exports, CC BY 4.0 by default."""
    return str(getattr(settings, "DIALOGUE_OPEN_DATA_LICENSE", DEFAULT_OPEN_DATA_LICENSE))


DEFAULT_PREVIEW_TOKEN_SECONDS = 3600


def preview_url() -> str:
    """``DIALOGUE_PREVIEW_URL``: the host site's preview page, with ``{token}`` where the token goes."""
    return str(getattr(settings, "DIALOGUE_PREVIEW_URL", ""))


def preview_token_seconds() -> int:
    """``DIALOGUE_PREVIEW_TOKEN_SECONDS``: how long a headless preview link works (default one hour)."""
    return int(getattr(settings, "DIALOGUE_PREVIEW_TOKEN_SECONDS", DEFAULT_PREVIEW_TOKEN_SECONDS))


def webhook_max_attempts() -> int:
    """``DIALOGUE_WEBHOOK_MAX_ATTEMPTS``: attempts before a webhook delivery is given up (default 8)."""
    return int(getattr(settings, "DIALOGUE_WEBHOOK_MAX_ATTEMPTS", 8))


def webhook_backoff_seconds() -> float:
    """``DIALOGUE_WEBHOOK_BACKOFF_SECONDS``: the first retry's delay; each next one doubles it (default 30)."""
    return float(getattr(settings, "DIALOGUE_WEBHOOK_BACKOFF_SECONDS", 30))


def webhook_timeout_seconds() -> float:
    """``DIALOGUE_WEBHOOK_TIMEOUT_SECONDS``: how long a receiver may take to answer (default 10)."""
    return float(getattr(settings, "DIALOGUE_WEBHOOK_TIMEOUT_SECONDS", 10))
