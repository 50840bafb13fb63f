"""The dialogues a ``DialogueIndexPage`` lists: one page of stored summaries from the published read model.

Unfiltered, the dialogues open for input come first in a section of their own ("open now – take part")
and the pages list the others; with filters (``index_filters``), the pages list what matches them.

Reading the stored summaries instead of the pages keeps an index page at a fixed number of queries
and a bounded size whatever the number of dialogues, lists every concrete dialogue type, and
applies the same visibility as the API (live, public, not expired at this moment).

What every page of an index shares — the filter menus, the "open now" section, the number of
dialogues a filter finds — costs the most at 100,000 dialogues (a count or a scan of every row)
and changes only with the read model: each process keeps them by ``response_cache.remembered``'s
rules (same read-model version, same day, none expired since), so a new page number or filter
costs one indexed query for its own rows.
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
from .api.response_cache import remembered
from .conf import index_page_size
from .index_filters import ChosenFilters, FilterField, chosen_filters, filter_choices, filter_fields
from .page_cache import version_for
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
    place: tuple[Any, ...] = (index.pk, None, None)
    if url_parts:
        site_id, _root_url, path = url_parts
        rows = rows_under(site_id, path, index.locale.language_code)
        place = (index.pk, site_id, path)
    version = version_for(request)
    today = timezone.localdate()
    chosen = chosen_filters(request.GET)
    open_now, more_open, listed = None, False, rows
    if chosen.active:
        listed = filtered(chosen.filters, rows).order_by(*newest_first(chosen.filters))
    else:
        listed = rows.exclude(status_q(Status.OPEN.value, today))
        if request.GET.get("page", "1") == "1":
            open_now, more_open = remembered(version, ("index-open-now", *place), lambda: open_section(rows, today))
    paginator = Paginator(listed.values(*SUMMARY_FIELDS), index_page_size())
    filters_key = tuple(sorted(chosen.filters.model_dump(exclude_none=True).items()))
    paginator.count = remembered(version, ("index-count", *place, filters_key), listed.count)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    choices = remembered(version, ("index-menus", *place), lambda: filter_choices(rows, index.locale_id))
    return IndexListing(
        dialogues=summaries(list(page.object_list), today), page=page, chosen=chosen,
        fields=filter_fields(choices, chosen), open_now=open_now, more_open=more_open,
    )


def open_section(rows: QuerySet[PublishedDialogue], today: datetime.date) -> tuple[list[dict[str, Any]], bool]:
    """The first ``OPEN_NOW_LIMIT`` dialogues of ``rows`` open for input, the soonest to close first, and
    whether there are more."""
    found = list(filtered(DialogueFilters(status=Status.OPEN.value), rows)
                 .order_by("closed_from", "-page_id").values(*SUMMARY_FIELDS)[: OPEN_NOW_LIMIT + 1])
    return [with_window(summary) for summary in summaries(found[:OPEN_NOW_LIMIT], today)], len(found) > OPEN_NOW_LIMIT
