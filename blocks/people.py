"""People blocks: a contact person chosen from the contacts snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .import_form import ImportContext, as_dict
from .schema import STRING, model_schema, obj
from .shapes import ContactOut

CONTACT_MODEL = "dialogue_pages.Contact"


def contact_representation(contact) -> dict:
    """The API form (``shapes.ContactOut``) of a contact snippet, for the block and the page's contacts."""
    return {
        "id": contact.pk,
        "name": contact.name,
        "role": contact.role,
        "phone": contact.phone,
        "email": contact.email,
        "organisation": contact.organisation.name if contact.organisation_id else None,
    }


class ContactBlock(blocks.StructBlock):
    """A person citizens can ask about the dialogue."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=200, required=False,
        help_text=_("For example 'Questions about the plan?'"),
    )
    contact = SnippetChooserBlock(CONTACT_MODEL, label=_("Contact"))

    api_schema = obj({"heading": STRING, "contact": model_schema(ContactOut, nullable=True)}, title="ContactBlock")

    def get_api_representation(self, value, context=None):
        contact = value["contact"]
        return {
            "heading": value["heading"],
            "contact": contact_representation(contact) if contact is not None else None,
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        # The importer's writer finds or creates the contact; until then the block keeps its reference.
        value = as_dict(value)
        return {"heading": value.get("heading", ""), "contact": None, "contact_ref": value.get("contact")}

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "blocks/contact.html"
