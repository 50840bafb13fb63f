"""The dialogues a ``DialogueIndexPage`` lists: one page of stored summaries from the published read model.

Reading the stored summaries instead of the pages keeps an index page at a fixed number of queries
and a bounded size whatever the number of dialogues, lists every concrete dialogue type, and
applies the same visibility as the API (live, public, not expired at this moment).
"""

import datetime
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from .read_model.models import PublishedDialogue
from .read_model.queries import FACT_FIELDS, STALENESS_FIELDS, renewed_summary, visible_rows

DEFAULT_PAGE_SIZE = 20


def page_size() -> int:
    """``DIALOGUE_INDEX_PAGE_SIZE``: dialogues per index page (default 20)."""
    return int(getattr(settings, "DIALOGUE_INDEX_PAGE_SIZE", DEFAULT_PAGE_SIZE))


@dataclass(frozen=True)
class IndexListing:
    """One page of an index's dialogues: their summaries (the API's list JSON) and the paginator page."""

    dialogues: list[dict[str, Any]]
    page: Page


def rows_under(site_id: int, path: str, locale: str) -> QuerySet[PublishedDialogue]:
    """Visible rows of ``locale`` whose URL path on ``site_id`` lies under ``path``, newest first.

    The same order as the API's default list (``-start``), so both show dialogues alike.
    """
    return (
        visible_rows()
        .filter(site_id=site_id, path__startswith=path, locale=locale)
        .order_by("-sort_start", "-page_id")
    )


def with_dates(summary: dict[str, Any]) -> dict[str, Any]:
    """A summary with its ISO ``start``/``end`` also as dates, for the template's date formats."""
    for key in ("start", "end"):
        value = summary.get(key)
        summary[f"{key}_date"] = datetime.date.fromisoformat(value) if value else None
    return summary


def index_listing(index, request: HttpRequest) -> IndexListing:
    """The page of dialogues ``?page=N`` asks for; 404 for a page number that is not a page."""
    url_parts = index.get_url_parts(request)
    rows = PublishedDialogue.objects.none()
    if url_parts:
        site_id, _root_url, path = url_parts
        rows = rows_under(site_id, path, index.locale.language_code)
    paginator = Paginator(rows.values("summary", "locale", *STALENESS_FIELDS, *FACT_FIELDS), page_size())
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    today = timezone.localdate()
    dialogues = [with_dates(orjson.loads(renewed_summary(values, today))) for values in page.object_list]
    return IndexListing(dialogues=dialogues, page=page)
