"""A host's own dialogue page type: everything of DialoguePageBase, plus a council decision link."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from dialogue_pages.pages import DialoguePageBase


class CouncilDialoguePage(DialoguePageBase):
    """A dialogue that ends in a council decision the municipality links to."""

    council_decision_url = models.URLField(blank=True)

    api_extra_fields = ["council_decision_url"]
    content_panels = [*DialoguePageBase.content_panels, FieldPanel("council_decision_url")]
