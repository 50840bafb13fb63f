"""``GET /api/v1/search/`` and ``GET /api/v1/search/suggest/`` (mounted on the dialogue API in apps.py)."""

from typing import Annotated

import orjson
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from dialogue_pages.api.listing import check_locale
from dialogue_pages.api.params import PRINTABLE, LocaleCode, Text
from dialogue_pages.api.responses import (
    ProblemError,
    decode_cursor,
    encode_cursor,
    invalid_cursor,
    json_response,
    next_url,
)
from dialogue_pages.api.schemas import EXAMPLE_DESCRIPTION, Badge, OrganisationRef, Problem, StatusKey, StatusOut

from .backends.base import FACETS, SearchFilters, SearchPage
from .query import MAX_QUERY_LENGTH
from .service import items_of, run_search, run_suggest, search_request
from .throttle import check_search_rate

router = Router(tags=["search"])
PROBLEMS = {400: Problem, 422: Problem, 429: Problem}
# Relevance pages are counted by offset; beyond this, refine the query instead of paging on.
MAX_OFFSET = 1000
CURSOR_ORDERING = "relevance"


# The length is documented, and checked by ``check_length`` (400, "Query too long").
QueryText = Annotated[str, Field(pattern=PRINTABLE, json_schema_extra={"maxLength": MAX_QUERY_LENGTH})]


class SearchParams(Schema):
    """Query and filters of a search; an empty ``q`` with filters browses."""

    q: QueryText = Field("", description=f'words (all must match), "quoted phrases", -excluded; at most '
                                         f"{MAX_QUERY_LENGTH} characters")
    locale: LocaleCode | None = Field(None, description="search in this language only")
    organisation: Text(100, "organisation key (slug)") | None = None
    rung: Text(50, "rung key, e.g. 'dialog' or 'consult'") | None = None
    status: StatusKey | None = None
    year: int | None = Field(None, ge=1900, le=2200, description="dialogues running at some time in this year")
    tag: Text(100) | None = None
    target_group: Text(100, "target group key (slug)") | None = None
    area: Text(100, "area key (slug), e.g. 'vesterbro'") | None = None
    limit: int = Field(20, ge=1, le=50)
    cursor: Text(200) | None = None


class SuggestParams(Schema):
    q: QueryText = Field("", description="what has been typed so far; suggestions start at two letters")
    locale: LocaleCode | None = None
    limit: int = Field(8, ge=1, le=20)


class SearchItem(Schema):
    """One hit: enough to render a result line."""

    id: int
    title: str
    url: str | None
    locale: str
    snippet: str = Field(description="HTML: escaped text with <mark> around the matched words")
    badge: Badge | None
    status: StatusOut
    start: str | None
    end: str | None
    organisers: list[OrganisationRef]
    example: bool = Field(False, description=EXAMPLE_DESCRIPTION)


class FacetValue(Schema):
    key: str
    label: str
    count: int


class Facets(Schema):
    """Counts for the query and every other filter (a facet's own filter is left out of its counts)."""

    rung: list[FacetValue]
    status: list[FacetValue]
    organisation: list[FacetValue]
    year: list[FacetValue]
    tag: list[FacetValue]
    target_group: list[FacetValue]
    area: list[FacetValue]


class SearchResults(Schema):
    total: int
    items: list[SearchItem]
    facets: Facets
    next: str | None = Field(description="URL of the next page, or null")


class SuggestItem(Schema):
    id: int
    title: str
    url: str | None
    locale: str


class Suggestions(Schema):
    items: list[SuggestItem]


def check_length(text: str) -> None:
    if len(text) > MAX_QUERY_LENGTH:
        raise ProblemError(
            400, "Query too long", f"Search for at most {MAX_QUERY_LENGTH} characters.", parameter="q"
        )


def offset_of(cursor: str | None) -> int:
    if not cursor:
        return 0
    (offset,) = decode_cursor(cursor, CURSOR_ORDERING, 1)
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise invalid_cursor()
    return offset


def next_cursor(page: SearchPage, offset: int, limit: int) -> str | None:
    following = offset + limit
    if following >= page.total or following > MAX_OFFSET:
        return None
    return encode_cursor(CURSOR_ORDERING, [following])


@router.get("/", response={200: SearchResults, **PROBLEMS}, summary="Search dialogues")
def search(request: HttpRequest, params: Query[SearchParams]) -> HttpResponse:
    """Full-text search with facets and highlighted snippets, in Danish, Swedish or English."""
    check_search_rate(request)
    check_length(params.q)
    check_locale(params.locale)
    offset = offset_of(params.cursor)
    filters = SearchFilters(**{name: getattr(params, name) for name in FACETS})
    page = run_search(search_request(params.q, params.locale, filters, params.limit, offset))
    body = {
        "total": page.total,
        "items": items_of(page, timezone.localdate()),
        "facets": {name: [facet.__dict__ for facet in page.facets.get(name, [])] for name in FACETS},
        "next": next_url(request, next_cursor(page, offset, params.limit)),
    }
    return json_response(request, orjson.dumps(body))


@router.get("/suggest/", response={200: Suggestions, **PROBLEMS}, summary="Suggest titles as you type")
def suggest(request: HttpRequest, params: Query[SuggestParams]) -> HttpResponse:
    """Titles of public dialogues with words starting with what has been typed (two letters or more)."""
    check_search_rate(request)
    check_length(params.q)
    check_locale(params.locale)
    return json_response(request, orjson.dumps({"items": run_suggest(params.q, params.locale, params.limit)}))
