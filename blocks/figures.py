"""Key figures: the numbers that sum up a dialogue ("70 participants")."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .schema import STRING, array_of, obj


class KeyFigureBlock(blocks.StructBlock):
    """One number with what it counts."""

    value = blocks.CharBlock(
        label=_("Figure"), max_length=40,
        help_text=_("The number as it should be shown, e.g. '70', 'ca. 1,200' or '29'."),
    )
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)
    description = blocks.CharBlock(label=_("Explanation"), max_length=255, required=False)

    api_schema = obj({"value": STRING, "label": STRING, "description": STRING}, title="KeyFigure")

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of key figures."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    api_schema = obj(
        {"heading": STRING, "figures": array_of(KeyFigureBlock.api_schema)}, title="KeyFigures"
    )

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"
