"""Migrations keep existing content telling the same story."""

import datetime
import importlib
from types import SimpleNamespace

import pytest

window_migration = importlib.import_module("dialogue_pages.migrations.0009_participation_window_and_decision")

START, END = datetime.date(2024, 3, 1), datetime.date(2024, 6, 30)


def old_page(status_override="", start_date=START, end_date=END, date_from=START, date_to=END):
    return SimpleNamespace(status_override=status_override, start_date=start_date, end_date=end_date,
                           date_from=date_from, date_to=date_to)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (old_page(), {"input_opens": START, "input_closes": END, "is_cancelled": False, "decision_date": None}),
        # no editor dates: the span of the timeline, as the old rule used it
        (old_page(start_date=None, end_date=None), {"input_opens": START, "input_closes": END}),
        (old_page("cancelled"), {"is_cancelled": True}),
        (old_page("decided"), {"decision_date": END}),
        # only an end: input is taken to open then too, as the form requires an opening day
        (old_page(start_date=None, date_from=None), {"input_opens": END, "input_closes": END}),
        (old_page(start_date=None, end_date=None, date_from=None, date_to=None),
         {"input_opens": None, "input_closes": None}),
    ],
)
def test_status_overrides_and_dates_become_facts(page, expected):
    facts = window_migration.facts_of(page)
    assert {key: facts[key] for key in expected} == expected
