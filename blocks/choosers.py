"""Chooser blocks that skip the database when nothing is chosen.

Wagtail's chooser blocks look up every value with ``in_bulk``, even when all are empty;
optional choosers (a phase's own rung, a report's document) are empty most of the time,
and every page read would pay a query for nothing.
"""

from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class SkipEmptyMixin:
    """Return ``None`` for empty values without querying."""

    def bulk_to_python(self, values):
        if all(value is None for value in values):
            return [None] * len(values)
        return super().bulk_to_python(values)


class OptionalSnippetChooserBlock(SkipEmptyMixin, SnippetChooserBlock):
    """A snippet chooser for optional references."""


class OptionalDocumentChooserBlock(SkipEmptyMixin, DocumentChooserBlock):
    """A document chooser for optional references."""
