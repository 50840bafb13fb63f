"""Wagtail's database search backend, with SQLite's relevance order worked out once per search.

On SQLite, Wagtail's database backend (modelsearch's) orders by relevance with a subquery that runs
the full-text match again for every object that matched, so its work grows with the square of the
matches: at 100,000 dialogues the admin's page search took 2.9 s for "havn" (1,108 matches) and
139 s for "ny" (13,966). Here one full-text query scores every match and returns the page of
results asked for, and only those objects are read, with the same scores in the same order (score,
then newest first). Counting, searches without relevance order and other databases are Wagtail's.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dialogue_pages.admin_search_backend"}}``
"""

from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params: dict[str, Any]):  # noqa: N802 -- the name Wagtail looks up in a backend module
    """Wagtail's database backend for this database; on SQLite with full-text search, ranked once."""
    backend = database_backend(params)
    if type(backend).__name__ != "SQLiteSearchBackend":
        return backend
    from .admin_search_sqlite import RankedSQLiteSearchBackend

    return RankedSQLiteSearchBackend(params)
