"""Errors as RFC 9457 problem details (``application/problem+json``)."""

from typing import Any

import orjson
from django.http import HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemError(Exception):
    """Raised inside a view to answer with a problem document."""

    def __init__(
        self, status: int, title: str, detail: str = "", *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = headers or {}


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
