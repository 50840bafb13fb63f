"""Middleware for the dialogue API."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re


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
