"""Chooser blocks that skip the database when nothing is chosen, or when the choice is loaded.

Wagtail's chooser blocks look up every value with ``in_bulk``, even when all are empty;
optional choosers (a phase's own rung, a report's document) are empty most of the time,
and every page read would pay a query for nothing. And ``clean`` of a chosen object looks the
object up again (Wagtail's own comment calls it "a wasted round-trip"): one query per block.
"""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Objects already looked up, by (model, pk), while a batch of pages is converted (see chosen_memo).
_chosen: ContextVar[dict | None] = ContextVar("chosen_objects", default=None)


@contextmanager
def chosen_memo() -> Iterator[None]:
    """Within the block, optional choosers look each object up once, not once per page.

    For work over many pages that refer to few objects (the rungs of timeline phases): an
    import or a refresh of the read model would otherwise pay one query per page and stream.
    """
    token = _chosen.set({})
    try:
        yield
    finally:
        _chosen.reset(token)


class SkipEmptyMixin:
    """Return ``None`` for empty values without querying; clean loaded objects without querying."""

    def bulk_to_python(self, values):
        if all(value is None for value in values):
            return [None] * len(values)
        memo = _chosen.get()
        if memo is None:
            return super().bulk_to_python(values)
        model = self.model_class
        missing = list({value for value in values if value is not None and (model, value) not in memo})
        if missing:
            memo.update({(model, pk): obj for pk, obj in model.objects.in_bulk(missing).items()})
            memo.update({(model, pk): None for pk in missing if (model, pk) not in memo})
        # A copy each, as Wagtail gives: a block may change its value without touching another's.
        return [copy.copy(memo[(model, value)]) if value is not None else None for value in values]

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
