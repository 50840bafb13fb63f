"""Filtering, ordering and keyset pagination of published dialogues."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from taggit.models import Tag

from ..ladders import ParticipationLadder, ParticipationRung
from ..read_model.models import PublishedDialogue, PublishedDialogueFacet
from ..read_model.queries import FACT_FIELDS, STALENESS_FIELDS, feedback_owed_q, renewed_summary, status_q
from ..serializers import content_language_codes
from ..snippets import Area, Method, Organisation, TargetGroup
from .params import DialogueFilters
from .responses import ProblemError, decode_cursor, encode_cursor, invalid_cursor

FACET_FILTERS = {
    "organisation": "organisation", "tag": "tag", "target_group": "target_group", "method": "method", "area": "area",
}

# ordering -> (row fields in sort order, descending?)
ORDERINGS: dict[str, tuple[tuple[str, ...], bool]] = {
    "-start": (("sort_start", "page_id"), True),
    "start": (("sort_start", "page_id"), False),
    "-updated": (("updated_at", "page_id"), True),
    "title": (("sort_title", "page_id"), False),
}


def check_locale(locale: str | None) -> None:
    if locale is not None and locale not in content_language_codes():
        raise ProblemError(
            400, "Unknown locale", f"Use one of: {', '.join(content_language_codes())}.", parameter="locale"
        )


def listed_facet(filters: DialogueFilters) -> tuple[str, str] | None:
    """The (kind, key) of the first facet filter given: the list walks its facet rows (``LISTED``)."""
    for parameter, kind in FACET_FILTERS.items():
        value = getattr(filters, parameter)
        if value is not None:
            return kind, value.lower() if kind == "tag" else value
    return None


# The facet rows of ``listed_facet``, joined to the dialogues they belong to (one each). They copy
# the sort key and the locale and status fields (``FACET_COPIES``), so the database walks their
# index newest first and checks those filters on its entries: a list of a common topic or
# organisation reads one page of rows instead of collecting and sorting all the topic's dialogues.
LISTED = "listed"
LISTED_SORT_COLUMNS = {"listed_sort_start": "sort_start", "listed_page_id": "dialogue_id"}


def filtered(filters: DialogueFilters, rows: QuerySet[PublishedDialogue]) -> QuerySet[PublishedDialogue]:
    """Apply every given filter to ``rows``.

    With a facet filter, ``rows`` are joined to that facet's rows as ``LISTED``; filters on fields
    the facet rows copy are also put on the copies, where the index sees them (the dialogue's own
    fields stay the ones that decide).
    """
    check_locale(filters.locale)
    today = timezone.localdate()
    listed = listed_facet(filters)
    on_copies = Q()
    if filters.locale:
        rows = rows.filter(locale=filters.locale)
        on_copies &= Q(facets__locale=filters.locale)
    for parameter, kind in FACET_FILTERS.items():
        value = getattr(filters, parameter)
        if value is not None and (listed is None or kind != listed[0]):
            key = value.lower() if kind == "tag" else value
            rows = rows.filter(
                pk__in=PublishedDialogueFacet.objects.filter(kind=kind, key=key).values("dialogue_id")
            )
    if filters.rung is not None:
        rows = rows.filter(rung_key=filters.rung)
    if filters.ladder is not None:
        rows = rows.filter(ladder_key=filters.ladder)
    if filters.status is not None:
        rows = rows.filter(status_q(filters.status, today))
        on_copies &= status_q(filters.status, today, prefix="facets__")
    if filters.feedback_owed is not None:
        owed = feedback_owed_q(today)
        rows = rows.filter(owed if filters.feedback_owed else ~owed)
        if filters.feedback_owed:
            on_copies &= feedback_owed_q(today, prefix="facets__")
    if filters.year is not None:
        first, last = datetime.date(filters.year, 1, 1), datetime.date(filters.year, 12, 31)
        rows = rows.filter(
            Q(date_from__lte=last, date_to__gte=first)
            | Q(date_from__lte=last, date_to__isnull=True)
            | Q(date_from__isnull=True, date_to__gte=first, date_to__lte=last)
        )
        # Implied by the above (an undated start sorts as the first day of year 1), and lets the
        # newest-first list walk the start-date index from the end of the year instead of from today.
        rows = rows.filter(sort_start__lte=last)
        on_copies &= Q(facets__sort_start__lte=last)
    if filters.updated_since is not None:
        since = filters.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        rows = rows.filter(updated_at__gte=since)
    if listed is not None:
        kind, key = listed
        condition = Q(facets__kind=kind, facets__key=key) & on_copies
        # The copies of the sort key as names, so that an order or a cursor reuses this one join.
        rows = (
            rows.alias(**{LISTED: FilteredRelation("facets", condition=condition)})
            .filter(**{f"{LISTED}__isnull": False})
            .alias(**{column: F(f"{LISTED}__{field}") for column, field in LISTED_SORT_COLUMNS.items()})
        )
    return rows


def unknown_filter_values(filters: DialogueFilters) -> list[str]:
    """Filter parameters whose value names nothing that exists (asked only when a list is empty)."""
    lookups = {
        "organisation": lambda v: Organisation.objects.filter(slug=v),
        "target_group": lambda v: TargetGroup.objects.filter(slug=v),
        "method": lambda v: Method.objects.filter(slug=v),
        "area": lambda v: Area.objects.filter(slug=v),
        "tag": lambda v: Tag.objects.filter(name__iexact=v),
        "rung": lambda v: ParticipationRung.objects.filter(key=v),
        "ladder": lambda v: ParticipationLadder.objects.filter(key=v),
    }
    return [
        parameter for parameter, lookup in lookups.items()
        if getattr(filters, parameter) is not None and not lookup(getattr(filters, parameter)).exists()
    ]


def sort_value(row_values: dict[str, Any], field: str) -> Any:
    value = row_values[field]
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def page_of(filters: DialogueFilters, rows: QuerySet[PublishedDialogue]) -> tuple[list[bytes], str | None]:
    """One page of summaries in the requested order, and the cursor of the next page if any."""
    fields, descending = ORDERINGS[filters.ordering]
    columns = sort_columns(filters, fields)
    if filters.cursor:
        after = decode_cursor(filters.cursor, filters.ordering, len(fields))
        rows = rows.filter(keyset_after(fields, after, descending, columns))
    order = [f"-{column}" if descending else column for column in columns]
    found = list(
        rows.order_by(*order).values("summary", "locale", *STALENESS_FIELDS, *FACT_FIELDS, *fields)[: filters.limit + 1]
    )
    more = len(found) > filters.limit
    found = found[: filters.limit]
    next_cursor = None
    if more:
        last = found[-1]
        next_cursor = encode_cursor(filters.ordering, [sort_value(last, field) for field in fields])
    today = timezone.localdate()
    return [renewed_summary(item, today) for item in found], next_cursor


def sort_columns(filters: DialogueFilters, fields: tuple[str, ...]) -> tuple[str, ...]:
    """What a list orders by: ``fields``, or for a list of one facet by start date, the facet rows' copies
    (the same values, in the order of their index)."""
    if fields == ("sort_start", "page_id") and listed_facet(filters) is not None:
        return tuple(LISTED_SORT_COLUMNS)
    return fields


def newest_first(filters: DialogueFilters) -> list[str]:
    """The order of the default list (``-start``) of rows ``filtered`` by ``filters``."""
    return [f"-{column}" for column in sort_columns(filters, ORDERINGS["-start"][0])]


def keyset_after(fields: tuple[str, ...], values: list[Any], descending: bool,
                 columns: tuple[str, ...] | None = None) -> Q:
    """Rows that come after ``values`` of ``fields`` in the ordering by ``columns`` (holding the same values).

    The first column's bound also stands alone, so the database starts its index walk there.
    """
    op = "lt" if descending else "gt"
    first, second = columns or fields
    try:
        first_value, second_value = (
            PublishedDialogue._meta.get_field(field).to_python(value)
            for field, value in zip(fields, values, strict=True)
        )
    except (DjangoValidationError, TypeError, ValueError) as error:
        raise invalid_cursor() from error
    if first_value is None or second_value is None:
        raise invalid_cursor()
    return Q(**{f"{first}__{op}e": first_value}) & (
        Q(**{f"{first}__{op}": first_value}) | Q(**{first: first_value, f"{second}__{op}": second_value})
    )
