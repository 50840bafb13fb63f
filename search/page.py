"""The public search page: the search API's service rendered as HTML, for citizens without JavaScript too.

The page asks ``dialogue_search.service`` exactly as ``GET /api/v1/search/`` does (same parameters and
validation, visibility rules, query language, rate limit and relevance cursor), in one request and
without calling the API over HTTP. It searches the dialogues of the page's language.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from dialogue_pages.api.responses import ProblemError, encode_cursor
from dialogue_pages.serializers import content_language_codes

from .api import CURSOR_ORDERING, SearchParams, check_length, next_cursor, offset_of
from .backends.base import FACETS, SearchFilters
from .query import MAX_QUERY_LENGTH
from .service import items_of, run_search, search_request
from .throttle import check_search_rate

PAGE_SIZE = 20
# Values shown per facet; "Show all" (``more=<facet>``) lists every value the search counted.
FACET_LINKS = 8
# The parameters of the page; ``limit`` and ``locale`` are the page's own (its size, its language).
PARAMETERS = ("q", *FACETS, "cursor", "more")
FACET_TITLES = {
    "status": gettext_lazy("Status"), "rung": gettext_lazy("Level of influence"), "year": gettext_lazy("Year"),
    "organisation": gettext_lazy("Organisation"), "tag": gettext_lazy("Topic"),
    "target_group": gettext_lazy("Target group"), "area": gettext_lazy("Area"),
}


@dataclass
class FacetLink:
    """One value of a facet as a link that sets (or, when chosen, removes) its filter."""

    key: str
    label: str
    count: int
    href: str
    chosen: bool


@dataclass
class FacetGroup:
    """A facet's links: the first ``FACET_LINKS`` and any chosen one, or all of them when asked for."""

    name: str
    title: str
    links: list[FacetLink] = field(default_factory=list)
    total: int = 0
    more_href: str | None = None


def page_locale() -> str | None:
    """The language of the page when it is a content language (else every language is searched)."""
    language = (translation.get_language() or "").split("-")[0]
    return language if language in content_language_codes() else None


def given(query: QueryDict) -> dict[str, str]:
    """The page's parameters that have a value (a GET form sends empty fields as ``name=``)."""
    found = {name: query[name] for name in PARAMETERS if query.get(name, "") != ""}
    if found.get("more") not in FACETS:
        found.pop("more", None)
    return found


def href(params: dict[str, Any], **changes: Any) -> str:
    """``?…`` for ``params`` with ``changes`` (None removes a parameter); a new filter starts at the first page."""
    merged = {**params, **changes}
    if set(changes) - {"cursor"}:
        merged.pop("cursor", None)
    merged = {key: value for key, value in merged.items() if value not in (None, "")}
    return f"?{urlencode(merged)}" if merged else "?"


def facet_groups(facets: dict[str, list], params: dict[str, str]) -> list[FacetGroup]:
    groups = []
    for name in FACETS:
        values = facets.get(name, [])
        group = FacetGroup(name, str(FACET_TITLES.get(name, name)), total=len(values))
        everything = params.get("more") == name
        for position, value in enumerate(values):
            chosen = params.get(name) == str(value.key)
            if everything or chosen or position < FACET_LINKS:
                link = href(params, **{name: None if chosen else value.key})
                group.links.append(FacetLink(str(value.key), str(value.label), value.count, link, chosen))
        if len(group.links) < group.total:
            group.more_href = href(params, more=name)
        if group.links:
            groups.append(group)
    return groups


def api_base() -> str:
    """The API's base path (``/api/v1/``), where the suggestions script asks ``search/suggest/``."""
    return reverse("dialogue_api:openapi-json").removesuffix("openapi.json")


def refused(request: HttpRequest, message: str, status: int, headers: dict[str, str] | None = None) -> HttpResponse:
    context = {"q": request.GET.get("q", "")[:MAX_QUERY_LENGTH], "error": message, "api_base": api_base(),
               "locale": page_locale()}
    response = render(request, "dialogue_search/search_page.html", context, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problem_message(error: ValidationError) -> str:
    names = sorted({str(problem["loc"][-1]) for problem in error.errors() if problem.get("loc")})
    return _("These search fields have values that cannot be used: %(fields)s.") % {"fields": ", ".join(names)}


def search_page(request: HttpRequest) -> HttpResponse:
    """``GET /search/?q=…&status=…&cursor=…``: results, facets, counts and pages, rendered on the server."""
    params = given(request.GET)
    try:
        check_search_rate(request)
    except ProblemError as error:
        return refused(request, _("Too many searches from your address. Please wait a minute and try again."),
                       error.status, error.headers)
    if len(params.get("q", "")) > MAX_QUERY_LENGTH:
        return refused(request, _("Please search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH},
                       400)
    try:
        searched = {name: value for name, value in params.items() if name != "more"}
        validated = SearchParams.model_validate({**searched, "limit": PAGE_SIZE})
        check_length(validated.q)
        offset = offset_of(validated.cursor)
    except ValidationError as error:
        return refused(request, problem_message(error), 400)
    except ProblemError:
        return refused(request, _("This link to a page of results is broken. Please search again."), 400)

    filters = SearchFilters(**{name: getattr(validated, name) for name in FACETS})
    result = run_search(search_request(validated.q, page_locale(), filters, PAGE_SIZE, offset))
    items = items_of(result, timezone.localdate())
    following = next_cursor(result, offset, PAGE_SIZE)
    context = {
        "q": validated.q,
        "params": params,
        "searched": bool(params),
        "total": result.total,
        "items": items,
        "first": offset + 1,
        "last": offset + len(items),
        "facets": facet_groups(result.facets, params),
        "chosen": [(FACET_TITLES.get(name, name), value.label, href(params, **{name: None}))
                   for name in FACETS for value in result.facets.get(name, [])
                   if params.get(name) == str(value.key)],
        "clear_href": href({"q": validated.q} if validated.q else {}),
        "next_href": href(params, cursor=following) if following else None,
        "previous_href": (href(params, cursor=encode_cursor(CURSOR_ORDERING, [offset - PAGE_SIZE]))
                          if offset > PAGE_SIZE else href(params, cursor=None)) if offset else None,
        "locale": page_locale(),
        "api_base": api_base(),
    }
    response = render(request, "dialogue_search/search_page.html", context)
    response["Cache-Control"] = "private, max-age=0"
    return response
