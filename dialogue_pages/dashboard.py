"""The dashboard panel that reminds editors of dialogues whose feedback is owed."""

from django.db.models import F, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .pages import DialoguePageBase, dialogue_models
from .status import Status


def dialogues_owing_feedback(today=None, limit: int = 20) -> list[DialoguePageBase]:
    """Live dialogues of every dialogue type that closed without published feedback, longest waiting first."""
    today = today or timezone.localdate()
    due = Q(status_override__in=[Status.CLOSED, Status.DECIDED]) | Q(status_override="", date_to__lt=today)
    found = []
    for model in dialogue_models():
        found += model.objects.live().filter(due, has_feedback=False).select_related("locale").order_by(
            F("date_to").asc(nulls_last=True), "pk"
        )[:limit]
    return sorted(found, key=lambda page: (page.date_to is None, page.date_to or today, page.pk))[:limit]


class FeedbackOwedPanel(Component):
    """Lists dialogues whose participants still wait to hear what became of their input."""

    name = "feedback_owed"
    order = 90
    template_name = "dialogue_pages/panels/feedback_owed.html"

    def get_context_data(self, parent_context=None):
        return {"dialogues": dialogues_owing_feedback()}
