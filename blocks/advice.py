"""What a dialogue teaches: recommendations by audience and lessons learned."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .schema import STRING, array_of, obj


class TitledPointBlock(blocks.StructBlock):
    """One point: a short title and an optional explanation."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text = blocks.TextBlock(label=_("Explanation"), required=False)

    api_schema = obj({"title": STRING, "text": STRING}, title="TitledPoint")

    class Meta:
        icon = "list-ul"
        label = _("Point")


class RecommendationsBlock(blocks.StructBlock):
    """Recommendations that participants gave to one audience (council, residents, developers…)."""

    audience = blocks.CharBlock(
        label=_("Audience"), max_length=200,
        help_text=_("Who the recommendations are for, e.g. 'the local council' or 'developers'."),
    )
    recommendations = blocks.ListBlock(TitledPointBlock(), label=_("Recommendations"), min_num=1)

    api_schema = obj(
        {"audience": STRING, "recommendations": array_of(TitledPointBlock.api_schema)},
        title="Recommendations",
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Recommendations")
        template = "blocks/recommendations.html"


class LessonsLearnedBlock(blocks.StructBlock):
    """What the organisers learned from running the dialogue, for the next one."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    lessons = blocks.ListBlock(TitledPointBlock(), label=_("Lessons"), min_num=1)

    api_schema = obj(
        {"heading": STRING, "lessons": array_of(TitledPointBlock.api_schema)},
        title="LessonsLearned",
    )

    class Meta:
        icon = "doc-full"
        label = _("Lessons learned")
        template = "blocks/lessons_learned.html"
