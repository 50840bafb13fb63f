"""The one status rule of a dialogue, and "feedback owed".

A dialogue's status comes from facts on its record and the date: the participation window
(when input opens and closes), the decision record (when the decision was taken) and an
explicit cancellation. Those facts are reduced to ``StatusFacts``: the first day of each
status. ``RULE`` then says, for every status, which of those days must have come and which
must still be ahead. Every consumer evaluates that same table: pages and the read model in
Python (``status_on``), list filters as database conditions, search backends as their own
query language (see ``conditions``). None of them writes the rule again.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Stands for "never": a status that no known date starts sorts after every real day, so
# "reached" and "ahead" stay plain comparisons in every query language.
NEVER = datetime.date(9999, 12, 31)
ONE_DAY = datetime.timedelta(days=1)


class Status(models.TextChoices):
    """Where a dialogue stands in its life."""

    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for participation")
    CLOSED = "closed", _("Closed, awaiting decision")
    DECIDED = "decided", _("Decided")
    CANCELLED = "cancelled", _("Cancelled")


# The fields of ``StatusFacts`` that hold the first day of a status.
TRANSITIONS = ("open_from", "closed_from", "decided_from")

Condition = tuple[str, Literal["reached", "ahead"]]

# For each status: the days that must have come ("reached": the day is today or earlier) and
# those still to come ("ahead"); a cancelled dialogue is cancelled whatever its dates say.
RULE: dict[Status, tuple[Condition, ...]] = {
    Status.DECIDED: (("decided_from", "reached"),),
    Status.CLOSED: (("closed_from", "reached"), ("decided_from", "ahead")),
    Status.OPEN: (("open_from", "reached"), ("closed_from", "ahead"), ("decided_from", "ahead")),
    Status.PLANNED: (("open_from", "ahead"), ("closed_from", "ahead"), ("decided_from", "ahead")),
}

# Participants are owed an account of what became of their input once input has closed.
FEEDBACK_OWED_RULE: tuple[Condition, ...] = (("closed_from", "reached"),)


@dataclass(frozen=True)
class StatusFacts:
    """What the status derives from: cancellation and the first day of each later status."""

    cancelled: bool = False
    open_from: datetime.date = NEVER
    closed_from: datetime.date = NEVER
    decided_from: datetime.date = NEVER
    has_feedback: bool = False

    @classmethod
    def of_record(
        cls,
        *,
        cancelled: bool,
        input_opens: datetime.date | None,
        input_closes: datetime.date | None,
        decision_date: datetime.date | None,
        has_feedback: bool,
    ) -> "StatusFacts":
        """The facts of a dialogue record: input closes at the end of ``input_closes``."""
        return cls(
            cancelled=cancelled,
            open_from=input_opens or NEVER,
            closed_from=input_closes + ONE_DAY if input_closes else NEVER,
            decided_from=decision_date or NEVER,
            has_feedback=has_feedback,
        )


def holds(facts: StatusFacts, conditions: Iterable[Condition], today: datetime.date) -> bool:
    """True if every condition holds for ``facts`` on ``today``."""
    return all(
        (getattr(facts, field) <= today) == (when == "reached") for field, when in conditions
    )


def status_on(facts: StatusFacts, today: datetime.date) -> Status:
    """The status on ``today``."""
    if facts.cancelled:
        return Status.CANCELLED
    for status, conditions in RULE.items():
        if holds(facts, conditions, today):
            return status
    raise AssertionError("RULE covers every combination of dates")  # pragma: no cover


def feedback_owed_on(facts: StatusFacts, today: datetime.date) -> bool:
    """True once input has closed, unless feedback is published or the dialogue was cancelled."""
    return not facts.cancelled and not facts.has_feedback and holds(facts, FEEDBACK_OWED_RULE, today)


def days_since_close(facts: StatusFacts, today: datetime.date) -> int | None:
    """Days since the last day of input, while feedback is owed (the count the public sees)."""
    if not feedback_owed_on(facts, today):
        return None
    return (today - facts.closed_from).days + 1


def next_change(facts: StatusFacts, today: datetime.date) -> datetime.date | None:
    """The first day after ``today`` on which the status or the feedback-owed count may read differently."""
    if feedback_owed_on(facts, today):
        return today + ONE_DAY
    if facts.cancelled:
        return None
    upcoming = [getattr(facts, field) for field in TRANSITIONS if today < getattr(facts, field) < NEVER]
    return min(upcoming, default=None)


def last_change(facts: StatusFacts, today: datetime.date) -> datetime.date:
    """The first day of the stretch, up to ``today``, on which the status and day count read as today."""
    if feedback_owed_on(facts, today):
        return today
    passed = [getattr(facts, field) for field in TRANSITIONS if getattr(facts, field) <= today]
    return max(passed, default=datetime.date.min)


def conditions(status: str) -> tuple[bool, tuple[Condition, ...]]:
    """For a status key: whether it means "cancelled", and the date conditions (see ``RULE``).

    A backend turns this into its own query: ``cancelled`` must equal the first value, and each
    condition compares a transition field with today.
    """
    status = Status(status)
    if status == Status.CANCELLED:
        return True, ()
    return False, RULE[status]


def status_info(facts: StatusFacts, today: datetime.date) -> dict:
    """The date-dependent part of a dialogue's JSON: status, feedback owed and days since close."""
    status = status_on(facts, today)
    return {
        "status": {"key": status.value, "label": str(status.label)},
        "feedback_owed": feedback_owed_on(facts, today),
        "days_since_close": days_since_close(facts, today),
    }


Period = tuple[datetime.date, datetime.date]


def span(periods: Iterable[Period | None]) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the first start and the last end of the given periods (ignoring unknown ones)."""
    known = [period for period in periods if period is not None]
    if not known:
        return None, None
    return min(start for start, _end in known), max(end for _start, end in known)
