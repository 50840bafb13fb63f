"""Settings of the search app, with their defaults (every one is listed in docs/plugin.md)."""

import hashlib
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

# Modules of the database engine (SQLite FTS5 / PostgreSQL full text), retired in favour of Tantivy,
# under the package's name and under the folder's name it was once configured by.
RETIRED_BACKEND_MODULES = ("dialogue_search.backends.database", "search.backends.database")
# Settings only the database engine read; a host that still sets them is told they do nothing.
RETIRED_SETTINGS = ("DIALOGUE_SEARCH_POSTGRES_CONFIGURATIONS", "DIALOGUE_SEARCH_CACHED_IDS")
RETIRED_BACKEND_MESSAGE = (
    "DIALOGUE_SEARCH_BACKEND names the retired database search engine ({path}). Remove the setting to use "
    "the embedded Tantivy index (on SQLite and PostgreSQL alike), or set it to "
    "'dialogue_search.backends.elasticsearch.ElasticsearchBackend' for Elasticsearch; then run "
    "'manage.py reindex_dialogues'. See docs/search.md."
)


def retired_backend() -> str:
    """The configured ``DIALOGUE_SEARCH_BACKEND`` if it names a retired backend, else ""."""
    path = str(getattr(settings, "DIALOGUE_SEARCH_BACKEND", "") or "")
    retired = any(path == module or path.startswith(f"{module}.") for module in RETIRED_BACKEND_MODULES)
    return path if retired else ""


def search_backend() -> str:
    """``DIALOGUE_SEARCH_BACKEND``: dotted path of the backend class; empty: Elasticsearch if set up, else Tantivy."""
    if retired := retired_backend():
        raise ImproperlyConfigured(RETIRED_BACKEND_MESSAGE.format(path=retired))
    return getattr(settings, "DIALOGUE_SEARCH_BACKEND", "")


def require_elasticsearch() -> bool:
    """``DIALOGUE_SEARCH_REQUIRE_ELASTICSEARCH``: readiness fails while Elasticsearch is down (default True)."""
    return bool(getattr(settings, "DIALOGUE_SEARCH_REQUIRE_ELASTICSEARCH", True))


def extra_stemmers() -> dict[str, str]:
    """``DIALOGUE_SEARCH_STEMMERS``: Snowball algorithm by language code, added to (or replacing) the built-in ones."""
    return dict(getattr(settings, "DIALOGUE_SEARCH_STEMMERS", {}))


def extra_compound_parts() -> list[str]:
    """``DIALOGUE_SEARCH_COMPOUND_PARTS``: words Elasticsearch also splits compounds on, beside the built-in ones."""
    return list(getattr(settings, "DIALOGUE_SEARCH_COMPOUND_PARTS", []))


def elasticsearch_url() -> str:
    """``DIALOGUE_ELASTICSEARCH_URL``, else the environment's ``ELASTICSEARCH_URL``; empty: not used."""
    return getattr(settings, "DIALOGUE_ELASTICSEARCH_URL", "") or os.environ.get("ELASTICSEARCH_URL", "")


def elasticsearch_alias() -> str:
    """The alias searches use; each full reindex builds ``<alias>-<timestamp>`` behind it."""
    return getattr(settings, "DIALOGUE_ELASTICSEARCH_INDEX", "dialogues")


def search_rate_limit() -> int:
    """Searches and suggestions one client may ask for per window (``DIALOGUE_SEARCH_RATE_LIMIT``); 0: no limit."""
    return int(getattr(settings, "DIALOGUE_SEARCH_RATE_LIMIT", 120))


def search_rate_window() -> int:
    """Length in seconds of the rate limit's fixed window (``DIALOGUE_SEARCH_RATE_WINDOW``)."""
    return max(1, int(getattr(settings, "DIALOGUE_SEARCH_RATE_WINDOW", 60)))


def trust_x_forwarded_for() -> bool:
    """``DIALOGUE_TRUST_X_FORWARDED_FOR``: a proxy sets X-Forwarded-For, so its first hop names the client."""
    return bool(getattr(settings, "DIALOGUE_TRUST_X_FORWARDED_FOR", False))


def elasticsearch_timeout() -> float:
    """Seconds before a request to Elasticsearch counts as failed (and the embedded index answers)."""
    return float(getattr(settings, "DIALOGUE_ELASTICSEARCH_TIMEOUT", 2.0))


def index_dir(using: str = "default") -> Path:
    """Where the Tantivy index of this site's database lives: ``DIALOGUE_SEARCH_INDEX_DIR``.

    By default a folder per database beside the media root (``<MEDIA_ROOT>/../search-index/<database>``),
    so two sites, or a test run and a development server, never share an index.
    """
    configured = getattr(settings, "DIALOGUE_SEARCH_INDEX_DIR", "") or os.environ.get("DIALOGUE_SEARCH_INDEX_DIR", "")
    if configured:
        return Path(configured)
    name = str(connections[using].settings_dict.get("NAME") or using)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(name).stem)[:40].strip("-") or "database"
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return Path(settings.MEDIA_ROOT).resolve().parent / "search-index" / f"{slug}-{digest}"


def index_lock_timeout() -> float:
    """Seconds a write waits for another process's write to the index before giving up."""
    return float(getattr(settings, "DIALOGUE_SEARCH_LOCK_TIMEOUT", 30.0))
