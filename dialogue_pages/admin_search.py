"""Wagtail's own search index (the admin's page and snippet search) for what the importer writes in bulk.

Wagtail learns of a page or snippet from its save signal; the importer inserts rows in bulk
without one (``bulk.py``). So at its end the import hands every page and snippet it wrote to
Wagtail's search backends here, a few thousand objects per call (``add_bulk``), and
``reindex_dialogues`` does the same for every dialogue. Only the fields Wagtail's backends read
are loaded, so a dialogue's stream fields are never parsed for it.
"""

from collections.abc import Iterable, Iterator

from django.db import models
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from .pages import dialogue_models

CHUNK = 2_000  # objects per add_bulk: each call of the database backend also rescans its title lengths


def indexed_columns(model: type[models.Model]) -> list[str]:
    """The concrete fields ``model``'s search fields read (other search fields load what they need themselves)."""
    concrete = {field.name for field in model._meta.concrete_fields}
    wanted = {field.field_name for field in model.get_search_fields()
              if not isinstance(field, index.RelatedFields)}
    return sorted(wanted & concrete)


def chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def add_to_admin_search(model: type[models.Model], ids: Iterable[int] | None = None) -> int:
    """Add or update the objects ``ids`` of ``model`` (all when None) in Wagtail's search backends; how many."""
    if not index.class_is_indexed(model):
        return 0
    backends = list(get_search_backends(with_auto_update=True))
    queryset = model.get_indexed_objects().only(*indexed_columns(model)).order_by("pk")
    if ids is None:
        ids = list(queryset.values_list("pk", flat=True))
    added = 0
    for chunk in chunks(sorted(set(ids)), CHUNK):
        objects = list(queryset.filter(pk__in=chunk))
        for backend in backends:
            backend.add_bulk(model, objects)
        added += len(objects)
    return added


def add_dialogues_to_admin_search(page_ids: Iterable[int] | None = None) -> int:
    """Every dialogue page of ``page_ids`` (all when None), in its specific type; how many."""
    ids = None if page_ids is None else list(page_ids)
    return sum(add_to_admin_search(model, ids) for model in dialogue_models())
