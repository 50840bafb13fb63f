"""Timeline events: what happened when, how precisely the date is known, and its status.

A date can be known to the day, the month, the quarter or the year, or only as a
fuzzy label ("early 2024"). The API gives both a human label and the period the
event covers, so a site can sort and draw the timeline without guessing.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .choices import FixedChoiceBlock
from .choosers import OptionalSnippetChooserBlock
from .import_form import ImportContext, as_dict
from .schema import DATE, STRING, enum, model_schema, obj
from .shapes import Badge

PRECISION_CHOICES = [
    ("day", _("Day")),
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("year", _("Year")),
    ("label", _("Free label (e.g. 'early 2024')")),
]
STATUS_CHOICES = [
    ("done", _("Done")),
    ("ongoing", _("Ongoing")),
    ("planned", _("Planned")),
]
RUNG_MODEL = "dialogue_pages.ParticipationRung"


def period_of(date: datetime.date | None, precision: str) -> tuple[datetime.date, datetime.date] | None:
    """Return the first and last day covered by ``date`` at ``precision``.

    A free label without a date covers no known period and gives ``None``;
    a free label with a date covers that day (the date orders the event).
    """
    if date is None:
        return None
    if precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    if precision == "quarter":
        first_month = 3 * ((date.month - 1) // 3) + 1
        last_month = first_month + 2
        last = calendar.monthrange(date.year, last_month)[1]
        return datetime.date(date.year, first_month, 1), datetime.date(date.year, last_month, last)
    if precision == "year":
        return datetime.date(date.year, 1, 1), datetime.date(date.year, 12, 31)
    return date, date


def date_label(date: datetime.date | None, precision: str, label: str = "") -> str:
    """Return how the date reads to a person, in the active language."""
    if precision == "label" or date is None:
        return label
    if precision == "day":
        return formats.date_format(date, "j. F Y")
    if precision == "month":
        return formats.date_format(date, "F Y")
    if precision == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (date.month - 1) // 3 + 1, "year": date.year}
    return str(date.year)


class TimelineEventBlock(blocks.StructBlock):
    """One step of the dialogue's process, optionally with its own participation rung."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False)
    date = blocks.DateBlock(
        label=_("Date"), required=False,
        help_text=_("For month, quarter or year precision any day inside the period will do."),
    )
    precision = FixedChoiceBlock(
        choices=PRECISION_CHOICES, default="day", label=_("Date precision"),
        help_text=_("How precisely the date is known."),
    )
    label = blocks.CharBlock(
        label=_("Date label"), required=False, max_length=100,
        help_text=_("Shown instead of the date when the precision is 'free label', e.g. 'early 2024'."),
    )
    status = FixedChoiceBlock(choices=STATUS_CHOICES, default="planned", label=_("Status"))
    # A meeting citizens can come to: when it starts, where, and where to sign up.
    time = blocks.TimeBlock(
        label=_("Start time"), required=False, help_text=_("For a meeting: when it starts (needs a day's date)."),
    )
    place = blocks.CharBlock(
        label=_("Place"), required=False, max_length=255, default="",
        help_text=_("For a meeting: the address or venue."),
    )
    registration_url = blocks.URLBlock(
        label=_("Registration link"), required=False, default="",
        help_text=_("For a meeting: where to sign up, if needed."),
    )
    rung = OptionalSnippetChooserBlock(
        RUNG_MODEL, required=False, label=_("Participation rung of this phase"),
        help_text=_("Only if this phase offers a different level of influence than the dialogue as a whole."),
    )

    api_schema = obj(
        {
            "title": STRING,
            "description": STRING,
            "date": DATE,
            "precision": enum([key for key, _label in PRECISION_CHOICES]),
            "date_label": STRING,
            "period_start": DATE,
            "period_end": DATE,
            "status": enum([key for key, _label in STATUS_CHOICES]),
            "time": {"type": ["string", "null"], "pattern": "^[0-9]{2}:[0-9]{2}$"},
            "place": STRING,
            "registration_url": STRING,
            "rung": model_schema(Badge, nullable=True),
        },
        title="TimelineEvent",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["precision"] == "label" and not value["label"]:
            errors["label"] = ValidationError(_("Write the date label, e.g. 'early 2024'."))
        if value["precision"] != "label" and value["date"] is None:
            errors["date"] = ValidationError(
                _("Give a date, or choose 'free label' as precision if the date is not known.")
            )
        if value.get("time") and value["precision"] != "day":
            errors["time"] = ValidationError(_("A start time needs a date known to the day."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["date_label"] = date_label(value["date"], value["precision"], value["label"])
        context["period"] = period_of(value["date"], value["precision"])
        return context

    def get_api_representation(self, value, context=None):
        period = period_of(value["date"], value["precision"])
        rung = value["rung"]
        return {
            "title": value["title"],
            "description": value["description"],
            "date": value["date"].isoformat() if value["date"] else None,
            "precision": value["precision"],
            "date_label": str(date_label(value["date"], value["precision"], value["label"])),
            "period_start": period[0].isoformat() if period else None,
            "period_end": period[1].isoformat() if period else None,
            "status": value["status"],
            "time": value["time"].strftime("%H:%M") if value.get("time") else None,
            "place": value.get("place") or "",
            "registration_url": value.get("registration_url") or "",
            "rung": rung.badge() if rung is not None else None,
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {
            "title": value.get("title", ""), "description": value.get("description", ""),
            "date": value.get("date"), "precision": value.get("precision", "day"),
            # The API gives a free label as date_label; an archive may give it as label.
            "label": value.get("label") or (value.get("date_label", "") if value.get("precision") == "label" else ""),
            "status": value.get("status", "planned"), "rung": context.find_rung(value.get("rung")),
            "time": value.get("time"), "place": value.get("place") or "",
            "registration_url": value.get("registration_url") or "",
        }

    class Meta:
        icon = "date"
        label = _("Timeline event")
        template = "blocks/timeline_event.html"
