"""Settings of the search app, with their defaults (documented in docs/search.md)."""

import os

from django.conf import settings


def elasticsearch_url() -> str:
    """``DIALOGUE_ELASTICSEARCH_URL``, else the environment's ``ELASTICSEARCH_URL``; empty: not used."""
    return getattr(settings, "DIALOGUE_ELASTICSEARCH_URL", "") or os.environ.get("ELASTICSEARCH_URL", "")


def elasticsearch_alias() -> str:
    """The alias searches use; each full reindex builds ``<alias>-<timestamp>`` behind it."""
    return getattr(settings, "DIALOGUE_ELASTICSEARCH_INDEX", "dialogues")


def elasticsearch_timeout() -> float:
    """Seconds before a request to Elasticsearch counts as failed (and the database answers)."""
    return float(getattr(settings, "DIALOGUE_ELASTICSEARCH_TIMEOUT", 2.0))
