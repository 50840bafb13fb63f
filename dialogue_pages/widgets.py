"""Form widgets of the dialogue editor."""

from django import forms


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a filter box above them once the list is long; chosen options stay visible."""

    template_name = "dialogue_pages/widgets/searchable_checkboxes.html"
    # Below this many options the whole list fits on screen and a filter box is only noise.
    filter_from = 8

    class Media:
        js = ["dialogue_pages/admin/choice-filter.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filterable"] = len(self.choices) >= self.filter_from
        return context


class RungRadioSelect(forms.RadioSelect):
    """The rungs of the page's ladders as radio buttons, grouped by ladder, each explaining itself."""

    template_name = "dialogue_pages/widgets/rung_select.html"
