"""The published read model's tables: one row per live, public dialogue page with its ready API JSON.

Rows are written when content changes (``writer.py``, called from ``sync.py``) so that reading a
dialogue is one indexed query for stored bytes (``queries.py``). Only live, public, unexpired pages
of a content locale ever get a row; everything that removes a page from public view deletes its row.
"""

import datetime

from django.db import models

from ..status import NEVER


class PublishedDialogue(models.Model):
    """The public JSON of one live dialogue page in its locale, and the fields lists filter on."""

    # A plain id, not a foreign key: deleting a page must not silently cascade past the signals
    # that tell search and other listeners about it.
    page_id = models.IntegerField(primary_key=True)
    locale = models.CharField(max_length=20, db_index=True)
    translation_key = models.UUIDField(db_index=True)
    site_id = models.IntegerField(null=True)
    path = models.CharField(max_length=1024, db_index=True)
    slug = models.CharField(max_length=255, db_index=True)
    title = models.CharField(max_length=255)
    sort_title = models.CharField(max_length=255, db_index=True)
    etag = models.CharField(max_length=64)
    ladder_key = models.CharField(max_length=50, blank=True, db_index=True)
    rung_key = models.CharField(max_length=50, blank=True)
    # The facts of the one status rule (``status.py``): the first day of each status, NEVER if unknown.
    cancelled = models.BooleanField(default=False)
    open_from = models.DateField(default=NEVER)
    closed_from = models.DateField(default=NEVER)
    decided_from = models.DateField(default=NEVER)
    date_from = models.DateField(null=True)
    date_to = models.DateField(null=True)
    sort_start = models.DateField(db_index=True)
    has_feedback = models.BooleanField(default=False)
    updated_at = models.DateTimeField(db_index=True)
    expire_at = models.DateTimeField(null=True)
    # The stored JSON's status members hold from ``fresh_from`` until the day before ``stale_after``.
    fresh_from = models.DateField(default=datetime.date.min)
    stale_after = models.DateField(null=True, db_index=True)
    # The JSON comes last: SQLite stores a row's columns in order, and a filter on a column
    # after a large blob would have to read through the blob's overflow pages for every row.
    summary = models.BinaryField()
    detail = models.BinaryField()

    class Meta:
        verbose_name = "published dialogue"
        indexes = [
            models.Index(fields=["locale", "sort_start"]),
            models.Index(fields=["locale", "slug"]),
            # A rung filter takes the newest 20 of its rung from the index instead of sorting them all.
            models.Index(fields=["rung_key", "sort_start"], name="dialogue_rung_start"),
            # Newest first with the visibility and status fields beside the date: a status filter,
            # or a rare combination, is checked on the index entries, and only the page of rows
            # that pass is read from the table (at 100,000 dialogues "decided": 18 -> 7 ms).
            models.Index(
                fields=["sort_start", "page_id", "locale", "expire_at", "cancelled", "open_from", "closed_from",
                        "decided_from", "has_feedback"],
                name="dialogue_start_status",
            ),
            # An index page's listing: its site and language, newest first, with every field its
            # visibility, status, rung and year filters read. Counts, deep pages and the "open now"
            # section are read from the index entries alone; a row of JSON is read only for the 20
            # dialogues shown (at 100,000 dialogues: count 323 -> 22 ms, page 1,932 275 -> 12 ms).
            models.Index(
                fields=["locale", "site_id", "sort_start", "page_id", "path", "expire_at", "cancelled", "open_from",
                        "closed_from", "decided_from", "has_feedback", "rung_key", "date_from", "date_to"],
                name="dialogue_index_listing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.locale})"


# The fields of a dialogue's row that its facet rows copy (``PublishedDialogueFacet``).
FACET_COPIES = ("sort_start", "locale", "cancelled", "open_from", "closed_from", "decided_from", "has_feedback")


class PublishedDialogueFacet(models.Model):
    """One filterable value of a published dialogue: an organisation, tag, target group, method or area.

    A dialogue has at most one facet row per (kind, key). Each row copies its dialogue's sort key and
    the status and locale fields lists filter on (``FACET_COPIES``); the writer writes a dialogue's
    facets with its row, in one transaction, so the copies never differ from the row.
    """

    dialogue = models.ForeignKey(PublishedDialogue, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    sort_start = models.DateField(default=datetime.date(1, 1, 1))
    locale = models.CharField(max_length=20, default="")
    cancelled = models.BooleanField(default=False)
    open_from = models.DateField(default=NEVER)
    closed_from = models.DateField(default=NEVER)
    decided_from = models.DateField(default=NEVER)
    has_feedback = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # A list of one topic or organisation (or any facet) walks the entries of its (kind, key)
            # newest first and stops after one page, checking locale and status on the entries,
            # instead of collecting every dialogue of a common topic and sorting them. The entries
            # also answer the filter subqueries (kind, key -> dialogue ids) without the table.
            models.Index(
                fields=["kind", "key", "sort_start", "dialogue", "locale", "cancelled", "open_from", "closed_from",
                        "decided_from", "has_feedback"],
                name="dialogue_facet_newest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}={self.key}"
