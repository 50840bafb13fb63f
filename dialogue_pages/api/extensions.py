"""Extending the dialogue API: mount a django-ninja ``Router`` under ``/api/v1/``.

An app (the plugin's own feeds, exports and search, or a host project's) adds endpoints with one
call in its ``AppConfig.ready()``, which Django runs before it loads the URLconf::

    class StatsConfig(AppConfig):
        name = "stats"

        def ready(self):
            from dialogue_pages.api.extensions import add_router

            from .api import router        # a ninja.Router

            add_router("/stats/", router)  # its operations answer under /api/v1/stats/

The router's operations join the OpenAPI document (``/api/v1/openapi.json``, ``/api/v1/docs``) and
answer like the API's own: a ``dialogue_pages.api.responses.ProblemError`` raised in a view becomes
a problem document, and ``json_response`` gives an ETag and ``Cache-Control``.
"""

import re

from django.core.exceptions import ImproperlyConfigured
from ninja import Router

# "/" or one or more path segments between slashes: lower-case letters, digits, ".", "_" and "-",
# each segment starting with a letter or digit ("/stats/", "/open-data/v2/").
PREFIX = re.compile(r"/(?:[a-z0-9][a-z0-9._-]*/)*")

_mounted: list[tuple[str, Router]] = []


def add_router(prefix: str, router: Router) -> bool:
    """Mount ``router`` on the dialogue API at ``/api/v1`` + ``prefix``.

    Returns True when it is mounted now and False when this router already is, at this prefix:
    calling it again (a ``ready()`` that runs twice) changes nothing. Several routers may share a
    prefix, as long as their paths differ.

    Raises ``ValueError`` for a prefix that is not ``"/"`` or ``"/name/…/"``, and
    ``ImproperlyConfigured`` for a router already mounted at another prefix, or once the API's URLs
    or OpenAPI document have been built (mount in ``AppConfig.ready()``, before the URLconf loads).
    """
    from .views import api

    if not isinstance(router, Router):
        raise TypeError(f"add_router() mounts a ninja.Router, not {type(router).__name__}.")
    if not isinstance(prefix, str) or not PREFIX.fullmatch(prefix):
        raise ValueError(
            f"Invalid API prefix {prefix!r}: use '/' or path segments between slashes, such as '/stats/' "
            "(lower-case letters, digits, '.', '_' and '-')."
        )
    for mounted_prefix, mounted in _mounted:
        if mounted is router:
            if mounted_prefix == prefix:
                return False
            raise ImproperlyConfigured(
                f"This router is already mounted on the dialogue API at {mounted_prefix!r}; it cannot also be "
                f"mounted at {prefix!r}."
            )
    if api.built:
        raise ImproperlyConfigured(
            f"The dialogue API's URLs are already built, so a router can no longer be mounted at {prefix!r}. "
            "Call dialogue_pages.api.extensions.add_router() in an AppConfig.ready() method: Django runs "
            "those before it loads the URLconf."
        )
    api.add_router(prefix, router)
    _mounted.append((prefix, router))
    return True


def mounted_routers() -> list[tuple[str, Router]]:
    """The (prefix, router) pairs mounted with ``add_router``, in the order they were mounted."""
    return list(_mounted)
