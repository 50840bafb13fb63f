"""The models of the dialogue app, split by kind into their own modules."""

from .ladders import ParticipationLadder, ParticipationRung, RungEquivalence
from .pages import ConsultedBody, DialogueIndexPage, DialoguePage, DialoguePageBase, DialoguePageTag
from .read_model.models import PublishedDialogue, PublishedDialogueFacet
from .read_model.version import ReadModelVersion
from .reminders import FeedbackReminder
from .snippets import Area, Contact, Method, Organisation, TargetGroup
from .webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint

__all__ = [
    "Area",
    "ConsultedBody",
    "Contact",
    "DialogueIndexPage",
    "DialoguePage",
    "DialoguePageBase",
    "DialoguePageTag",
    "FeedbackReminder",
    "Method",
    "Organisation",
    "OutboxEvent",
    "ParticipationLadder",
    "ParticipationRung",
    "PublishedDialogue",
    "PublishedDialogueFacet",
    "ReadModelVersion",
    "RungEquivalence",
    "TargetGroup",
    "WebhookDelivery",
    "WebhookEndpoint",
]
