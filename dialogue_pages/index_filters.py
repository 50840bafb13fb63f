"""The filters of a ``DialogueIndexPage``: read from the query string, and the choices the form offers.

The values mean what they mean in ``GET /api/v1/dialogues/``: they are validated by the API's
``DialogueFilters`` and applied by its ``filtered()``, so the index and the API share one status rule
and one meaning of every filter. A value that cannot be used is dropped with a message, never a 500.
"""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from .api.params import DialogueFilters
from .ladders import ParticipationRung
from .read_model.models import PublishedDialogue, PublishedDialogueFacet
from .status import Status

# Index filters in the order the form shows them; ``area`` joins when the API's list filters have it.
INDEX_FILTERS = ("status", "rung", "year", "organisation", "tag", "area")
FILTER_LABELS = {
    "status": gettext_lazy("Status"), "rung": gettext_lazy("Level of influence"), "year": gettext_lazy("Year"),
    "organisation": gettext_lazy("Organisation"), "tag": gettext_lazy("Topic"), "area": gettext_lazy("Area"),
}
FACET_KINDS = ("organisation", "tag", "area")


def index_filter_names() -> list[str]:
    """The filters an index offers: those of ``INDEX_FILTERS`` the dialogue list API knows."""
    return [name for name in INDEX_FILTERS if name in DialogueFilters.model_fields]


@dataclass
class ChosenFilters:
    """What the query string asks for: the usable values, as API filters, and messages about the rest."""

    values: dict[str, str]
    filters: DialogueFilters
    problems: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.values)


def chosen_filters(query: QueryDict) -> ChosenFilters:
    """The filters of ``?status=open&year=2024…``; empty fields (a GET form sends them) mean "any"."""
    values = {name: query[name].strip() for name in index_filter_names() if query.get(name, "").strip()}
    problems = []
    while True:
        try:
            return ChosenFilters(values, DialogueFilters.model_validate(values), problems)
        except ValidationError as error:
            refused = {str(problem["loc"][0]) for problem in error.errors() if problem.get("loc")}
            refused &= set(values)
            if not refused:  # nothing of ours to drop: list everything rather than fail
                return ChosenFilters({}, DialogueFilters(), [_("These filters could not be used.")])
            for name in sorted(refused):
                problems.append(_("“%(value)s” is not a value the filter “%(filter)s” knows; it was left out.")
                                % {"value": values.pop(name)[:100], "filter": FILTER_LABELS[name]})


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FilterField:
    """One menu of the filter form: its name, label and choices, and which value is chosen."""

    name: str
    label: str
    choices: list[Choice]
    chosen: str

    def options(self) -> list[tuple[str, str, bool]]:
        return [(choice.value, choice.label, choice.value.lower() == self.chosen.lower()) for choice in self.choices]

    def options_html(self) -> SafeString:
        """The ``<option>`` elements of the menu, escaped. Built here, not in a template loop: a menu of
        every organisation and topic holds hundreds of choices, and the loop cost an index page 5 ms."""
        return format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((value, mark_safe(" selected") if selected else "", label) for value, label, selected in self.options()),
        )


def filter_fields(choices: dict[str, list[Choice]], chosen: ChosenFilters) -> list[FilterField]:
    """The fields of the form, in the order of ``INDEX_FILTERS``: menus, and a number field for the year."""
    return [FilterField(name, str(FILTER_LABELS[name]), choices.get(name, []), chosen.values.get(name, ""))
            for name in index_filter_names()]


def filter_choices(rows: QuerySet[PublishedDialogue], locale_id: int) -> dict[str, list[Choice]]:
    """The choices of the menus: statuses, the rungs of the language's ladders, and the organisations and
    topics of the dialogues in ``rows``, in one query whatever their number. Years are typed in."""
    names = index_filter_names()
    choices: dict[str, list[Choice]] = {name: [] for name in names if name != "year"}
    choices["status"] = [Choice(value, str(label)) for value, label in Status.choices]
    rungs = (
        ParticipationRung.objects.filter(locale_id=locale_id)
        .annotate(kind=Value("rung"), label=Concat("name", Value(" ("), "ladder__name", Value(")")),
                  position=F("sort_order"), ladder_name=F("ladder__name"))
        .values_list("kind", "key", "label", "ladder_name", "position")
        .order_by()
    )
    kinds = [kind for kind in FACET_KINDS if kind in names]
    facets = (
        PublishedDialogueFacet.objects.filter(dialogue__in=rows.values("pk"), kind__in=kinds)
        .annotate(ladder_name=Value(""), position=Value(0))
        .values_list("kind", "key", "label", "ladder_name", "position")
        .order_by()
    )
    found = sorted(facets.union(rungs), key=lambda row: (row[0], row[3] or "", row[4] or 0, row[2].lower()))
    for kind, key, label, _ladder, _position in found:
        choices[kind].append(Choice(key, label))
    return choices
