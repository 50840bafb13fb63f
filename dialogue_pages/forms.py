"""The editor form of dialogue pages.

- Organisers, methods, target groups, areas and the rung offer the snippets of the page's language
  only: every snippet exists once per language, and a list of all of them shows look-alikes.
- Each rung explains itself: its place on the ladder, what it means and what citizens can expect.
- Errors inside stream blocks are named at the top of the editor, with the tab they are on.
"""

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import TabbedInterface
from wagtail.models import Locale

from .block_errors import block_error_lines, stream_error, stream_field_names
from .widgets import RungRadioSelect, SearchableCheckboxSelectMultiple

# Many-to-many fields to translatable snippets, offered in the page's language.
LOCALISED_MULTIPLE = ("organisers", "methods", "target_groups", "areas")


def rung_label(badge: dict) -> str:
    """A rung as the editor chooses it: "Dialog — 3 of 5 · <description> — What you can expect: …"."""
    return _("%(label)s — %(position)s of %(of)s · %(description)s — What you can expect: %(expectation)s") % {
        "label": badge["label"], "position": badge["position"], "of": badge["of"],
        "description": badge["description"], "expectation": badge["citizen_expectation"],
    }


class DialoguePageForm(WagtailAdminPageForm):
    """The form of every dialogue page type (``DialoguePageBase.base_form_class``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.page_locale()
        for name in LOCALISED_MULTIPLE:
            if name in self.fields:
                chosen = [getattr(item, "pk", item) for item in self.initial.get(name) or ()]
                field = self.fields[name]
                field.widget = SearchableCheckboxSelectMultiple()
                # Setting the queryset after the widget gives the new widget its choices.
                field.queryset = in_locale(field.queryset, locale, chosen)
        if "rung" in self.fields:
            self.offer_rungs(locale)

    def page_locale(self) -> Locale | None:
        """The language the page is written in (a new page's is its parent's)."""
        if self.instance.locale_id:
            return self.instance.locale
        return self.parent_page.locale if self.parent_page is not None else None

    def offer_rungs(self, locale: Locale | None) -> None:
        field = self.fields["rung"]
        chosen = self.initial.get("rung")
        rungs = in_locale(field.queryset, locale, [chosen] if chosen else [])
        field.queryset = rungs.select_related("ladder").prefetch_related("ladder__rungs")
        by_ladder: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for rung in field.queryset:
            by_ladder[rung.ladder.name].append((rung.pk, rung_label(rung.badge())))
        field.widget = RungRadioSelect()
        field.choices = [("", _("No rung chosen yet")), *by_ladder.items()]

    def clean(self):
        cleaned_data = super().clean()
        self.name_block_errors()
        return cleaned_data

    def name_block_errors(self) -> None:
        """Say at the top of the editor which tab and block hold an error, and what it is."""
        editor = type(self.instance).get_edit_handler()
        tabs = editor.children if isinstance(editor, TabbedInterface) else [editor]
        for tab in tabs:
            for name in stream_field_names(self, tab):
                lines = block_error_lines(self, name)
                if not lines:
                    continue
                # Wagtail lists each field's error at the top as "Feedback: <message>"; its own
                # message for a stream ("Validation error in StreamBlock") tells an editor nothing.
                stream_error(self, name).message = _("see the lines below.")
                for line in lines:
                    self.add_error(None, f"{tab.heading} → {line}" if tab.heading else line)


def in_locale(queryset: QuerySet, locale: Locale | None, chosen: list) -> QuerySet:
    """The objects of ``locale``, and those already chosen (so saving never drops a choice unseen)."""
    if locale is None:
        return queryset
    return queryset.filter(Q(locale=locale) | Q(pk__in=chosen))
