"""``GET /api/v1/dialogues.geojson``: public dialogues on a map, as one GeoJSON FeatureCollection (RFC 7946).

One Feature per dialogue that can be drawn: its point (the place's latitude and longitude) and the
outlines of its areas. A dialogue with one geometry has it as the Feature's geometry; with several
(a point and outlines, or several outlines) a GeometryCollection, so a map shows one dialogue as
one clickable thing. Dialogues with neither a point nor an outlined area are left out.

Read from the published read model with a fixed number of queries whatever the page size: the
page of stored summaries, then the outlines of every area on the page at once.
"""

from typing import Any

import orjson
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from ..read_model.models import PublishedDialogue, PublishedDialogueFacet
from ..read_model.queries import visible_rows
from ..read_model.writer import POINT_FACET
from ..snippets import Area
from .listing import filtered, page_of
from .openapi import file_response
from .params import DialogueFilters, LocaleCode, Text
from .responses import cacheable_response, next_url
from .schemas import StatusKey

router = Router(tags=["map"])

GEOJSON_CONTENT_TYPE = "application/geo+json"
DEFAULT_SIZE = 500
MAX_SIZE = 1000


class MapFilters(Schema):
    """What the map shows: the list endpoint's filters of the same names, and a page size."""

    locale: LocaleCode | None = None
    status: StatusKey | None = None
    organisation: Text(100, "organisation key (slug)") | None = None
    tag: Text(100, "topic") | None = None
    area: Text(100, "area key (slug), e.g. 'vesterbro'") | None = None
    limit: int = Field(DEFAULT_SIZE, ge=1, le=MAX_SIZE, description="dialogues per response, newest first")
    cursor: Text(500) | None = None

    def as_list_filters(self) -> DialogueFilters:
        """The list endpoint's filters: one meaning for each key. Built unvalidated: ``limit`` may exceed its 100."""
        return DialogueFilters.model_construct(**self.model_dump())


def mappable(rows: QuerySet[PublishedDialogue]) -> QuerySet[PublishedDialogue]:
    """Rows of dialogues with a point or an area that has an outline."""
    kind, key = POINT_FACET
    outlined = Area.objects.filter(outline__isnull=False).values("slug")
    located = PublishedDialogueFacet.objects.filter(Q(kind=kind, key=key) | Q(kind="area", key__in=outlined))
    # Checked per row (most dialogues have a point): the list walks its date index and stops after a
    # page, instead of the database collecting every located dialogue first (at 100,000: 300 -> 10 ms).
    return rows.filter(Exists(located.filter(dialogue_id=OuterRef("pk"))))


def outlines_of(slugs: set[str]) -> dict[str, dict[str, Any]]:
    """The outline of each area key, in one query (the outline is the same in every language)."""
    if not slugs:
        return {}
    found = Area.objects.filter(slug__in=slugs, outline__isnull=False).order_by("pk").values_list("slug", "outline")
    outlines: dict[str, dict[str, Any]] = {}
    for slug, outline in found:
        outlines.setdefault(slug, outline)
    return outlines


def geometry_of(summary: dict[str, Any], outlines: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The dialogue's point and area outlines as one geometry, or None when it has neither."""
    place = summary.get("place") or {}
    geometries = []
    if place.get("latitude") is not None and place.get("longitude") is not None:
        geometries.append({"type": "Point", "coordinates": [place["longitude"], place["latitude"]]})
    geometries += [outlines[area["slug"]] for area in summary.get("areas", ()) if area["slug"] in outlines]
    if not geometries:
        return None
    return geometries[0] if len(geometries) == 1 else {"type": "GeometryCollection", "geometries": geometries}


def feature_of(summary: dict[str, Any], outlines: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    geometry = geometry_of(summary, outlines)
    if geometry is None:
        return None
    return {
        "type": "Feature",
        "id": summary["id"],
        "geometry": geometry,
        "properties": {
            "id": summary["id"],
            "locale": summary["locale"],
            "title": summary["title"],
            "url": summary["url"],
            "status": summary["status"],
            "badge": summary["badge"],
            "place": (summary.get("place") or {}).get("name", ""),
            "areas": summary.get("areas", []),
        },
    }


def next_link(request: HttpRequest, cursor: str | None) -> list[dict[str, str]]:
    href = next_url(request, cursor)
    return [{"rel": "next", "type": GEOJSON_CONTENT_TYPE, "href": href}] if href else []


FEATURE_COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["type", "features", "links"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "integer"},
                "geometry": {"type": "object", "description": "Point, Polygon, MultiPolygon or GeometryCollection; "
                                                              "coordinates are [longitude, latitude]"},
                "properties": {"type": "object", "description": "id, locale, title, url, status {key, label}, "
                                                                "badge (or null), place, areas [{slug, name, kind}]"},
            },
        }},
        "links": {"type": "array", "description": "a 'next' link while more dialogues match",
                  "items": {"type": "object", "properties": {"rel": {"type": "string"}, "type": {"type": "string"},
                                                             "href": {"type": "string"}}}},
    },
}


@router.get("/dialogues.geojson", summary="Dialogues on a map (GeoJSON)", response={200: None},
            openapi_extra=file_response("a GeoJSON FeatureCollection (RFC 7946), newest dialogues first",
                                        GEOJSON_CONTENT_TYPE, schema=FEATURE_COLLECTION_SCHEMA))
def dialogues_geojson(request: HttpRequest, filters: Query[MapFilters]) -> HttpResponse:
    """Points and area outlines of public dialogues, one Feature each, with title, address, today's status and
    badge. Follow the ``next`` link in ``links`` for more than ``limit`` dialogues."""
    list_filters = filters.as_list_filters()
    summaries, next_cursor = page_of(list_filters, mappable(filtered(list_filters, visible_rows())))
    parsed = [orjson.loads(summary) for summary in summaries]
    outlines = outlines_of({area["slug"] for summary in parsed for area in summary.get("areas", ())})
    features = [feature for summary in parsed if (feature := feature_of(summary, outlines)) is not None]
    body = orjson.dumps({"type": "FeatureCollection", "features": features, "links": next_link(request, next_cursor)})
    return cacheable_response(request, body, GEOJSON_CONTENT_TYPE)
