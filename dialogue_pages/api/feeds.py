"""Atom and RSS feeds: new and updated dialogues, and "you said, we did" with recorded decisions.

Read from the published read model: one query for a page of stored JSON, no query per entry.
Feeds are generated with Django's feed generator (``django.utils.feedgenerator``).
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import feedgenerator, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from ..read_model.models import PublishedDialogue
from ..read_model.queries import visible_rows
from ..serializers import content_language_codes
from .listing import check_locale, filtered
from .openapi import file_response
from .params import DialogueFilters, LocaleCode, Text
from .response_cache import cached_body
from .responses import cacheable_response

router = Router(tags=["feeds"])

FEED_SIZE = 50
FORMATS: dict[str, tuple[type[feedgenerator.SyndicationFeed], str]] = {
    "atom": (feedgenerator.Atom1Feed, "application/atom+xml; charset=utf-8"),
    "rss": (feedgenerator.Rss201rev2Feed, "application/rss+xml; charset=utf-8"),
}
FeedFormat = Literal["atom", "rss"]


class FeedFilters(Schema):
    """What a feed covers: a language, an organisation, a topic, an area."""

    locale: LocaleCode | None = None
    organisation: Text(100, "organisation key (slug)") | None = None
    tag: Text(100, "topic") | None = None
    area: Text(100, "area key (slug), e.g. 'vesterbro'") | None = None


@dataclass
class Entry:
    """One feed entry."""

    title: str
    link: str
    unique_id: str
    updated: datetime.datetime
    published: datetime.datetime | None
    description: str
    categories: list[str] = field(default_factory=list)


def rows_for(filters: FeedFilters) -> QuerySet[PublishedDialogue]:
    """Visible rows matching the feed's filters (the list endpoint's filters, so keys mean the same)."""
    check_locale(filters.locale)
    list_filters = DialogueFilters(locale=filters.locale, organisation=filters.organisation, tag=filters.tag,
                                   area=filters.area)
    return filtered(list_filters, visible_rows())


def moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def marked(entry: Entry, data: dict[str, Any]) -> Entry:
    """An entry of an illustrative example (``"example": true``) says so in its title and first sentence.

    In the active language: call it where the dialogue's language is active.
    """
    if not data.get("example"):
        return entry
    label = capfirst(_("illustrative example"))
    notice = _("Example: parts of this record are illustrative and not the organisation's own account.")
    return dataclasses.replace(entry, title=f"[{label}] {entry.title}", description=f"{notice}\n\n{entry.description}")


def dialogue_entries(rows: QuerySet[PublishedDialogue]) -> list[Entry]:
    """The newest-updated dialogues, one entry each."""
    entries = []
    for summary in rows.order_by("-updated_at", "-page_id").values_list("summary", flat=True)[:FEED_SIZE]:
        data = orjson.loads(bytes(summary))
        updated = moment(data["last_published_at"]) or timezone.now()
        entry = Entry(
            title=data["title"], link=data["url"] or "", unique_id=f"urn:dialogue:{data['id']}",
            updated=updated, published=moment(data["first_published_at"]),
            description=f"{data['status']['label']}. {data['intro']}", categories=data["tags"],
        )
        with translation.override(data["locale"]):
            entries.append(marked(entry, data))
    return entries


def feedback_entries(rows: QuerySet[PublishedDialogue], today: datetime.date) -> list[Entry]:
    """One entry per published "you said, we did" item and per recorded decision, newest first."""
    answered = rows.filter(Q(has_feedback=True) | Q(decided_from__lte=today))
    entries: list[Entry] = []
    for detail, locale in answered.order_by("-updated_at", "-page_id").values_list("detail", "locale")[:FEED_SIZE]:
        data = orjson.loads(bytes(detail))
        with translation.override(locale):
            entries += [marked(entry, data) for entry in entries_of_dialogue(data, today)]
    entries.sort(key=lambda entry: (entry.updated, entry.unique_id), reverse=True)
    return entries[:FEED_SIZE]


def entries_of_dialogue(data: dict[str, Any], today: datetime.date) -> Iterable[Entry]:
    """The feedback items and the decision of one dialogue's detail JSON."""
    updated = moment(data["last_published_at"]) or timezone.now()
    url = data["url"] or ""
    for child in data["feedback"]:
        if child["type"] != "item":
            continue
        item = child["value"]
        parts = [_("You said: %(text)s") % {"text": item["you_said"]}, _("We did: %(text)s") % {"text": item["we_did"]}]
        if item.get("reason"):
            parts.append(_("Why: %(text)s") % {"text": item["reason"]})
        yield Entry(
            title=f"{data['title']}: {item['theme']} ({item['outcome_label']})" if item.get("outcome_label")
            else f"{data['title']}: {item['theme']}",
            link=f"{url}#feedback", unique_id=f"urn:dialogue:{data['id']}:feedback:{child['id']}",
            updated=updated, published=updated, description="\n\n".join(parts),
        )
    decision = data.get("decision")
    if decision and datetime.date.fromisoformat(decision["date"]) <= today:
        decided = datetime.datetime.combine(datetime.date.fromisoformat(decision["date"]), datetime.time(),
                                            tzinfo=datetime.UTC)
        title = _("Decision: %(title)s") % {"title": data["title"]}
        yield Entry(
            title=f"{title} ({decision['body']})" if decision["body"] else title,
            link=decision["url"] or url, unique_id=f"urn:dialogue:{data['id']}:decision",
            updated=max(updated, decided), published=decided, description=decision["summary"],
        )


def render(request: HttpRequest, kind: FeedFormat, title: str, entries: list[Entry], locale: str | None) -> bytes:
    generator_class, _content_type = FORMATS[kind]
    feed = generator_class(
        title=title, link=request.build_absolute_uri("/"), description=title,
        language=locale or content_language_codes()[0], feed_url=request.build_absolute_uri(),
        feed_guid=request.build_absolute_uri(request.path),
    )
    for entry in entries:
        feed.add_item(
            title=entry.title, link=entry.link, description=entry.description, unique_id=entry.unique_id,
            unique_id_is_permalink=False, updateddate=entry.updated, pubdate=entry.published or entry.updated,
            categories=entry.categories,
        )
    return feed.writeString("utf-8").encode()


def feed_response(request: HttpRequest, kind: FeedFormat, title: str, entries: Callable[[], list[Entry]],
                  locale: str | None) -> HttpResponse:
    """The feed of the ``entries`` made for this request (kept by ``response_cache`` while they hold)."""
    body = cached_body(request, lambda: render(request, kind, title, entries(), locale))
    return cacheable_response(request, body, FORMATS[kind][1])


@router.get("/dialogues.{kind}", summary="Feed of new and updated dialogues", response={200: None},
            openapi_extra=file_response("an Atom 1.0 feed, or RSS 2.0 for .rss", "application/atom+xml",
                                     "application/rss+xml"))
def dialogues_feed(request: HttpRequest, kind: FeedFormat, filters: Query[FeedFilters]) -> HttpResponse:
    """The 50 most recently published or updated public dialogues (``.atom`` or ``.rss``)."""
    return feed_response(request, kind, _("Citizen dialogues"), lambda: dialogue_entries(rows_for(filters)),
                         filters.locale)


@router.get("/feedback.{kind}", summary="Feed of feedback and decisions", response={200: None},
            openapi_extra=file_response("an Atom 1.0 feed, or RSS 2.0 for .rss", "application/atom+xml",
                                     "application/rss+xml"))
def feedback_feed(request: HttpRequest, kind: FeedFormat, filters: Query[FeedFilters]) -> HttpResponse:
    """One entry per published "you said, we did" item and per recorded decision (``.atom`` or ``.rss``)."""
    return feed_response(request, kind, _("What became of the input"),
                         lambda: feedback_entries(rows_for(filters), timezone.localdate()), filters.locale)
