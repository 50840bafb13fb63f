"""HTTP caching for API responses: ETag, If-None-Match and Cache-Control."""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

JSON_CONTENT_TYPE = "application/json"


def cache_seconds() -> int:
    return int(getattr(settings, "DIALOGUE_API_CACHE_SECONDS", 60))


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
    etag = etag or etag_of(body)
    if matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=JSON_CONTENT_TYPE)
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = f"public, max-age={cache_seconds()}"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
