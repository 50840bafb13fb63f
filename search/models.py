"""Tables of the database search backend.

``IndexedDialogue`` is deliberately small (filter and facet fields only) so that it loads fast
into the in-memory facet columns; the texts for snippets live beside it in ``IndexedText``.
Both hang off the read-model row: when the row goes, so does the search entry. The full-text
structures themselves depend on the database (see the migration): SQLite FTS5 tables keyed by
``page_id``, or PostgreSQL ``tsvector`` columns of ``IndexedText`` with GIN indexes.
"""

from django.db import models

from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.status import NEVER


class IndexedDialogue(models.Model):
    """The filter and facet fields of one indexed dialogue."""

    page = models.OneToOneField(
        PublishedDialogue, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    locale = models.CharField(max_length=20)
    expire_at = models.DateTimeField(null=True)
    rung_key = models.CharField(max_length=50, blank=True)
    rung_label = models.CharField(max_length=255, blank=True)
    # The facts of the one status rule (``dialogue_pages.status``), copied from the read-model row.
    cancelled = models.BooleanField(default=False)
    open_from = models.DateField(default=NEVER)
    closed_from = models.DateField(default=NEVER)
    decided_from = models.DateField(default=NEVER)
    date_from = models.DateField(null=True)
    date_to = models.DateField(null=True)
    has_feedback = models.BooleanField(default=False)
    sort_start = models.DateField(null=True)
    # JSON list of [kind, key, label]: organisations, tags, target groups
    facets = models.TextField(default="[]")

    class Meta:
        verbose_name = "indexed dialogue"

    def __str__(self) -> str:
        return f"search entry of {self.page_id}"


class IndexedText(models.Model):
    """The plain text of an indexed dialogue's fields, for snippets (and PostgreSQL's vectors)."""

    dialogue = models.OneToOneField(
        IndexedDialogue, primary_key=True, on_delete=models.CASCADE, db_column="page_id", related_name="text"
    )
    title = models.TextField()
    intro = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title


class IndexTerm(models.Model):
    """A folded stem seen in some document: the vocabulary a query word is found inside of (compounds)."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term


class IndexState(models.Model):
    """One row whose token changes with every index change, so app servers know to reload facets."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
