"""Media blocks: images with renditions, embeds and document lists."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .import_form import ImportContext, as_dict
from .schema import NULLABLE_STRING, STRING, array_of, obj

# Renditions offered to API consumers: name -> Wagtail filter spec.
IMAGE_RENDITIONS = {
    "small": "max-480x480",
    "medium": "max-960x960",
    "large": "max-1600x1600",
}

RENDITION_SCHEMA = obj({"url": STRING, "width": {"type": "integer"}, "height": {"type": "integer"}})


class ImageBlock(blocks.StructBlock):
    """A picture with caption, alternative text for screen readers, and credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), max_length=255,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)
    credit = blocks.CharBlock(
        label=_("Credit"), max_length=255, required=False, help_text=_("Photographer or source.")
    )

    api_schema = obj(
        {
            "id": {"type": ["integer", "null"]},
            "alt_text": STRING,
            "caption": STRING,
            "credit": STRING,
            "width": {"type": ["integer", "null"]},
            "height": {"type": ["integer", "null"]},
            "renditions": {
                "type": "object",
                "properties": dict.fromkeys(IMAGE_RENDITIONS, RENDITION_SCHEMA),
                "additionalProperties": False,
            },
        },
        title="Image",
    )

    def get_api_representation(self, value, context=None):
        image = value["image"]
        renditions = {}
        if image is not None:
            for name, rendition in image.get_renditions(*IMAGE_RENDITIONS.values()).items():
                key = next(k for k, spec in IMAGE_RENDITIONS.items() if spec == name)
                renditions[key] = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
        return {
            "id": image.pk if image is not None else None,
            "alt_text": value["alt_text"],
            "caption": value["caption"],
            "credit": value["credit"],
            "width": image.width if image is not None else None,
            "height": image.height if image is not None else None,
            "renditions": renditions,
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {key: value.get(key, "") for key in ("alt_text", "caption", "credit")} | {"image": value.get("id")}

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class EmbedBlock(blocks.StructBlock):
    """A video or map from an external service, with a title for screen readers."""

    embed = WagtailEmbedBlock(label=_("Address"), help_text=_("For example a YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=255, help_text=_("Describe what the embed shows."))
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    api_schema = obj({"url": STRING, "title": STRING, "caption": STRING}, title="Embed")

    def get_api_representation(self, value, context=None):
        embed = value["embed"]
        return {"url": embed.url if embed is not None else "", "title": value["title"], "caption": value["caption"]}

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {"embed": value.get("url", ""), "title": value.get("title", ""), "caption": value.get("caption", "")}

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"


class DocumentLinkBlock(blocks.StructBlock):
    """One document with a title that says what it is."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=255, required=False,
        help_text=_("Leave empty to use the document's own title."),
    )

    api_schema = obj(
        {"id": {"type": "integer"}, "title": STRING, "url": STRING, "file_extension": NULLABLE_STRING},
        title="DocumentLink",
    )

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "id": document.pk,
            "title": value["title"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension or None,
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        return {"document": value.get("id"), "title": value.get("title", "")}


class DocumentsBlock(blocks.StructBlock):
    """A list of documents: background material, minutes, hearing responses."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"), min_num=1)

    api_schema = obj(
        {"heading": STRING, "documents": array_of(DocumentLinkBlock.api_schema)}, title="Documents"
    )

    def get_api_representation(self, value, context=None):
        link = self.child_blocks["documents"].child_block
        return {
            "heading": value["heading"],
            "documents": [link.get_api_representation(item) for item in value["documents"] if item["document"]],
        }

    def from_api_representation(self, value, context: ImportContext) -> dict:
        value = as_dict(value)
        link = self.child_blocks["documents"].child_block
        documents = [link.from_api_representation(item, context) for item in value.get("documents", [])]
        return {"heading": value.get("heading", ""), "documents": documents}

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = "blocks/documents.html"
