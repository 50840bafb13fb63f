"""Endpoints of the dialogue API v1. Dialogue reads return stored bytes from the read model."""

import orjson
from django.db.models import Count, Max, Prefetch
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import Query
from ninja.errors import HttpError, ValidationError
from wagtail.models import Site

from ..ladders import ParticipationLadder, ParticipationRung
from ..read_model.models import PublishedDialogueFacet
from ..read_model.queries import public_detail, visible_rows
from ..read_model.writer import refresh_dialogues
from ..snippets import Organisation
from .listing import check_locale, filtered, page_of, unknown_filter_values
from .openapi import DialogueOpenAPI
from .params import DialogueFilters, LocaleCode, Text
from .response_cache import cached_body
from .responses import ProblemError, json_response, next_url, problem_response
from .schemas import DialogueDetail, DialogueList, LadderOut, OrganisationOut, Problem, TagOut

api = DialogueOpenAPI(
    title="Dialogue API",
    version="1.0.0",
    description="Published citizen dialogues: list, detail, ladders, organisations and topics. "
    "Errors are RFC 9457 problem documents; every GET carries an ETag.",
    urls_namespace="dialogue_api",
    docs_url="/docs",
)

PROBLEMS = {400: Problem, 404: Problem, 422: Problem}


@api.exception_handler(ProblemError)
def on_problem(request: HttpRequest, error: ProblemError) -> HttpResponse:
    return error.response()


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    # Not answered here: DatabaseUnavailableMiddleware turns it into a 503 for every view alike
    # (ninja would otherwise answer 500 with a traceback when DEBUG is on).
    raise error


@api.exception_handler(ValidationError)
def on_invalid_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    invalid = [
        {"parameter": ".".join(str(part) for part in item["loc"][1:]), "message": item["msg"]}
        for item in error.errors
    ]
    names = ", ".join(item["parameter"] for item in invalid)
    return problem_response(422, "Invalid parameters", f"Check these parameters: {names}.", invalid_params=invalid)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return problem_response(404, "Not found", str(error) or "There is no public dialogue here.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return problem_response(error.status_code, "Request error", str(error))


def detail_response(request: HttpRequest, rows) -> HttpResponse:
    """The detail of the first of ``rows`` (a lookup by path or slug), served like a lookup by id."""
    page_id = rows.values_list("page_id", flat=True).first()
    if page_id is None:
        raise Http404("There is no public dialogue here.")
    return dialogue_detail(request, page_id)


@api.get("/dialogues/", response={200: DialogueList, **PROBLEMS}, tags=["dialogues"], summary="List dialogues")
def list_dialogues(request: HttpRequest, filters: Query[DialogueFilters]) -> HttpResponse:
    """Public dialogues, newest first by default, with filters and cursor pagination."""

    def build() -> bytes:
        summaries, next_cursor = page_of(filters, filtered(filters, visible_rows()))
        if not summaries and not filters.cursor:
            unknown = unknown_filter_values(filters)
            if unknown:
                raise ProblemError(
                    400, "Unknown filter value", f"Nothing is known by that key: {', '.join(unknown)}.",
                    invalid_params=[{"parameter": name, "message": "unknown key"} for name in unknown],
                )
        return b'{"items":[' + b",".join(summaries) + b'],"next":' + orjson.dumps(next_url(request, next_cursor)) + b"}"

    return json_response(request, cached_body(request, build))


@api.get("/dialogues/by-path/", response={200: DialogueDetail, **PROBLEMS}, tags=["dialogues"],
         summary="Dialogue by site and path")
def dialogue_by_path(
    request: HttpRequest, path: Text(1024, "path of the page, e.g. /dialoger/fokus-dalby/"),
    site: Text(255, "hostname of the site") | None = None,
) -> HttpResponse:
    """The dialogue at ``path`` (e.g. ``/dialoger/fokus-dalby/``) of the site with hostname ``site``."""
    normalised = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    rows = visible_rows().filter(path=normalised)
    if site:
        site_ids = Site.objects.filter(hostname=site).values("pk")
        rows = rows.filter(site_id__in=site_ids)
    return detail_response(request, rows)


@api.get("/dialogues/by-slug/{locale}/{slug}/", response={200: DialogueDetail, **PROBLEMS}, tags=["dialogues"],
         summary="Dialogue by locale and slug")
def dialogue_by_slug(request: HttpRequest, locale: LocaleCode, slug: Text(255)) -> HttpResponse:
    check_locale(locale)
    return detail_response(request, visible_rows().filter(locale=locale, slug=slug).order_by("page_id"))


@api.get("/dialogues/{int:dialogue_id}/", response={200: DialogueDetail, **PROBLEMS}, tags=["dialogues"],
         summary="Dialogue by id")
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Everything about one dialogue: badge, frames, timeline, feedback, blocks, translations."""
    found = public_detail(dialogue_id) if 0 < dialogue_id < 2**31 else None
    if found is not None and not found[2]:
        # The stored JSON has a status or day count that differs on this date: renew it once.
        refresh_dialogues([dialogue_id])
        found = public_detail(dialogue_id)
    if found is None:
        raise Http404("There is no public dialogue here.")
    return json_response(request, found[0], found[1])


@csrf_exempt
def dialogue_detail_fast(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """``GET /api/v1/dialogues/{id}/`` as a plain Django view, routed before the ninja API.

    The most requested endpoint needs no parameter parsing beyond the URL's integer, so it skips
    the framework's per-request machinery; ``dialogue_detail`` above documents it in OpenAPI and
    answers identically.
    """
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    if request.method not in ("GET", "HEAD"):
        response = problem_response(405, "Method not allowed", "Only GET, HEAD and OPTIONS are supported.")
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    try:
        return dialogue_detail(request, dialogue_id)
    except Http404 as error:
        return on_not_found(request, error)


@api.get("/ladders/", response={200: list[LadderOut], **PROBLEMS}, tags=["reference data"], summary="Ladders")
def ladders(request: HttpRequest, locale: LocaleCode | None = None) -> HttpResponse:
    """Participation ladders with their rungs in order, and which rungs of other ladders match."""
    check_locale(locale)
    queryset = ParticipationLadder.objects.select_related("locale").prefetch_related(
        Prefetch("rungs", queryset=ParticipationRung.objects.order_by("sort_order"))
    )
    if locale:
        queryset = queryset.filter(locale__language_code=locale)
    data = []
    for ladder in queryset.order_by("key", "locale__language_code"):
        rungs = list(ladder.rungs.all())
        data.append({
            "key": ladder.key, "name": ladder.name, "description": ladder.description,
            "locale": ladder.locale.language_code,
            "rungs": [
                {
                    "key": rung.key, "label": rung.name, "position": position, "description": rung.short_description,
                    "citizen_expectation": rung.citizen_expectation, "colour": rung.colour,
                    "equivalents": [other.reference() for other in rung.equivalents()],
                }
                for position, rung in enumerate(rungs, start=1)
            ],
        })
    return json_response(request, orjson.dumps(data))


@api.get("/organisations/", response={200: list[OrganisationOut], **PROBLEMS}, tags=["reference data"],
         summary="Organisations")
def organisations(request: HttpRequest, locale: LocaleCode | None = None) -> HttpResponse:
    """Organisations (municipalities, regions, others) with their number of public dialogues."""
    check_locale(locale)
    counts = dict(
        PublishedDialogueFacet.objects.filter(kind="organisation", dialogue__in=visible_rows())
        .values_list("key").annotate(n=Count("dialogue_id", distinct=True))
    )
    queryset = Organisation.objects.select_related("locale").order_by("name", "pk")
    if locale:
        queryset = queryset.filter(locale__language_code=locale)
    data = [
        {"id": org.pk, "slug": org.slug, "name": org.name, "kind": org.kind, "website": org.website,
         "locale": org.locale.language_code, "dialogues": counts.get(org.slug, 0)}
        for org in queryset
    ]
    return json_response(request, orjson.dumps(data))


@api.get("/tags/", response={200: list[TagOut], **PROBLEMS}, tags=["reference data"], summary="Topics")
def tags(request: HttpRequest, locale: LocaleCode | None = None) -> HttpResponse:
    """Topics used by public dialogues, with how many use each."""
    check_locale(locale)
    rows = visible_rows()
    if locale:
        rows = rows.filter(locale=locale)
    counted = (
        PublishedDialogueFacet.objects.filter(kind="tag", dialogue__in=rows)
        .values("key").annotate(count=Count("dialogue_id", distinct=True), label=Max("label"))
        .order_by("-count", "key")
    )
    data = [{"key": item["key"], "label": item["label"], "count": item["count"]} for item in counted]
    return json_response(request, orjson.dumps(data))
