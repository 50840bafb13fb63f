"""Open data: every public dialogue as JSON Lines (the import format) or flat CSV, and a catalogue.

Both files are streamed from the read model in chunks, so memory stays flat however many
dialogues there are; each chunk costs two queries (stored JSON, then the external ids).
"""

import csv
import datetime
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema

from ..conf import open_data_license
from ..pages import dialogue_models
from ..read_model.models import PublishedDialogue
from ..read_model.queries import FACT_FIELDS, STALENESS_FIELDS, renewed_summary, visible_rows
from ..serializers import content_language_codes
from .listing import check_locale
from .openapi import file_response
from .params import LocaleCode
from .responses import JSON_CONTENT_TYPE, cache_for, etag_matches

router = Router(tags=["open data"])

CHUNK = 500
OUTCOMES = ("adopted", "partly", "not_adopted", "under_consideration")
CSV_COLUMNS = (
    "id", "locale", "title", "status", "rung", "ladder", "start", "end", "input_opens", "input_closes",
    "decision_date", "organisations", "topics", "place", "areas", "url",
    *(f"feedback_{outcome}" for outcome in OUTCOMES),
)
DATASETS = {
    "jsonl": ("application/jsonl", "dialogues.jsonl", "Every public dialogue in the detail JSON of the API, one per "
              "line: the import format of import_dialogues, so another installation can import it."),
    "csv": ("text/csv", "dialogues.csv", "Every public dialogue as one flat row: id, language, title, status, "
            "rung, dates, organisations, topics, place, areas, address and feedback counts by outcome."),
}


STREAMED = "streamed file; the licence is in the Link header"
# The files change with every publish, but reading them whole is costly: caches may keep them a little longer.
EXPORT_CACHE_SECONDS = 300


class ExportFilters(Schema):
    locale: LocaleCode | None = None


def export_rows(filters: ExportFilters) -> QuerySet[PublishedDialogue]:
    check_locale(filters.locale)
    rows = visible_rows()
    return rows.filter(locale=filters.locale) if filters.locale else rows


def chunks(rows: QuerySet[PublishedDialogue], fields: tuple[str, ...]) -> Iterator[list[dict[str, Any]]]:
    """The rows' ``fields`` in page-id order, a chunk at a time (keyset, so memory stays flat)."""
    after = 0
    while True:
        chunk = list(rows.filter(page_id__gt=after).order_by("page_id").values("page_id", *fields)[:CHUNK])
        if not chunk:
            return
        yield chunk
        after = chunk[-1]["page_id"]


def external_ids(page_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for model in dialogue_models():
        found.update(model.objects.filter(pk__in=page_ids, external_id__isnull=False)
                     .values_list("pk", "external_id"))
    return found


def jsonl_lines(rows: QuerySet[PublishedDialogue]) -> Iterator[bytes]:
    """Import lines: the detail JSON with the dialogue's ``external_id`` (its own, or locale-id)."""
    for chunk in chunks(rows, ("detail",)):
        ids = external_ids([row["page_id"] for row in chunk])
        for row in chunk:
            data = orjson.loads(bytes(row["detail"]))
            data["external_id"] = ids.get(row["page_id"]) or f"{data['locale']}-{row['page_id']}"
            yield orjson.dumps(data) + b"\n"


class Echo:
    """A file-like object whose ``write`` returns what it is given, for streaming ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: QuerySet[PublishedDialogue]) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    today = timezone.localdate()
    for chunk in chunks(rows, ("detail", "summary", "locale", *STALENESS_FIELDS, *FACT_FIELDS)):
        for row in chunk:
            yield writer.writerow(csv_row(orjson.loads(bytes(row["detail"])),
                                          orjson.loads(renewed_summary(row, today))))


def csv_row(detail: dict[str, Any], summary: dict[str, Any]) -> list[Any]:
    """One flat row; the status is today's (from the renewed summary)."""
    badge = detail.get("badge") or {}
    participation = detail.get("participation") or {}
    outcomes = [child["value"].get("outcome") for child in detail["feedback"] if child["type"] == "item"]
    return [
        detail["id"], detail["locale"], detail["title"], summary["status"]["key"], badge.get("key", ""),
        badge.get("ladder_key", ""), detail["start"] or "", detail["end"] or "", participation.get("opens") or "",
        participation.get("closes") or "", (detail.get("decision") or {}).get("date") or "",
        "; ".join(org["slug"] for org in detail["organisers"]), "; ".join(detail["tags"]),
        (detail.get("place") or {}).get("name") or "", "; ".join(area["slug"] for area in detail.get("areas", ())),
        detail["url"] or "",
        *(outcomes.count(outcome) for outcome in OUTCOMES),
    ]


def version_of(rows: QuerySet[PublishedDialogue], kind: str, locale: str | None) -> str:
    """An ETag that changes with any publish, unpublish or day (the CSV's status is today's)."""
    state = rows.aggregate(count=Count("page_id"), latest=Max("updated_at"), total=Max("page_id"))
    key = f"{kind}|{locale}|{state}|{timezone.localdate()}|{open_data_license()}"
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def licensed(response: HttpResponse) -> HttpResponse:
    response["Link"] = f'<{open_data_license()}>; rel="license"'
    return response


def streamed(request: HttpRequest, kind: str, lines: Iterable, rows: QuerySet[PublishedDialogue],
             locale: str | None) -> HttpResponse:
    etag = version_of(rows, kind, locale)
    if etag_matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        media_type, filename = DATASETS[kind][0], DATASETS[kind][1]
        response = StreamingHttpResponse(lines, content_type=f"{media_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{locale + "-" if locale else ""}{filename}"'
    return licensed(cache_for(response, etag, EXPORT_CACHE_SECONDS))


@router.get("/dialogues.jsonl", summary="All public dialogues as JSON Lines", response={200: None},
            openapi_extra=file_response(STREAMED, "application/jsonl"))
def export_jsonl(request: HttpRequest, filters: Query[ExportFilters]) -> HttpResponse:
    """Every public dialogue (of ``locale``) in the import format of ``import_dialogues``."""
    rows = export_rows(filters)
    return streamed(request, "jsonl", jsonl_lines(rows), rows, filters.locale)


@router.get("/dialogues.csv", summary="All public dialogues as CSV", response={200: None},
            openapi_extra=file_response(STREAMED, "text/csv"))
def export_csv(request: HttpRequest, filters: Query[ExportFilters]) -> HttpResponse:
    """Every public dialogue (of ``locale``) as one flat row with today's status."""
    rows = export_rows(filters)
    return streamed(request, "csv", csv_lines(rows), rows, filters.locale)


@router.get("/", summary="The open data catalogue", response={200: dict})
def catalogue(request: HttpRequest) -> HttpResponse:
    """The datasets, their distributions per language and their licence (DCAT-AP style JSON-LD)."""
    modified = visible_rows().aggregate(latest=Max("updated_at"))["latest"]
    distributions = []
    for kind, (media_type, _filename, description) in DATASETS.items():
        url = request.build_absolute_uri(reverse(f"dialogue_api:export_{kind}"))
        for locale in (None, *content_language_codes()):
            distributions.append({
                "@type": "dcat:Distribution",
                "dcat:accessURL": f"{url}?locale={locale}" if locale else url,
                "dcat:mediaType": media_type,
                "dct:language": locale or content_language_codes(),
                "dct:description": description,
                "dct:license": open_data_license(),
            })
    body = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
        "@type": "dcat:Catalog",
        "dct:title": "Citizen dialogues",
        "dct:license": open_data_license(),
        "dcat:dataset": [{
            "@type": "dcat:Dataset",
            "dct:title": "Public citizen dialogues",
            "dct:description": "The public record of citizen dialogues: participation level, window, timeline, "
                               "decision and what became of the input.",
            "dct:modified": modified.isoformat() if isinstance(modified, datetime.datetime) else None,
            "dct:license": open_data_license(),
            "dcat:distribution": distributions,
        }],
    }
    response = HttpResponse(orjson.dumps(body), content_type=JSON_CONTENT_TYPE)
    return licensed(response)
