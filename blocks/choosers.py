"""Chooser blocks that skip the database when nothing is chosen, or when the choice is loaded.

Wagtail's chooser blocks look up every value with ``in_bulk``, even when all are empty;
optional choosers (a phase's own rung, a report's document) are empty most of the time,
and every page read would pay a query for nothing. And ``clean`` of a chosen object looks the
object up again (Wagtail's own comment calls it "a wasted round-trip"): one query per block.
"""

from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class SkipEmptyMixin:
    """Return ``None`` for empty values without querying; clean loaded objects without querying."""

    def bulk_to_python(self, values):
        if all(value is None for value in values):
            return [None] * len(values)
        return super().bulk_to_python(values)

    def clean(self, value):
        # An object loaded from the database is known to exist, and the form field's queryset is
        # every object of the model: there is nothing left to look up, only validators to run.
        if isinstance(value, self.model_class) and value.pk is not None and not value._state.adding:
            self.field.run_validators(value)
            return value
        return super().clean(value)


class OptionalSnippetChooserBlock(SkipEmptyMixin, SnippetChooserBlock):
    """A snippet chooser for optional references."""


class OptionalDocumentChooserBlock(SkipEmptyMixin, DocumentChooserBlock):
    """A document chooser for optional references."""
