"""The read model's version: one row whose value database triggers replace on every change of a published
row, a page, a view restriction or a site.

Migration 0015 creates the row and the triggers (SQLite and PostgreSQL), so every writer — the
page signals, imports, the renewal of stale rows, ``rebuild_dialogue_api``, raw SQL — changes
the version in the same transaction as the rows. The value is random rather than a counter, so
a rolled-back transaction cannot leave a later state with an earlier state's number.
``api.response_cache`` serves a cached body only while the version it was built from holds.
"""

from django.db import models


class ReadModelVersion(models.Model):
    """The single row (id 1) holding the read model's current version."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "read model version"

    def __str__(self) -> str:
        return f"read model version {self.value}"
