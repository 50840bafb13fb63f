"""Text blocks: rich text and quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import expand_db_html

from .import_form import ImportContext, as_dict
from .schema import STRING, obj

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class RichTextBlock(blocks.RichTextBlock):
    """A passage of formatted text; the API gives front-end ready HTML."""

    api_schema = obj({"html": STRING}, title="RichText")

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return {"html": expand_db_html(value.source) if value else ""}

    def from_api_representation(self, value, context: ImportContext) -> str:
        return as_dict(value).get("html", "")

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/rich_text.html"


class QuoteBlock(blocks.StructBlock):
    """A participant's own words, with who said it."""

    text = blocks.TextBlock(label=_("Quote"), help_text=_("The words as they were said or written."))
    speaker = blocks.CharBlock(
        label=_("Speaker"), required=False, max_length=200,
        help_text=_("Leave empty to quote a participant anonymously."),
    )
    role = blocks.CharBlock(
        label=_("Role"), required=False, max_length=200,
        help_text=_("For example 'resident of Sydhavnen' or 'participant, youth workshop'."),
    )

    api_schema = obj({"text": STRING, "speaker": STRING, "role": STRING}, title="Quote")

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
