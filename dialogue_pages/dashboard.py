"""The dashboard panel that reminds editors of dialogues whose feedback is owed."""

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .pages import DialoguePage
from .status import Status


def dialogues_owing_feedback(today=None):
    """Live dialogues that have closed without published feedback, longest waiting first."""
    today = today or timezone.localdate()
    due = Q(status_override__in=[Status.CLOSED, Status.DECIDED]) | Q(status_override="", date_to__lt=today)
    return (
        DialoguePage.objects.live().filter(due, has_feedback=False)
        .order_by("date_to", "pk")
    )


class FeedbackOwedPanel(Component):
    """Lists dialogues whose participants still wait to hear what became of their input."""

    name = "feedback_owed"
    order = 90
    template_name = "dialogue_pages/panels/feedback_owed.html"

    def get_context_data(self, parent_context=None):
        return {"dialogues": list(dialogues_owing_feedback()[:20])}
