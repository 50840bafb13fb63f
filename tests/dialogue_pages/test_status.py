"""The one status rule: status, feedback owed and day counts from the record's facts and the date."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogue_pages.status import (
    NEVER,
    RULE,
    Status,
    StatusFacts,
    days_since_close,
    feedback_owed_on,
    holds,
    last_change,
    next_change,
    span,
    status_on,
)

TODAY = datetime.date(2025, 6, 15)
PAST = datetime.date(2025, 1, 1)
YESTERDAY = datetime.date(2025, 6, 14)
FUTURE = datetime.date(2025, 12, 1)


def facts(opens=None, closes=None, decided=None, cancelled=False, has_feedback=False) -> StatusFacts:
    return StatusFacts.of_record(cancelled=cancelled, input_opens=opens, input_closes=closes,
                                 decision_date=decided, has_feedback=has_feedback)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (facts(), Status.PLANNED),
        (facts(opens=FUTURE, closes=FUTURE), Status.PLANNED),
        (facts(opens=PAST), Status.OPEN),
        (facts(opens=PAST, closes=FUTURE), Status.OPEN),
        (facts(opens=PAST, closes=TODAY), Status.OPEN),  # the last day of input is still open
        (facts(opens=PAST, closes=YESTERDAY), Status.CLOSED),
        # feedback alone decides nothing: a decision must be recorded
        (facts(opens=PAST, closes=YESTERDAY, has_feedback=True), Status.CLOSED),
        (facts(opens=PAST, closes=YESTERDAY, decided=FUTURE), Status.CLOSED),
        (facts(opens=PAST, closes=YESTERDAY, decided=TODAY), Status.DECIDED),
        (facts(decided=PAST), Status.DECIDED),
        (facts(opens=PAST, closes=FUTURE, cancelled=True), Status.CANCELLED),
        (facts(opens=PAST, closes=PAST, decided=PAST, cancelled=True), Status.CANCELLED),
    ],
)
def test_status_on(record, expected):
    assert status_on(record, TODAY) == expected


def test_a_plan_whose_hearing_has_closed_is_closed_though_its_timeline_goes_on():
    # The window, not the last timeline event, decides: input closed on 2026-12-15.
    record = facts(opens=datetime.date(2026, 11, 1), closes=datetime.date(2026, 12, 15))
    assert status_on(record, datetime.date(2026, 12, 16)) == Status.CLOSED


def test_feedback_owed_from_the_day_after_input_closes_until_feedback_is_published():
    record = facts(opens=PAST, closes=YESTERDAY)
    assert feedback_owed_on(record, TODAY)
    assert days_since_close(record, TODAY) == 1
    assert not feedback_owed_on(record, YESTERDAY)
    assert days_since_close(record, YESTERDAY) is None
    assert not feedback_owed_on(facts(opens=PAST, closes=YESTERDAY, has_feedback=True), TODAY)
    assert not feedback_owed_on(facts(opens=PAST, closes=YESTERDAY, cancelled=True), TODAY)
    # decided but silent towards participants: still owed
    assert feedback_owed_on(facts(opens=PAST, closes=YESTERDAY, decided=TODAY), TODAY)


def test_next_change_is_the_next_transition_or_tomorrow_while_feedback_is_owed():
    assert next_change(facts(opens=FUTURE, closes=FUTURE), TODAY) == FUTURE
    assert next_change(facts(opens=PAST, closes=FUTURE), TODAY) == FUTURE + datetime.timedelta(days=1)
    assert next_change(facts(opens=PAST, closes=YESTERDAY), TODAY) == TODAY + datetime.timedelta(days=1)
    assert next_change(facts(opens=PAST), TODAY) is None
    assert next_change(facts(opens=FUTURE, cancelled=True), TODAY) is None


dates = st.one_of(st.none(), st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 1, 1)))


@given(opens=dates, closes=dates, decided=dates, cancelled=st.booleans(), feedback=st.booleans(),
       today=st.dates(min_value=datetime.date(1999, 1, 1), max_value=datetime.date(2041, 1, 1)))
def test_exactly_one_status_holds_and_it_only_changes_on_next_change(opens, closes, decided, cancelled, feedback,
                                                                      today):
    record = facts(opens, closes, decided, cancelled, feedback)
    if not cancelled:
        assert sum(holds(record, conditions, today) for conditions in RULE.values()) == 1
    change = next_change(record, today)
    later = today + datetime.timedelta(days=1)
    while later < (change or today + datetime.timedelta(days=400)) and later < NEVER:
        assert status_on(record, later) == status_on(record, today)
        if not feedback_owed_on(record, today):
            assert days_since_close(record, later) is None
        later += datetime.timedelta(days=37)
    first = last_change(record, today)
    assert first <= today
    earlier = today - datetime.timedelta(days=1)
    while earlier >= max(first, datetime.date(1998, 1, 1)):
        assert status_on(record, earlier) == status_on(record, today)
        earlier -= datetime.timedelta(days=41)


def test_span_ignores_unknown_periods():
    periods = [None, (FUTURE, FUTURE), (PAST, TODAY)]
    assert span(periods) == (PAST, FUTURE)
    assert span([None]) == (None, None)
