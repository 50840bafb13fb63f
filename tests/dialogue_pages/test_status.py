"""Status derivation from dates and feedback, and the span of timeline periods."""

import datetime

import pytest

from dialogue_pages.status import Status, derive_status, span

TODAY = datetime.date(2025, 6, 15)
PAST = datetime.date(2025, 1, 1)
FUTURE = datetime.date(2025, 12, 1)


@pytest.mark.parametrize(
    ("start", "end", "has_feedback", "override", "expected"),
    [
        (FUTURE, None, False, "", Status.PLANNED),
        (None, None, False, "", Status.PLANNED),
        (PAST, FUTURE, False, "", Status.OPEN),
        (PAST, None, False, "", Status.OPEN),
        (None, FUTURE, False, "", Status.OPEN),
        (PAST, TODAY, False, "", Status.OPEN),
        (PAST, PAST, False, "", Status.CLOSED),
        (PAST, PAST, True, "", Status.DECIDED),
        (PAST, FUTURE, False, "cancelled", Status.CANCELLED),
        (PAST, PAST, False, "decided", Status.DECIDED),
    ],
)
def test_derive_status(start, end, has_feedback, override, expected):
    assert derive_status(TODAY, start, end, has_feedback, override) == expected


def test_span_ignores_unknown_periods():
    periods = [None, (FUTURE, FUTURE), (PAST, TODAY)]
    assert span(periods) == (PAST, FUTURE)
    assert span([None]) == (None, None)
