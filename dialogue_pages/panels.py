"""Editor panels of dialogue pages: the tabs that show their blocks' errors, and the quality panel."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel

from .block_errors import block_error_lines, stream_field_names
from .quality import quality_checks


class DialogueTab(ObjectList):
    """A tab of the dialogue editor that lists the errors inside its stream fields at its top.

    The lines are rendered on the server, so the tab's error badge counts them when the editor
    loads (Wagtail draws block errors later, in the browser, where the badge does not see them).
    """

    class BoundPanel(ObjectList.BoundPanel):
        template_name = "dialogue_pages/panels/dialogue_tab.html"

        def block_errors(self) -> list[str]:
            if self.form is None:
                return []
            return [line for name in stream_field_names(self.form, self.panel)
                    for line in block_error_lines(self.form, name)]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["block_errors"] = self.block_errors()
            return context


class QualityPanel(Panel):
    """Read-only: how the saved record meets the principles of a good dialogue, and what to add."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Dialogue quality"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "dialogue_pages/panels/quality.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            checks = quality_checks(self.instance)
            context["checks"] = checks
            context["score"] = sum(check.passed for check in checks)
            context["total"] = len(checks)
            return context
