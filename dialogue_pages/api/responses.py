"""What the API answers with: cacheable bodies, problem documents, cursors and ``next`` links.

One module for every endpoint of ``/api/v1/``, the plugin's own and those a host mounts
(``dialogue_pages.api.extensions``), so they all answer alike:

- **caching**: ``json_response`` and ``cacheable_response`` send an ``ETag`` and
  ``Cache-Control: public, max-age=…`` and answer ``If-None-Match`` with 304; ``cache_for`` sets
  both headers on a response made elsewhere (a streamed export);
- **problems** (RFC 9457, ``application/problem+json``): raise ``ProblemError`` in a view and the
  API answers with its ``problem_response``; ``invalid_cursor`` is the 400 of a cursor that cannot be used;
- **cursors**: ``encode_cursor`` and ``decode_cursor`` make opaque, URL-safe keyset cursors bound to
  the ordering they page through;
- **next links**: ``next_url`` is the request's own URL with its ``cursor`` replaced.
"""

import base64
import binascii
import hashlib
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from ..conf import api_cache_seconds

JSON_CONTENT_TYPE = "application/json"
PROBLEM_CONTENT_TYPE = "application/problem+json"


# Caching: ETag, If-None-Match and Cache-Control.


def etag_of(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """True if the client's ``If-None-Match`` names ``etag`` (or is ``*``): it already has this version."""
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    return etag in candidates


def cache_for(response: HttpResponse, etag: str, max_age: int) -> HttpResponse:
    """``response`` with its ``ETag`` and a public ``Cache-Control`` of ``max_age`` seconds."""
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def json_response(request: HttpRequest, body: bytes, etag: str | None = None) -> HttpResponse:
    """A cacheable JSON response, or 304 when the client already has this version."""
    return cacheable_response(request, body, JSON_CONTENT_TYPE, etag)


def cacheable_response(request: HttpRequest, body: bytes, content_type: str, etag: str | None = None) -> HttpResponse:
    """A cacheable response of any type (JSON, feeds, calendars), or 304 when the client has this version."""
    etag = etag or etag_of(body)
    if etag_matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    cache_for(response, etag, api_cache_seconds())
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


# Problems: errors as RFC 9457 problem details.


def problem_response(
    status: int, title: str, detail: str = "", *, headers: dict[str, str] | None = None, **extra: Any
) -> HttpResponse:
    """A problem document with ``type``, ``title``, ``status``, ``detail`` and any extra members."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail or title, **extra}
    response = HttpResponse(orjson.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class ProblemError(Exception):
    """Raised inside a view to answer with a problem document."""

    def __init__(
        self, status: int, title: str, detail: str = "", *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = headers or {}

    def response(self) -> HttpResponse:
        return problem_response(self.status, self.title, self.detail, headers=self.headers, **self.extra)


MALFORMED_CURSOR = "The cursor is malformed."


def invalid_cursor(detail: str = MALFORMED_CURSOR) -> ProblemError:
    """The 400 problem of a ``cursor`` parameter that cannot be used."""
    return ProblemError(400, "Invalid cursor", detail, parameter="cursor")


# Cursors: opaque keyset cursors for stable pagination.


def encode_cursor(ordering: str, values: list[Any]) -> str:
    """Encode the ordering and the sort key of the last item shown."""
    raw = orjson.dumps([ordering, *values])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: str, length: int) -> list[Any]:
    """Decode a cursor made by ``encode_cursor`` for the same ordering, or raise a 400 problem."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeEncodeError, orjson.JSONDecodeError):
        data = None
    if not isinstance(data, list) or len(data) != length + 1 or data[0] != ordering:
        raise invalid_cursor(
            "The cursor is malformed or was made for another ordering; "
            "start again without a cursor and follow the 'next' links."
        )
    return data[1:]


# Next links.


def next_url(request: HttpRequest, cursor: str | None) -> str | None:
    """The absolute URL of the request with ``cursor`` in place of its own (None without a cursor)."""
    if not cursor:
        return None
    query = {key: value for key, value in request.GET.items() if key != "cursor"}
    return request.build_absolute_uri(f"{request.path}?{urlencode({**query, 'cursor': cursor})}")
