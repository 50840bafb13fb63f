"""Bring the published read model in line with the pages, and tell listeners what changed.

Every change of content reaches the read model through ``sync_dialogues``, so the signals of
``signals.py`` report each stored or removed row exactly once. Two writers skip it on purpose:
the API's renewal of a row whose date-dependent status went stale (its facts, which listeners
index, are unchanged) and the ``rebuild_dialogue_api`` command (search has its own reindex).
"""

import contextlib
import contextvars
import uuid
from collections.abc import Iterable, Iterator

from wagtail.models import Page

from .pages import DialoguePageBase
from .read_model.models import PublishedDialogue
from .read_model.writer import refresh_dialogues
from .signals import dialogue_published, dialogue_unpublished, dialogues_published, feedback_published

# True while an import writes (``importing``): ``dialogues_published`` tells listeners so.
_importing = contextvars.ContextVar("dialogue_import", default=False)


@contextlib.contextmanager
def importing() -> Iterator[None]:
    """Mark the refreshes made inside as an import's: ``dialogues_published`` is sent with ``importing=True``.

    Search then leaves them to the import's end (``dialogues_imported``), where it indexes
    everything the import wrote at once. Each import worker process enters it for its batches.
    """
    token = _importing.set(True)
    try:
        yield
    finally:
        _importing.reset(token)


def sync_dialogues(page_ids: Iterable[int], pages: list[DialoguePageBase] | None = None) -> None:
    """Bring the read model of the pages in line with their current state and notify listeners.

    ``pages``: the pages of ``page_ids`` in memory, if the caller has them (see ``refresh_dialogues``).
    """
    page_ids = list(page_ids)
    before = dict(PublishedDialogue.objects.filter(page_id__in=page_ids).values_list("page_id", "has_feedback"))
    public = refresh_dialogues(page_ids, pages)
    for page_id in before.keys() - public.keys():
        dialogue_unpublished.send(sender=Page, page_id=page_id)
    for page_id, (page, representation) in public.items():
        dialogue_published.send(sender=type(page), page=page, representation=representation)
        if page.has_feedback and not before.get(page_id):
            feedback_published.send(sender=type(page), page=page, representation=representation)
    if public:
        dialogues_published.send(sender=Page, dialogues=list(public.values()), importing=_importing.get())


def sync_with_translations(page_id: int, translation_key: uuid.UUID, locale_id: int) -> None:
    """Refresh a page and the other locales' public rows, whose lists of translations include or drop it.

    Takes the page's keys rather than the page, so it also serves after the page was deleted.
    """
    others = Page.objects.filter(translation_key=translation_key).exclude(locale_id=locale_id)
    public_others = PublishedDialogue.objects.filter(page_id__in=others.values("pk")).values_list("page_id", flat=True)
    sync_dialogues([page_id, *public_others])


def sync_subtree(page: Page) -> None:
    """Refresh every dialogue at or below ``page`` (after a move or a privacy change)."""
    sync_dialogues(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def sync_page_ids(page_ids: set[int]) -> None:
    """Refresh those of ``page_ids`` that are public dialogues now."""
    sync_dialogues(PublishedDialogue.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True))
