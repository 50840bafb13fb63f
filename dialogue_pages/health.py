"""Health endpoints: liveness without the database, readiness with every registered check."""

import logging
from collections.abc import Callable

import orjson
from django.db import connection
from django.http import HttpRequest, HttpResponse
from wagtail import hooks

logger = logging.getLogger(__name__)

READINESS_HOOK = "register_dialogue_readiness_check"


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else."""
    return HttpResponse(b'{"status":"ok"}', content_type="application/json")


def database_check() -> tuple[bool, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def readiness_checks() -> dict[str, Callable[[], tuple[bool, str]]]:
    """The database check plus those other apps register with the ``register_dialogue_readiness_check`` hook.

    A hook function returns ``(name, check)``; ``check()`` returns ``(ok, detail)``.
    """
    checks = {"database": database_check}
    for register in hooks.get_hooks(READINESS_HOOK):
        name, check = register()
        checks[name] = check
    return checks


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when the database and every registered backend answer, 503 otherwise."""
    results = {}
    for name, check in readiness_checks().items():
        try:
            ok, detail = check()
        except Exception as error:  # a failing dependency must give 503, never 500
            logger.warning("Readiness check %s failed: %s", name, error)
            ok, detail = False, type(error).__name__
        results[name] = {"ok": ok, "detail": detail}
    ready = all(result["ok"] for result in results.values())
    body = orjson.dumps({"status": "ok" if ready else "unavailable", "checks": results})
    response = HttpResponse(body, status=200 if ready else 503, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response
