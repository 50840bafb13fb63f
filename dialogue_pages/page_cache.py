"""A per-process cache of dialogue index pages as anonymous visitors get them.

An index page is the read model (its listing and filter menus) plus the page itself, and it is
what a municipality links to. ``IndexPageCacheMiddleware`` keeps the HTML of the index pages it
served, in ``api.response_cache``'s store, and answers the next identical request before
Wagtail finds the site and routes the path. A kept page is served only while:

- the database is in the state it was built from: the version that triggers replace on every
  change of a published row also changes on every change of a page, a view restriction or a
  site (migration 0015), so an edit, publish, move, privacy change or new hostname shows at once;
- no live page or public row has expired since (expiry is decided at serve time), it is the same
  local day, and ``DIALOGUE_API_RESPONSE_CACHE_SECONDS`` have not passed.

Only anonymous ``GET``/``HEAD`` requests without a session are answered from or kept in the cache,
only ``200 text/html`` answers of an index page (it marks the request) that set no cookie and are
not private. Headers of the outer middleware (CSP, CORS, security, language) are made per request.
Add it after ``AuthenticationMiddleware``; the bundled site does.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from .api.response_cache import Ticket, cache_version, keep, kept, ticket_for

PAGE_KIND = "index-page"
CACHEABLE = "_dialogue_index_page_cacheable"
TICKET = "_dialogue_index_page_ticket"
PAGE_VIEW = "wagtail_serve"  # the URL name of Wagtail's page view


def mark_cacheable(request: HttpRequest) -> None:
    """Called by an index page as it serves: this answer may be kept for anonymous visitors."""
    setattr(request, CACHEABLE, True)


def version_for(request: HttpRequest) -> int | None:
    """The read-model version to keep what this request's page is built from by: the one this middleware
    read before Wagtail routed the request, or (no ticket taken) a fresh read; None with the cache off."""
    ticket: Ticket | None = getattr(request, TICKET, None)
    return ticket.version if ticket is not None else cache_version()


def anonymous(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES \
        and "HTTP_AUTHORIZATION" not in request.META


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, CACHEABLE, False)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in cache_control and "no-store" not in cache_control
    )


class IndexPageCacheMiddleware:
    """Serve an anonymous visitor's index page from this process's cache while nothing it shows has changed.

    Only requests routed to Wagtail's page view are looked up (``process_view``), so the API, health
    checks and the admin cost nothing here; for those, the read model's version is read before
    Wagtail finds the page, so a page kept from a request saw no change that the version does not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        ticket: Ticket | None = getattr(request, TICKET, None)
        if ticket is not None and request.method == "GET" and keepable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            keep(ticket, response.content)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.url_name != PAGE_VIEW or not anonymous(request):
            return None
        try:
            ticket = ticket_for(request, PAGE_KIND)
        except DatabaseError:  # the view meets it too, and the outage middleware answers 503
            return None
        if ticket is None:
            return None
        body = kept(ticket)
        if body is not None:
            return HttpResponse(body, content_type="text/html; charset=utf-8")
        setattr(request, TICKET, ticket)
        return None
