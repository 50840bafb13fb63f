"""The StreamBlocks a dialogue page is built from: body, timeline and feedback."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField

from .advice import LessonsLearnedBlock, RecommendationsBlock
from .feedback import FeedbackItemBlock, ResultReportBlock
from .figures import KeyFiguresBlock
from .media import DocumentsBlock, EmbedBlock, ImageBlock
from .people import ContactBlock
from .registry import registered_blocks
from .text import QuoteBlock, RichTextBlock
from .timeline import TimelineEventBlock


class DialogueBodyBlock(blocks.StreamBlock):
    """Free-form content of a dialogue page, plus the blocks hosts register (see ``registry``)."""

    rich_text = RichTextBlock()
    quote = QuoteBlock()
    recommendations = RecommendationsBlock()
    key_figures = KeyFiguresBlock()
    lessons_learned = LessonsLearnedBlock()
    contact = ContactBlock()
    documents = DocumentsBlock()
    image = ImageBlock()
    embed = EmbedBlock()

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks=[*(local_blocks or []), *registered_blocks()], **kwargs)

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


class DialogueStreamField(StreamField):
    """A StreamField whose migrations name its block class instead of listing the blocks.

    Blocks added by hosts through the registry would otherwise change this app's migrations.
    The stored JSON is the same either way.
    """

    def deconstruct(self):
        name, path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [self.block_types_arg], kwargs
