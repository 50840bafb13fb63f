"""The published read model: one row per live, public dialogue page with its ready API JSON.

Rows are written when content changes (see ``signals.py``) so that reading a dialogue is
one indexed query for stored bytes. Only live, public, unexpired pages of a content locale
ever get a row; everything that removes a page from public view deletes its row.
"""

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

import orjson
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from blocks.choosers import chosen_memo

from .ladders import badge_memo
from .pages import DialoguePageBase, dialogue_models
from .serializers import content_language_codes, dialogue_representation, dialogue_summary
from .status import (
    FEEDBACK_OWED_RULE,
    NEVER,
    TRANSITIONS,
    StatusFacts,
    conditions,
    last_change,
    next_change,
    status_info,
)

NO_DATE = datetime.date(1, 1, 1)


class PublishedDialogue(models.Model):
    """The public JSON of one live dialogue page in its locale, and the fields lists filter on."""

    # A plain id, not a foreign key: deleting a page must not silently cascade past the signals
    # that tell search and other listeners about it.
    page_id = models.IntegerField(primary_key=True)
    locale = models.CharField(max_length=20, db_index=True)
    translation_key = models.UUIDField(db_index=True)
    site_id = models.IntegerField(null=True)
    path = models.CharField(max_length=1024, db_index=True)
    slug = models.CharField(max_length=255, db_index=True)
    title = models.CharField(max_length=255)
    sort_title = models.CharField(max_length=255, db_index=True)
    etag = models.CharField(max_length=64)
    ladder_key = models.CharField(max_length=50, blank=True, db_index=True)
    rung_key = models.CharField(max_length=50, blank=True)
    # The facts of the one status rule (``status.py``): the first day of each status, NEVER if unknown.
    cancelled = models.BooleanField(default=False)
    open_from = models.DateField(default=NEVER)
    closed_from = models.DateField(default=NEVER)
    decided_from = models.DateField(default=NEVER)
    date_from = models.DateField(null=True)
    date_to = models.DateField(null=True)
    sort_start = models.DateField(db_index=True)
    has_feedback = models.BooleanField(default=False)
    updated_at = models.DateTimeField(db_index=True)
    expire_at = models.DateTimeField(null=True)
    # The stored JSON's status members hold from ``fresh_from`` until the day before ``stale_after``.
    fresh_from = models.DateField(default=datetime.date.min)
    stale_after = models.DateField(null=True, db_index=True)
    # The JSON comes last: SQLite stores a row's columns in order, and a filter on a column
    # after a large blob would have to read through the blob's overflow pages for every row.
    summary = models.BinaryField()
    detail = models.BinaryField()

    class Meta:
        verbose_name = "published dialogue"
        indexes = [
            models.Index(fields=["locale", "sort_start"]),
            models.Index(fields=["locale", "slug"]),
            # A rung filter takes the newest 20 of its rung from the index instead of sorting them all.
            models.Index(fields=["rung_key", "sort_start"], name="dialogue_rung_start"),
            # Newest first with the visibility and status fields beside the date: a status filter,
            # or a rare combination, is checked on the index entries, and only the page of rows
            # that pass is read from the table (at 100,000 dialogues "decided": 18 -> 7 ms).
            models.Index(
                fields=["sort_start", "page_id", "locale", "expire_at", "cancelled", "open_from", "closed_from",
                        "decided_from", "has_feedback"],
                name="dialogue_start_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.locale})"


class PublishedDialogueFacet(models.Model):
    """One filterable value of a published dialogue: an organisation, tag, target group or method."""

    dialogue = models.ForeignKey(PublishedDialogue, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=255)
    label = models.CharField(max_length=255)

    class Meta:
        # Covers the filter subqueries (kind, key → dialogue ids) without touching the table.
        indexes = [models.Index(fields=["kind", "key", "dialogue"], name="dialogue_facet_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}={self.key}"


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


def rule_q(rule: tuple, today: datetime.date) -> Q:
    """The database form of conditions of the status rule (see ``status.RULE``)."""
    q = Q()
    for field, when in rule:
        q &= Q(**{f"{field}__lte" if when == "reached" else f"{field}__gt": today})
    return q


def status_q(status: str, today: datetime.date) -> Q:
    """Rows whose status (``status.status_on``) is ``status`` on ``today``."""
    cancelled, rule = conditions(status)
    return Q(cancelled=cancelled) & rule_q(rule, today)


def feedback_owed_q(today: datetime.date) -> Q:
    """Rows of dialogues owing feedback on ``today`` (``status.feedback_owed_on``)."""
    return Q(cancelled=False, has_feedback=False) & rule_q(FEEDBACK_OWED_RULE, today)


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


def encode(data: Any) -> bytes:
    return orjson.dumps(data)


def facets_of(representation: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The (kind, key, label) filter values of a dialogue, from its representation."""
    values = [("organisation", org["slug"], org["name"]) for org in representation["organisers"]]
    values += [("tag", tag.lower(), tag) for tag in representation["tags"]]
    values += [("target_group", group["slug"], group["name"]) for group in representation["target_groups"]]
    values += [("method", method["slug"], method["name"]) for method in representation["methods"]]
    return values


def row_for(page: DialoguePageBase, representation: dict[str, Any]) -> PublishedDialogue:
    """The read-model row of a public page, from its representation."""
    detail = encode(representation)
    url_parts = page.get_url_parts()
    facts = page.status_facts
    return PublishedDialogue(
        page_id=page.pk,
        locale=page.locale.language_code,
        translation_key=page.translation_key,
        site_id=url_parts[0] if url_parts else None,
        path=url_parts[2] if url_parts else page.url_path,
        slug=page.slug,
        title=page.title[:255],
        sort_title=page.title.lower()[:255],
        detail=detail,
        summary=encode(dialogue_summary(representation)),
        etag=hashlib.blake2b(detail, digest_size=16).hexdigest(),
        ladder_key=page.rung.ladder.key if page.rung_id else "",
        rung_key=page.rung.key if page.rung_id else "",
        **{field: getattr(facts, field) for field in TRANSITIONS},
        cancelled=facts.cancelled,
        date_from=page.date_from,
        date_to=page.date_to,
        sort_start=page.date_from or NO_DATE,
        has_feedback=page.has_feedback,
        updated_at=page.last_published_at or timezone.now(),
        expire_at=page.expire_at,
        fresh_from=last_change(facts, page.today),
        stale_after=next_change(facts, page.today),
    )


ROW_FIELDS = [field.name for field in PublishedDialogue._meta.concrete_fields if not field.primary_key]


def refresh_dialogues(
    page_ids: Iterable[int], pages: list[DialoguePageBase] | None = None
) -> dict[int, tuple[DialoguePageBase, dict[str, Any]]]:
    """Write or delete the rows of the given pages; return the public ones with their representations.

    Works in one pass for many pages: relations, translations and rung badges are fetched
    once for the whole batch, and rows are upserted together. ``pages`` may give the specific
    pages of ``page_ids`` already in memory with their relations (the importer's): they are
    then not read again.
    """
    page_ids = list(page_ids)
    if pages is None:
        pages = [
            page
            for model in dialogue_models()
            for page in model.objects.filter(pk__in=page_ids)
            .select_related("locale", "rung__ladder")
            .prefetch_related(*prefetches(model))
        ]
    private_paths = restricted_paths()
    representations: dict[int, tuple[DialoguePageBase, dict[str, Any]]] = {}
    rows, facets = [], []
    with badge_memo(), chosen_memo():
        public = [page for page in pages if is_publicly_visible(page, private_paths)]
        translations = translations_of(public)
        for page in public:
            others = [other for other in translations.get(page.translation_key, []) if other.pk != page.pk]
            representation = dialogue_representation(page, others)
            representations[page.pk] = (page, representation)
            rows.append(row_for(page, representation))
            facets += [
                PublishedDialogueFacet(dialogue_id=page.pk, kind=kind, key=key[:255], label=label[:255])
                for kind, key, label in facets_of(representation)
            ]
    with transaction.atomic():
        PublishedDialogue.objects.filter(page_id__in=page_ids).exclude(page_id__in=list(representations)).delete()
        PublishedDialogue.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["page_id"], update_fields=ROW_FIELDS, batch_size=200
        )
        PublishedDialogueFacet.objects.filter(dialogue_id__in=list(representations)).delete()
        PublishedDialogueFacet.objects.bulk_create(facets, batch_size=500)
    return representations


def prefetches(model: type[DialoguePageBase]) -> list[str]:
    return ["rung__ladder__rungs", "organisers", "target_groups", "methods", "contacts__organisation", "tags",
            "consulted_bodies"]


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


def analyze_read_model() -> None:
    """Refresh the database's statistics of the read-model tables after a bulk change.

    Without them SQLite's planner takes the locale index for every list and sorts all matches,
    instead of walking the date index and stopping after one page.
    """
    with connection.cursor() as cursor:
        for model in (PublishedDialogue, PublishedDialogueFacet):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def remove_dialogue(page_id: int) -> bool:
    """Delete the row of a page; True if there was one."""
    deleted, _detail = PublishedDialogue.objects.filter(page_id=page_id).delete()
    return bool(deleted)
