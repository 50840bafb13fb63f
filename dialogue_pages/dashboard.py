"""The dashboard panel that reminds editors of dialogues whose feedback is owed."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .read_model.models import PublishedDialogue
from .read_model.queries import facts_of, feedback_owed_q
from .status import days_since_close


def dialogues_owing_feedback(today: datetime.date | None = None, limit: int = 20) -> list[Page]:
    """Public dialogues of every dialogue type owing feedback, longest waiting first.

    Read from the read model with the one status rule, so the dashboard, the API and search agree.
    Each page carries ``days_since_close``.
    """
    today = today or timezone.localdate()
    rows = list(
        PublishedDialogue.objects.filter(feedback_owed_q(today))
        .order_by("closed_from", "page_id")
        .only("page_id", "cancelled", "open_from", "closed_from", "decided_from", "has_feedback")[:limit]
    )
    pages = Page.objects.select_related("locale").in_bulk([row.page_id for row in rows])
    found = []
    for row in rows:
        page = pages.get(row.page_id)
        if page is not None:
            page.days_since_close = days_since_close(facts_of(row), today)
            page.input_closed_on = row.closed_from - datetime.timedelta(days=1)
            found.append(page)
    return found


class FeedbackOwedPanel(Component):
    """Lists dialogues whose participants still wait to hear what became of their input."""

    name = "feedback_owed"
    order = 90
    template_name = "dialogue_pages/panels/feedback_owed.html"

    def get_context_data(self, parent_context=None):
        return {"dialogues": dialogues_owing_feedback()}
