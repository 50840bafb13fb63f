"""The dialogues a ``DialogueIndexPage`` lists: one page of stored summaries from the published read model.

Unfiltered, the dialogues open for input come first in a section of their own ("open now – take part")
and the pages list the others; with filters (``index_filters``), the pages list what matches them.

Reading the stored summaries instead of the pages keeps an index page at a fixed number of queries
and a bounded size whatever the number of dialogues, lists every concrete dialogue type, and
applies the same visibility as the API (live, public, not expired at this moment).
"""

import datetime
from dataclasses import dataclass
from typing import Any

import orjson
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from .api.listing import filtered, newest_first
from .api.params import DialogueFilters
from .conf import index_page_size
from .index_filters import ChosenFilters, FilterField, chosen_filters, filter_choices, filter_fields
from .read_model.models import PublishedDialogue
from .read_model.queries import FACT_FIELDS, STALENESS_FIELDS, renewed_summary, status_q, visible_rows
from .status import Status

# At most this many open dialogues head an index; a link to ?status=open shows them all.
OPEN_NOW_LIMIT = 10
SUMMARY_FIELDS = ("summary", "locale", *STALENESS_FIELDS, *FACT_FIELDS)


@dataclass(frozen=True)
class IndexListing:
    """One page of an index's dialogues: their summaries (the API's list JSON) and the paginator page."""

    dialogues: list[dict[str, Any]]
    page: Page
    chosen: ChosenFilters | None = None
    fields: list[FilterField] | None = None
    open_now: list[dict[str, Any]] | None = None
    more_open: bool = False


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


def summaries(values: list[dict[str, Any]], today: datetime.date) -> list[dict[str, Any]]:
    return [with_dates(orjson.loads(renewed_summary(item, today))) for item in values]


def with_window(summary: dict[str, Any]) -> dict[str, Any]:
    """A summary with its participation window's ISO days also as dates (``opens_date``, ``closes_date``)."""
    participation = summary.get("participation") or {}
    for key in ("opens", "closes"):
        value = participation.get(key)
        participation[f"{key}_date"] = datetime.date.fromisoformat(value) if value else None
    return summary


def index_listing(index, request: HttpRequest) -> IndexListing:
    """The page of dialogues ``?page=N`` (and the filters) ask for; 404 for a page number that is not a page."""
    url_parts = index.get_url_parts(request)
    rows = PublishedDialogue.objects.none()
    if url_parts:
        site_id, _root_url, path = url_parts
        rows = rows_under(site_id, path, index.locale.language_code)
    today = timezone.localdate()
    chosen = chosen_filters(request.GET)
    open_now, more_open, listed = None, False, rows
    if chosen.active:
        listed = filtered(chosen.filters, rows).order_by(*newest_first(chosen.filters))
    elif request.GET.get("page", "1") == "1":
        found = list(filtered(DialogueFilters(status=Status.OPEN.value), rows)
                     .order_by("closed_from", "-page_id").values(*SUMMARY_FIELDS)[: OPEN_NOW_LIMIT + 1])
        open_now = [with_window(summary) for summary in summaries(found[:OPEN_NOW_LIMIT], today)]
        more_open = len(found) > OPEN_NOW_LIMIT
    if not chosen.active:
        listed = rows.exclude(status_q(Status.OPEN.value, today))
    paginator = Paginator(listed.values(*SUMMARY_FIELDS), index_page_size())
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    return IndexListing(
        dialogues=summaries(list(page.object_list), today), page=page, chosen=chosen,
        fields=filter_fields(filter_choices(rows, index.locale_id), chosen), open_now=open_now, more_open=more_open,
    )
