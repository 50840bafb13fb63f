"""iCalendar files: dated events, meetings, the input deadline and the decision, with stable UIDs."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from dialogue_pages.factories import DialoguePageFactory


def event(title, date, precision="day", label="", **meeting):
    return ("event", {"title": title, "description": "", "date": date, "precision": precision, "label": label,
                      "status": "planned", "rung": None, **meeting})


@pytest.fixture
def dialogue(dialogue_index, publish):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC), tick=False):
        return publish(DialoguePageFactory(
            parent=dialogue_index, title="Ny skolevej", start_date=None, end_date=None,
            input_opens=datetime.date(2026, 9, 1), input_closes=datetime.date(2026, 10, 15),
            participation_url="https://example.org/hoering",
            decision_date=datetime.date(2026, 12, 10), decision_body="Byrådet",
            timeline=[
                event("Borgermøde", datetime.date(2026, 9, 20), time="19:00", place="Skolens aula",
                      registration_url="https://example.org/tilmeld"),
                event("Anlæg", datetime.date(2027, 4, 1), precision="quarter"),
                event("Evaluering", None, precision="label", label="sidst i 2027"),
            ],
        ))


def components(response) -> list:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return [component for component in Calendar.from_ical(response.content).walk("VEVENT")]


def by_summary(events) -> dict:
    return {str(component["summary"]): component for component in events}


def test_a_dialogue_calendar_has_its_dated_events_deadline_and_decision(client, dialogue):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC), tick=False):
        events = by_summary(components(client.get(f"/api/v1/dialogues/{dialogue.pk}/calendar.ics")))
    meeting = events["Ny skolevej: Borgermøde"]
    start = meeting["dtstart"].dt
    assert isinstance(start, datetime.datetime) and (start.hour, start.minute) == (19, 0)
    assert str(meeting["location"]) == "Skolens aula" and str(meeting["url"]) == "https://example.org/tilmeld"
    works = events["Ny skolevej: Anlæg"]
    assert works["dtstart"].dt == datetime.date(2027, 4, 1) and works["dtend"].dt == datetime.date(2027, 7, 1)
    assert not any("Evaluering" in summary for summary in events)  # a free label has no period
    deadline = next(component for summary, component in events.items() if "Ny skolevej" in summary
                    and component["dtstart"].dt == datetime.date(2026, 10, 15))
    assert str(deadline["url"]) == "https://example.org/hoering"
    decision = next(component for component in events.values() if "Byrådet" in str(component["summary"]))
    assert decision["dtstart"].dt == datetime.date(2026, 12, 10)


def test_uids_are_stable_across_publishes(client, dialogue, publish):
    url = f"/api/v1/dialogues/{dialogue.pk}/calendar.ics"
    first = {str(component["uid"]) for component in components(client.get(url))}
    dialogue.intro = "Ny tekst."
    publish(dialogue)
    second = {str(component["uid"]) for component in components(client.get(url))}
    assert first == second and len(first) == 4


def test_the_site_calendar_lists_what_is_still_to_come(client, dialogue, dialogue_index, publish):
    publish(DialoguePageFactory(parent=dialogue_index, title="Gammel sag", start_date=datetime.date(2019, 1, 1),
                                end_date=datetime.date(2019, 2, 1)))
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC), tick=False):
        summaries = set(by_summary(components(client.get("/api/v1/calendar.ics"))))
    assert "Ny skolevej: Anlæg" in summaries
    assert "Ny skolevej: Borgermøde" not in summaries  # already over
    assert not any("Gammel sag" in summary for summary in summaries)


def test_unknown_and_draft_dialogues_have_no_calendar(client, dialogue_index):
    draft = DialoguePageFactory(parent=dialogue_index, live=False)
    assert client.get(f"/api/v1/dialogues/{draft.pk}/calendar.ics").status_code == 404
    assert client.get("/api/v1/dialogues/99999/calendar.ics").status_code == 404
