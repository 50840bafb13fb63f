"""The models of the dialogue app, split by kind into their own modules."""

from .ladders import ParticipationLadder, ParticipationRung, RungEquivalence
from .pages import ConsultedBody, DialogueIndexPage, DialoguePage, DialoguePageBase, DialoguePageTag
from .read_model.models import PublishedDialogue, PublishedDialogueFacet
from .snippets import Contact, Method, Organisation, TargetGroup

__all__ = [
    "ConsultedBody",
    "Contact",
    "DialogueIndexPage",
    "DialoguePage",
    "DialoguePageBase",
    "DialoguePageTag",
    "Method",
    "Organisation",
    "ParticipationLadder",
    "ParticipationRung",
    "PublishedDialogue",
    "PublishedDialogueFacet",
    "RungEquivalence",
    "TargetGroup",
]
