"""Reads of the published read model: what the public may see, status filters, stored JSON."""

import datetime
from typing import Any

import orjson
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from ..serializers import content_language_codes
from ..status import FEEDBACK_OWED_RULE, TRANSITIONS, StatusFacts, conditions, status_info
from .models import PublishedDialogue


def visible_rows(now: datetime.datetime | None = None) -> models.QuerySet[PublishedDialogue]:
    """Rows the public may see now: of a content locale and not expired since they were written."""
    now = now or timezone.now()
    return PublishedDialogue.objects.filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now), locale__in=content_language_codes()
    )


def is_current(fresh_from: datetime.date | None, stale_after: datetime.date | None, today: datetime.date) -> bool:
    """True if a row's stored status members still tell the truth on ``today`` (see ``row_for``)."""
    return (fresh_from is None or fresh_from <= today) and (stale_after is None or today < stale_after)


def as_date(value: datetime.date | str | None) -> datetime.date | None:
    """A date column's value (raw SQL on SQLite gives text)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def public_detail(page_id: int) -> tuple[bytes, str, bool] | None:
    """The stored JSON and ETag of a visible dialogue, and whether its status is current, in one indexed query.

    The same conditions as ``visible_rows``, written as SQL: this is the API's hottest read,
    and building the ORM query cost more than running it.
    """
    languages = content_language_codes()
    table = connection.ops.quote_name(PublishedDialogue._meta.db_table)
    sql = (
        f"SELECT detail, etag, fresh_from, stale_after FROM {table} WHERE page_id = %s "
        f"AND (expire_at IS NULL OR expire_at > %s) AND locale IN ({', '.join(['%s'] * len(languages))})"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [page_id, now, *languages])
        found = cursor.fetchone()
    if found is None:
        return None
    detail, etag, fresh_from, stale_after = found
    return bytes(detail), etag, is_current(as_date(fresh_from), as_date(stale_after), timezone.localdate())


def facts_of(row: PublishedDialogue) -> StatusFacts:
    """The status facts stored in a row."""
    return StatusFacts(
        cancelled=row.cancelled, open_from=row.open_from, closed_from=row.closed_from,
        decided_from=row.decided_from, has_feedback=row.has_feedback,
    )


FACT_FIELDS = ("cancelled", *TRANSITIONS, "has_feedback")
STALENESS_FIELDS = ("fresh_from", "stale_after")


def renewed_summary(values: dict[str, Any], today: datetime.date) -> bytes:
    """The stored summary of a row (``values`` of ``summary``, ``locale``, ``STALENESS_FIELDS`` and ``FACT_FIELDS``),
    with its date-dependent members recomputed when the stored ones may be out of date.

    A row's JSON tells the truth from its ``fresh_from`` day until before its ``stale_after`` day;
    on other days the status, feedback owed and day count are computed again from the row's
    facts, so a list agrees with its filters and with the detail on any day.
    """
    summary = bytes(values["summary"])
    if is_current(values["fresh_from"], values["stale_after"], today):
        return summary
    data = orjson.loads(summary)
    facts = StatusFacts(**{name: values[name] for name in FACT_FIELDS})
    with translation.override(values["locale"]):
        data.update(status_info(facts, today))
    return orjson.dumps(data)


def rule_q(rule: tuple, today: datetime.date, prefix: str = "") -> Q:
    """The database form of conditions of the status rule (see ``status.RULE``).

    ``prefix`` names a relation holding copies of the status facts (e.g. ``"listed__"``, a facet row).
    """
    q = Q()
    for field, when in rule:
        q &= Q(**{f"{prefix}{field}__lte" if when == "reached" else f"{prefix}{field}__gt": today})
    return q


def status_q(status: str, today: datetime.date, prefix: str = "") -> Q:
    """Rows whose status (``status.status_on``) is ``status`` on ``today``."""
    cancelled, rule = conditions(status)
    return Q(**{f"{prefix}cancelled": cancelled}) & rule_q(rule, today, prefix)


def feedback_owed_q(today: datetime.date, prefix: str = "") -> Q:
    """Rows of dialogues owing feedback on ``today`` (``status.feedback_owed_on``)."""
    return Q(**{f"{prefix}cancelled": False, f"{prefix}has_feedback": False}) & rule_q(
        FEEDBACK_OWED_RULE, today, prefix
    )


def restricted_paths() -> list[str]:
    """Tree paths of pages with a view restriction (private pages and everything below them)."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_publicly_visible(page: Page, private_paths: list[str] | None = None) -> bool:
    """True for a live, public, unexpired page of a content locale."""
    private_paths = restricted_paths() if private_paths is None else private_paths
    return (
        page.live
        and not page.expired
        and not (page.expire_at and page.expire_at <= timezone.now())
        and page.locale.language_code in content_language_codes()
        and not any(page.path.startswith(path) for path in private_paths)
    )



def translations_of(pages: list[Page]) -> dict[Any, list[Page]]:
    """Live, public pages of content locales sharing a translation key with ``pages``, by key."""
    if not pages:
        return {}
    found: dict[Any, list[Page]] = {}
    candidates = (
        Page.objects.live().public()
        .filter(translation_key__in={page.translation_key for page in pages},
                locale__language_code__in=content_language_codes())
        .select_related("locale").order_by("locale__language_code")
    )
    for page in candidates:
        if not (page.expire_at and page.expire_at <= timezone.now()):
            found.setdefault(page.translation_key, []).append(page)
    return found
