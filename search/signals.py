"""Keep the search index in step with the read model, through the page app's own signals.

The signals are sent from the read model's on-commit callbacks, after its row was written or
removed, so the index sees exactly what the API serves.
"""

from typing import Any

from dialogue_pages.signals import dialogue_unpublished, dialogues_published

from .service import index_published, remove_pages


def on_dialogues_published(sender, dialogues: list[tuple[Any, dict[str, Any]]], **kwargs) -> None:
    index_published({page.pk: representation for page, representation in dialogues})


def on_dialogue_unpublished(sender, page_id: int, **kwargs) -> None:
    remove_pages([page_id])


def connect() -> None:
    dialogues_published.connect(on_dialogues_published, dispatch_uid="dialogue_search.published")
    dialogue_unpublished.connect(on_dialogue_unpublished, dispatch_uid="dialogue_search.unpublished")
