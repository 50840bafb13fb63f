"""Middleware for the dialogue API and the pages: URL guard, problem documents, database outages."""

import logging
import re
from collections.abc import Callable
from http import HTTPStatus

import orjson
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

from .api.responses import PROBLEM_CONTENT_TYPE, problem_response

logger = logging.getLogger(__name__)


class ApiVaryMiddleware:
    """Drop ``Accept-Language`` from ``Vary`` on API responses: their bytes never depend on it.

    Django's LocaleMiddleware adds it to every response, which would split shared caches by
    browser language for no gain. Place this middleware above LocaleMiddleware.
    """

    prefix = "/api/v1/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and response.has_header("Vary"):
            kept = [value for value in cc_delim_re.split(response["Vary"]) if value.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


API_PREFIX = "/api/"
# C0 control characters and DEL: no legitimate URL carries them, and PostgreSQL refuses NUL in text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Seconds a client is asked to wait when the database does not answer.
DATABASE_RETRY_AFTER = 30


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


class UrlGuardMiddleware:
    """Refuse URLs with control characters before any view or query sees them.

    A control character in the path answers 404, in the query string (names or values) 400: a
    problem document under ``/api/``, a short plain-text response elsewhere (HTML pages and admin).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request.path_info):
            return self.refuse(request, 404, "Not found", "There is nothing at a path with control characters.")
        if any(has_control_characters(key) or any(has_control_characters(value) for value in values)
               for key, values in request.GET.lists()):
            return self.refuse(
                request, 400, "Invalid characters", "Query parameters must not contain control characters."
            )
        return self.get_response(request)

    def refuse(self, request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
        if is_api(request):
            return problem_response(status, title, detail)
        return HttpResponse(f"{detail}\n", status=status, content_type="text/plain; charset=utf-8")


class ApiProblemMiddleware:
    """Under ``/api/``: HEAD and OPTIONS wherever GET is allowed, and every error as a problem document.

    django-ninja routes answer GET only; HEAD is served as the GET with its body dropped, OPTIONS
    as 204 with ``Allow``. Error responses made elsewhere (Django's 404 for unknown paths, 405s,
    Wagtail API v2's ``{"message": …}`` bodies) are rewritten as ``application/problem+json``.
    Place it below CorsMiddleware, so CORS preflights are answered there first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        if request.method == "HEAD":
            return self.head(request)
        response = self.get_response(request)
        if request.method == "OPTIONS" and response.status_code == 405 and "GET" in allowed_methods(response):
            response = HttpResponse(status=204)
            response["Allow"] = ALLOW_READS
            return response
        return as_problem(response)

    def head(self, request: HttpRequest) -> HttpResponse:
        request.method = "GET"
        try:
            response = as_problem(self.get_response(request))
        finally:
            request.method = "HEAD"
        if response.streaming:
            # Not run: a streamed export would read the whole table only to be thrown away.
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


ALLOW_READS = "GET, HEAD, OPTIONS"


def allowed_methods(response: HttpResponse) -> set[str]:
    return {method.strip().upper() for method in response.get("Allow", "").split(",") if method.strip()}


def as_problem(response: HttpResponse) -> HttpResponse:
    """``response`` itself if it is no error or already a problem document, else the same error as one."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE):
        return response
    status = response.status_code
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    detail = title
    if response.get("Content-Type", "").startswith("application/json") and not response.streaming:
        try:
            body = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            body = None
        if isinstance(body, dict):
            message = body.get("message") or body.get("detail")
            detail = message if isinstance(message, str) and message else title
    problem = problem_response(status, title, detail)
    allowed = allowed_methods(response)
    if status == 405:
        if "GET" in allowed:
            allowed |= {"HEAD", "OPTIONS"}
        problem["Allow"] = ", ".join(sorted(allowed, key=method_rank))
    for header in ("Retry-After", "Vary", "Access-Control-Allow-Origin"):
        if response.has_header(header):
            problem[header] = response[header]
    return problem


METHOD_ORDER = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT"]


def method_rank(method: str) -> tuple[int, str]:
    return (METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER), method)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with ``Retry-After``, not 500.

    Under ``/api/`` the answer is a problem document, elsewhere a short HTML page. ``/readyz``
    reports the same state to load balancers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        if is_api(request):
            response = problem_response(
                503, "Service unavailable", "The database does not answer; try again shortly."
            )
        else:
            response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
            response["Cache-Control"] = "no-store"
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response


UNAVAILABLE_PAGE = (
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Service unavailable</title></head>"
    "<body><h1>Service unavailable</h1><p>The site cannot reach its database right now. "
    "Please try again in a minute.</p></body></html>"
)
