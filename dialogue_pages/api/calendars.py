"""iCalendar files of dialogues: dated timeline events and meetings, input deadlines, decisions.

Built with the ``icalendar`` library from the stored detail JSON. What becomes an event:

- a timeline event dated to the day is an all-day event, or a timed one when it is a meeting
  with a start time (the site's time zone);
- one dated to a month, quarter or year is an all-day event spanning that period;
- one with only a free label ("early 2024") has no known period and is left out;
- the last day of input and the decision date are all-day events.

UIDs are derived from the page id and the block id, so a subscribed calendar updates its
events instead of duplicating them.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

import orjson
from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from ninja import Query, Router

from ..read_model.queries import as_date, public_detail
from .feeds import FeedFilters, rows_for
from .openapi import file_response
from .response_cache import cached_body
from .responses import cacheable_response

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
UID_DOMAIN = "dialogue-cms"
# The site-wide calendar covers this many dialogues with something still to come, soonest first.
UPCOMING_DIALOGUES = 500
ONE_DAY = datetime.timedelta(days=1)


def stamp_of(data: dict[str, Any]) -> datetime.datetime:
    published = data.get("last_published_at")
    return datetime.datetime.fromisoformat(published) if published else timezone.now()


def all_day(uid: str, summary: str, first: datetime.date, last: datetime.date, stamp: datetime.datetime,
            url: str, description: str = "", location: str = "") -> Event:
    """An all-day event from ``first`` to ``last`` inclusive (iCalendar's end is exclusive)."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + ONE_DAY)
    event.add("dtstamp", stamp)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


def events_of(data: dict[str, Any]) -> Iterable[Event]:
    """The calendar events of one dialogue's detail JSON."""
    page_id, title, url = data["id"], data["title"], data["url"] or ""
    stamp = stamp_of(data)
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for child in data["timeline"]:
        if child["type"] != "event":
            continue
        value = child["value"]
        first, last = as_date(value["period_start"]), as_date(value["period_end"])
        if first is None or last is None:
            continue  # a free label without a date: no known period
        uid = f"dialogue-{page_id}-event-{child['id']}@{UID_DOMAIN}"
        summary = f"{title}: {value['title']}"
        link = value.get("registration_url") or url
        if value.get("time") and value["precision"] == "day":
            event = Event()
            event.add("uid", uid)
            event.add("summary", summary)
            hour, minute = (int(part) for part in value["time"].split(":"))
            event.add("dtstart", datetime.datetime.combine(first, datetime.time(hour, minute), tzinfo=zone))
            event.add("dtstamp", stamp)
            if link:
                event.add("url", link)
            if value.get("description"):
                event.add("description", value["description"])
            if value.get("place"):
                event.add("location", value["place"])
            yield event
        else:
            yield all_day(uid, summary, first, last, stamp, link, value.get("description", ""),
                          value.get("place", ""))
    closes = as_date((data.get("participation") or {}).get("closes"))
    if closes:
        yield all_day(f"dialogue-{page_id}-input-closes@{UID_DOMAIN}",
                      _("Last day for input: %(title)s") % {"title": title}, closes, closes, stamp,
                      (data.get("participation") or {}).get("url") or url)
    decision = data.get("decision")
    if decision:
        decided = as_date(decision["date"])
        summary = _("Decision: %(title)s") % {"title": title}
        yield all_day(f"dialogue-{page_id}-decision@{UID_DOMAIN}",
                      f"{summary} ({decision['body']})" if decision["body"] else summary,
                      decided, decided, stamp, decision["url"] or url, decision["summary"])


def calendar_of(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Dialogue CMS//dialogue calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


router = Router(tags=["calendars"])
DOCUMENTED = file_response("an iCalendar file (RFC 5545)", "text/calendar")


@router.get("/dialogues/{int:dialogue_id}/calendar.ics", summary="Calendar of a dialogue", response={200: None},
            openapi_extra=DOCUMENTED)
def dialogue_calendar(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Dated timeline events and meetings, the last day of input and the decision date of one dialogue."""
    found = public_detail(dialogue_id) if 0 < dialogue_id < 2**31 else None
    if found is None:
        raise Http404("There is no public dialogue here.")
    data = orjson.loads(found[0])
    with translation.override(data["locale"]):
        body = calendar_of(data["title"], events_of(data))
    return cacheable_response(request, body, CALENDAR_CONTENT_TYPE)


@router.get("/calendar.ics", summary="Calendar of upcoming dialogue events", response={200: None},
            openapi_extra=DOCUMENTED)
def upcoming_calendar(request: HttpRequest, filters: Query[FeedFilters]) -> HttpResponse:
    """Upcoming events of every public dialogue, filtered like the feeds (locale, organisation, topic, area)."""

    def build() -> bytes:
        today = timezone.localdate()
        rows = rows_for(filters).filter(
            Q(date_to__gte=today) | Q(closed_from__gt=today) | Q(decided_from__gte=today)
        ).order_by("sort_start", "page_id")
        events = []
        for detail, locale in rows.values_list("detail", "locale")[:UPCOMING_DIALOGUES]:
            data = orjson.loads(bytes(detail))
            with translation.override(locale):
                events += [event for event in events_of(data) if ends_after(event, today)]
        return calendar_of(_("Citizen dialogues"), events)

    return cacheable_response(request, cached_body(request, build), CALENDAR_CONTENT_TYPE)


def ends_after(event: Event, today: datetime.date) -> bool:
    """True if the event has not ended before ``today``."""
    end = event.get("dtend") or event.get("dtstart")
    value = end.dt
    if isinstance(value, datetime.datetime):
        return value.date() >= today
    return value > today if event.get("dtend") else value >= today

