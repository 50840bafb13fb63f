"""Keep the search index in step with the read model, through the page app's own signals.

Both signals are sent from the read model's on-commit callbacks, after its row was written or
removed, so the index sees exactly what the API serves.
"""

from typing import Any

from dialogue_pages.signals import dialogue_published, dialogue_unpublished

from .service import index_published, remove_pages


def on_dialogue_published(sender, page, representation: dict[str, Any], **kwargs) -> None:
    index_published(page.pk, representation)


def on_dialogue_unpublished(sender, page_id: int, **kwargs) -> None:
    remove_pages([page_id])


def connect() -> None:
    dialogue_published.connect(on_dialogue_published, dispatch_uid="dialogue_search.published")
    dialogue_unpublished.connect(on_dialogue_unpublished, dispatch_uid="dialogue_search.unpublished")
