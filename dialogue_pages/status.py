"""How a dialogue's status and dates are derived when the editor does not set them."""

import datetime
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a dialogue stands in its life."""

    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for participation")
    CLOSED = "closed", _("Closed, awaiting decision")
    DECIDED = "decided", _("Decided")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses after which participants are owed an account of what became of their input.
FEEDBACK_DUE_STATUSES = {Status.CLOSED, Status.DECIDED}


def derive_status(
    today: datetime.date,
    start: datetime.date | None,
    end: datetime.date | None,
    has_feedback: bool,
    override: str = "",
) -> Status:
    """Return the status: the editor's choice if given, else what the dates and feedback say.

    Before the start a dialogue is planned; from start to end it is open; after the
    end it is closed, and decided once feedback has been published.
    """
    if override:
        return Status(override)
    if start is not None and today < start:
        return Status.PLANNED
    if end is not None and today > end:
        return Status.DECIDED if has_feedback else Status.CLOSED
    if start is None and end is None:
        return Status.PLANNED
    return Status.OPEN


Period = tuple[datetime.date, datetime.date]


def span(periods: Iterable[Period | None]) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the first start and the last end of the given periods (ignoring unknown ones)."""
    known = [period for period in periods if period is not None]
    if not known:
        return None, None
    return min(start for start, _end in known), max(end for _start, end in known)
