"""Feedback: "you said, we did" as structured data, plus links to result reports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .choices import FixedChoiceBlock
from .choosers import OptionalDocumentChooserBlock
from .import_form import ImportContext, as_dict
from .schema import NULLABLE_STRING, STRING, enum, obj

OUTCOME_CHOICES = [
    ("adopted", _("Adopted")),
    ("partly", _("Partly adopted")),
    ("not_adopted", _("Not adopted")),
    ("under_consideration", _("Under consideration")),
]
OUTCOME_LABELS = dict(OUTCOME_CHOICES)


class FeedbackItemBlock(blocks.StructBlock):
    """One input theme from participants, what the organisers did with it, and why."""

    theme = blocks.CharBlock(
        label=_("Input theme"), max_length=255,
        help_text=_("A short name for what participants raised, e.g. 'More meeting places'."),
    )
    you_said = blocks.TextBlock(label=_("You said"), help_text=_("What participants said, in plain words."))
    we_did = blocks.TextBlock(label=_("We did"), help_text=_("How the organisers responded."))
    outcome = FixedChoiceBlock(
        choices=OUTCOME_CHOICES, required=False, label=_("Outcome"),
        help_text=_("Whether the input changed the decision."),
    )
    reason = blocks.TextBlock(
        label=_("Reason"), required=False,
        help_text=_("Why it was (or was not) adopted. Required unless the input was adopted."),
    )

    api_schema = obj(
        {
            "theme": STRING,
            "you_said": STRING,
            "we_did": STRING,
            "outcome": enum([key for key, _label in OUTCOME_CHOICES]),
            "outcome_label": STRING,
            "reason": STRING,
        },
        title="FeedbackItem",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value["outcome"]:
            errors["outcome"] = ValidationError(
                _("Choose an outcome so citizens can see what became of their input.")
            )
        elif value["outcome"] != "adopted" and not value["reason"].strip():
            errors["reason"] = ValidationError(
                _("Explain why the input was not (fully) adopted, or is still being considered.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_api_representation(self, value, context=None):
        return {
            "theme": value["theme"],
            "you_said": value["you_said"],
            "we_did": value["we_did"],
            "outcome": value["outcome"],
            "outcome_label": str(OUTCOME_LABELS.get(value["outcome"], "")),
            "reason": value["reason"],
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {key: value.get(key, "") for key in ("theme", "you_said", "we_did", "outcome", "reason")}

    class Meta:
        icon = "comment"
        label = _("You said, we did")
        template = "blocks/feedback_item.html"


class ResultReportBlock(blocks.StructBlock):
    """A link to a published result report, as an uploaded document or an external address."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    document = OptionalDocumentChooserBlock(label=_("Document"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    api_schema = obj(
        {"title": STRING, "url": NULLABLE_STRING, "document_id": {"type": ["integer", "null"]}},
        title="ResultReport",
    )

    def clean(self, value):
        value = super().clean(value)
        if value["document"] is None and not value["url"]:
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(_("Choose a document or give a link."))}
            )
        return value

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "title": value["title"],
            "url": document.url if document is not None else value["url"],
            "document_id": document.pk if document is not None else None,
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {"title": value.get("title", ""), "document": value.get("document_id"), "url": value.get("url") or ""}

    class Meta:
        icon = "doc-full-inverse"
        label = _("Result report")
        template = "blocks/result_report.html"
