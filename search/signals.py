"""Keep the search index in step with the read model, through the page app's own signals.

The signals are sent from the read model's on-commit callbacks, after its row was written or
removed, so the index sees exactly what the API serves. While an import writes, its batches are
not indexed one by one: it sends ``dialogues_imported`` at its end, and everything it wrote is
indexed then, in bulk.
"""

from typing import Any

from dialogue_pages.signals import dialogue_unpublished, dialogues_imported, dialogues_published

from .service import index_in_bulk, index_published, remove_pages


def on_dialogues_published(sender, dialogues: list[tuple[Any, dict[str, Any]]], importing: bool = False,
                           **kwargs) -> None:
    if importing:
        return  # indexed with the rest of the import (on_dialogues_imported)
    index_published({page.pk: representation for page, representation in dialogues})


def on_dialogues_imported(sender, page_ids: list[int], workers: int | None = None, **kwargs) -> None:
    index_in_bulk(page_ids, workers)


def on_dialogue_unpublished(sender, page_id: int, **kwargs) -> None:
    remove_pages([page_id])


def connect() -> None:
    dialogues_published.connect(on_dialogues_published, dispatch_uid="dialogue_search.published")
    dialogues_imported.connect(on_dialogues_imported, dispatch_uid="dialogue_search.imported")
    dialogue_unpublished.connect(on_dialogue_unpublished, dispatch_uid="dialogue_search.unpublished")
