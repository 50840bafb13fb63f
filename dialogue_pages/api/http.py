"""HTTP caching for API responses: ETag, If-None-Match and Cache-Control."""

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from ..conf import api_cache_seconds

JSON_CONTENT_TYPE = "application/json"


def etag_of(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    return etag in candidates


def json_response(request: HttpRequest, body: bytes, etag: str | None = None) -> HttpResponse:
    """A cacheable JSON response, or 304 when the client already has this version."""
    return cacheable_response(request, body, JSON_CONTENT_TYPE, etag)


def cacheable_response(request: HttpRequest, body: bytes, content_type: str, etag: str | None = None) -> HttpResponse:
    """A cacheable response of any type (JSON, feeds, calendars), or 304 when the client has this version."""
    etag = etag or etag_of(body)
    response = HttpResponseNotModified() if matches(request, etag) else HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = f"public, max-age={api_cache_seconds()}"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
