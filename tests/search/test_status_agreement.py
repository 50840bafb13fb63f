"""On any day, list, detail, search, filters and facets tell the same status (the one rule of status.py)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from dialogue_pages.status import Status

from .conftest import search_json

TODAY = datetime.date(2026, 6, 15)
DAYS = [
    datetime.date(2016, 6, 15),  # years back: everything still planned
    TODAY,
    datetime.date(2026, 6, 16),
    datetime.date(2029, 6, 15),  # years ahead: every window closed, every dated decision taken
]


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


RECORDS = {
    "planned": {"input_opens": day(30), "input_closes": day(60)},
    "open": {"input_opens": day(-10), "input_closes": day(20)},
    "closes-today": {"input_opens": day(-10), "input_closes": day(0)},
    "owed": {"input_opens": day(-90), "input_closes": day(-30)},
    "answered": {"input_opens": day(-90), "input_closes": day(-30), "feedback": [
        ("item", {"theme": "Stier", "you_said": "Mørke stier.", "we_did": "Nye lamper.", "outcome": "adopted",
                  "reason": ""})]},
    "decided": {"input_opens": day(-200), "input_closes": day(-150), "decision_date": day(-100),
                "decision_body": "Byrådet"},
    "decision-ahead": {"input_opens": day(-60), "input_closes": day(-20), "decision_date": day(400),
                       "decision_body": "Byrådet"},
    "cancelled": {"input_opens": day(-10), "input_closes": day(20), "is_cancelled": True,
                  "cancellation_reason": "Projektet er opgivet."},
    "no-window": {},
}


@pytest.fixture
def dialogues(make_dialogue):
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        return {
            name: make_dialogue(title=f"Lygtepæle {name}", start_date=None, end_date=None, **fields)
            for name, fields in RECORDS.items()
        }


def listed(client, **params) -> dict[int, dict]:
    response = client.get("/api/v1/dialogues/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


@pytest.mark.parametrize("when", DAYS, ids=str)
def test_list_detail_search_filters_and_facets_agree(client, dialogues, when):
    with time_machine.travel(datetime.datetime.combine(when, datetime.time(12), tzinfo=datetime.UTC), tick=False):
        assert timezone.localdate() == when
        everything = listed(client)
        assert set(everything) == {page.pk for page in dialogues.values()}
        details = {pk: client.get(f"/api/v1/dialogues/{pk}/").json() for pk in everything}
        for pk, item in everything.items():
            for key in ("status", "feedback_owed", "days_since_close"):
                assert item[key] == details[pk][key], (pk, key)
        facets = {facet["key"]: facet["count"] for facet in search_json(client, q="lygtepæle")["facets"]["status"]}
        for status in Status:
            in_list = listed(client, status=status.value)
            assert set(in_list) == {pk for pk, detail in details.items() if detail["status"]["key"] == status}
            found = search_json(client, q="lygtepæle", status=status.value, limit=50)
            assert {item["id"] for item in found["items"]} == set(in_list), status
            assert all(item["status"]["key"] == status for item in found["items"])
            assert facets.get(status.value, 0) == len(in_list), status
        owed = listed(client, feedback_owed="true")
        assert set(owed) == {pk for pk, detail in details.items() if detail["feedback_owed"]}


def test_the_day_decides_each_status(client, dialogues):
    expected_today = {
        "planned": "planned", "open": "open", "closes-today": "open", "owed": "closed", "answered": "closed",
        "decided": "decided", "decision-ahead": "closed", "cancelled": "cancelled", "no-window": "planned",
    }
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        statuses = {name: client.get(f"/api/v1/dialogues/{page.pk}/").json()["status"]["key"]
                    for name, page in dialogues.items()}
    assert statuses == expected_today
    with time_machine.travel(datetime.datetime(2029, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        later = {name: client.get(f"/api/v1/dialogues/{page.pk}/").json() for name, page in dialogues.items()}
    assert later["planned"]["status"]["key"] == "closed" and later["planned"]["feedback_owed"]
    assert later["decision-ahead"]["status"]["key"] == "decided"
    assert later["answered"]["feedback_owed"] is False
    assert later["owed"]["days_since_close"] == (datetime.date(2029, 6, 15) - day(-30)).days
