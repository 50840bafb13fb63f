"""The StreamBlocks a dialogue page is built from: body, timeline and feedback."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .advice import LessonsLearnedBlock, RecommendationsBlock
from .feedback import FeedbackItemBlock, ResultReportBlock
from .figures import KeyFiguresBlock
from .media import DocumentsBlock, EmbedBlock, ImageBlock
from .people import ContactBlock
from .text import QuoteBlock, RichTextBlock
from .timeline import TimelineEventBlock


class DialogueBodyBlock(blocks.StreamBlock):
    """Free-form content of a dialogue page."""

    rich_text = RichTextBlock()
    quote = QuoteBlock()
    recommendations = RecommendationsBlock()
    key_figures = KeyFiguresBlock()
    lessons_learned = LessonsLearnedBlock()
    contact = ContactBlock()
    documents = DocumentsBlock()
    image = ImageBlock()
    embed = EmbedBlock()

    class Meta:
        label = _("Body")


class TimelineBlock(blocks.StreamBlock):
    """The dialogue's process as ordered events."""

    event = TimelineEventBlock()

    class Meta:
        label = _("Timeline")
        template = "blocks/timeline.html"


class FeedbackBlock(blocks.StreamBlock):
    """The "you said, we did" record and the result reports."""

    item = FeedbackItemBlock()
    report = ResultReportBlock()

    class Meta:
        label = _("Feedback")
        template = "blocks/feedback.html"
