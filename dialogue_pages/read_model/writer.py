"""Writes of the published read model: the rows and facets of public pages, from their representations."""

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

import orjson
from django.db import connection, transaction
from django.utils import timezone

from dialogue_blocks.choosers import chosen_memo

from ..ladders import badge_memo
from ..pages import DialoguePageBase, dialogue_models
from ..serializers import dialogue_representation, dialogue_summary
from ..status import TRANSITIONS, last_change, next_change
from .models import FACET_COPIES, PublishedDialogue, PublishedDialogueFacet
from .queries import is_publicly_visible, restricted_paths, translations_of

NO_DATE = datetime.date(1, 1, 1)


def encode(data: Any) -> bytes:
    return orjson.dumps(data)


# Marks a dialogue with a point on the map, so the map endpoint selects drawable dialogues by index.
POINT_FACET = ("place", "point")


def facets_of(representation: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The (kind, key, label) filter values of a dialogue, from its representation."""
    values = [("organisation", org["slug"], org["name"]) for org in representation["organisers"]]
    values += [("tag", tag.lower(), tag) for tag in representation["tags"]]
    values += [("target_group", group["slug"], group["name"]) for group in representation["target_groups"]]
    values += [("method", method["slug"], method["name"]) for method in representation["methods"]]
    values += [("area", area["slug"], area["name"]) for area in representation.get("areas", ())]
    place = representation.get("place") or {}
    if place.get("latitude") is not None and place.get("longitude") is not None:
        values.append((*POINT_FACET, place.get("name") or ""))
    return values


def row_for(page: DialoguePageBase, representation: dict[str, Any]) -> PublishedDialogue:
    """The read-model row of a public page, from its representation."""
    detail = encode(representation)
    url_parts = page.get_url_parts()
    facts = page.status_facts
    return PublishedDialogue(
        page_id=page.pk,
        locale=page.locale.language_code,
        translation_key=page.translation_key,
        site_id=url_parts[0] if url_parts else None,
        path=url_parts[2] if url_parts else page.url_path,
        slug=page.slug,
        title=page.title[:255],
        sort_title=page.title.lower()[:255],
        detail=detail,
        summary=encode(dialogue_summary(representation)),
        etag=hashlib.blake2b(detail, digest_size=16).hexdigest(),
        ladder_key=page.rung.ladder.key if page.rung_id else "",
        rung_key=page.rung.key if page.rung_id else "",
        **{field: getattr(facts, field) for field in TRANSITIONS},
        cancelled=facts.cancelled,
        date_from=page.date_from,
        date_to=page.date_to,
        sort_start=page.date_from or NO_DATE,
        has_feedback=page.has_feedback,
        updated_at=page.last_published_at or timezone.now(),
        expire_at=page.expire_at,
        fresh_from=last_change(facts, page.today),
        stale_after=next_change(facts, page.today),
    )


def facet_rows(row: PublishedDialogue, values: list[tuple[str, str, str]]) -> list[PublishedDialogueFacet]:
    """The facet rows of ``row``: one per (kind, key), the first label of a key (tags differing only in
    case share one), each with the copies of the row's fields that lists walk and filter by."""
    copies = {field: getattr(row, field) for field in FACET_COPIES}
    found: dict[tuple[str, str], PublishedDialogueFacet] = {}
    for kind, key, label in values:
        found.setdefault((kind, key[:255]), PublishedDialogueFacet(
            dialogue_id=row.page_id, kind=kind, key=key[:255], label=label[:255], **copies))
    return list(found.values())


ROW_FIELDS = [field.name for field in PublishedDialogue._meta.concrete_fields if not field.primary_key]


def refresh_dialogues(
    page_ids: Iterable[int], pages: list[DialoguePageBase] | None = None
) -> dict[int, tuple[DialoguePageBase, dict[str, Any]]]:
    """Write or delete the rows of the given pages; return the public ones with their representations.

    Works in one pass for many pages: relations, translations and rung badges are fetched
    once for the whole batch, and rows are upserted together. ``pages`` may give the specific
    pages of ``page_ids`` already in memory with their relations (the importer's): they are
    then not read again.
    """
    page_ids = list(page_ids)
    if pages is None:
        pages = [
            page
            for model in dialogue_models()
            for page in model.objects.filter(pk__in=page_ids)
            .select_related("locale", "rung__ladder")
            .prefetch_related(*prefetches(model))
        ]
    private_paths = restricted_paths()
    representations: dict[int, tuple[DialoguePageBase, dict[str, Any]]] = {}
    rows, facets = [], []
    with badge_memo(), chosen_memo():
        public = [page for page in pages if is_publicly_visible(page, private_paths)]
        translations = translations_of(public)
        for page in public:
            others = [other for other in translations.get(page.translation_key, []) if other.pk != page.pk]
            representation = dialogue_representation(page, others)
            representations[page.pk] = (page, representation)
            row = row_for(page, representation)
            rows.append(row)
            facets += facet_rows(row, facets_of(representation))
    with transaction.atomic():
        PublishedDialogue.objects.filter(page_id__in=page_ids).exclude(page_id__in=list(representations)).delete()
        PublishedDialogue.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["page_id"], update_fields=ROW_FIELDS, batch_size=200
        )
        PublishedDialogueFacet.objects.filter(dialogue_id__in=list(representations)).delete()
        PublishedDialogueFacet.objects.bulk_create(facets, batch_size=500)
    return representations


def prefetches(model: type[DialoguePageBase]) -> list[str]:
    return ["rung__ladder__rungs", "organisers", "target_groups", "methods", "areas", "contacts__organisation", "tags",
            "consulted_bodies"]



def analyze_read_model() -> None:
    """Refresh the database's statistics of the read-model tables after a bulk change.

    Without them SQLite's planner takes the locale index for every list and sorts all matches,
    instead of walking the date index and stopping after one page.
    """
    with connection.cursor() as cursor:
        for model in (PublishedDialogue, PublishedDialogueFacet):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
