"""Page types: the dialogue index and the dialogue page."""

import datetime
from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from dialogue_blocks.streams import DialogueBodyBlock, DialogueStreamField, FeedbackBlock, TimelineBlock
from dialogue_blocks.text import RICH_TEXT_FEATURES
from dialogue_blocks.timeline import period_of

from .forms import DialoguePageForm
from .ladders import ParticipationRung
from .page_cache import mark_cacheable
from .panels import DialogueTab, QualityPanel
from .slugs import ascii_slug
from .status import Status, StatusFacts, days_since_close, feedback_owed_on, span, status_on
from .translation_sync import OwnPerTranslation
from .visibility import ServedWhileVisible

# Wagtail's "Sort menu order" shows every child of a page at once, for drag and drop: for an index
# of 41,000 dialogues the explorer took 162 s. An index lists its dialogues by date, so their menu
# order means nothing to it; the mode is offered up to this many children.
REORDERABLE_CHILDREN = 100


class DialogueIndexPermissionTester(PagePermissionTester):
    def can_reorder_children(self) -> bool:
        return self.page.children_fit_one_page and super().can_reorder_children()


class DialogueIndexPage(ServedWhileVisible, Page):
    """Lists the dialogues of a site, a municipality or a language."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    @classmethod
    def clean_subpage_models(cls):
        # Indexes hold every concrete dialogue type, including those a host site defines.
        return [DialogueIndexPage, *dialogue_models()]
    template = "dialogue_pages/dialogue_index_page.html"

    class Meta:
        verbose_name = _("dialogue index")
        verbose_name_plural = _("dialogue indexes")

    def permissions_for_user(self, user) -> PagePermissionTester:
        return DialogueIndexPermissionTester(user, self)

    @property
    def children_fit_one_page(self) -> bool:
        """Whether the explorer may list every child at once (its menu-order mode)."""
        return self.numchild <= REORDERABLE_CHILDREN

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            mark_cacheable(request)  # an anonymous visitor's answer may be kept (page_cache.py)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Imported here: the listing reads the read model, whose modules import the page types.
        from .index_listing import index_listing

        context["listing"] = index_listing(self, request)
        return context


class DialogueTabs:
    """The editor of a dialogue type, built from that type's own panel lists.

    A class attribute ``edit_handler`` would freeze the base's lists; this builds the tabs
    for whichever class asks, so a subclass that extends ``content_panels`` (or any other
    list) sees its fields in the editor without rebuilding the tabs.
    """

    def __get__(self, instance, owner: type["DialoguePageBase"]) -> TabbedInterface:
        return TabbedInterface(
            [
                DialogueTab(owner.content_panels, heading=_("Content")),
                DialogueTab(owner.participation_panels, heading=_("Participation")),
                DialogueTab(owner.process_panels, heading=_("Timeline, feedback & decision")),
                DialogueTab(owner.promote_panels, heading=_("Promote")),
                DialogueTab(owner.settings_panels, heading=_("Settings")),
            ],
            base_form_class=owner.base_form_class,
        )


class DialoguePageTag(TaggedItemBase):
    """Links topics (tags) to dialogue pages of every dialogue type."""

    content_object = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="dialogue_tagged_items")


class DialoguePageBase(ServedWhileVisible, Page):
    """Everything a dialogue page has, with its editor. Inherit from it to add fields of your own.

    A subclass adds fields by extending a panel list (``content_panels``, ``participation_panels``,
    ``process_panels``, ``promote_panels``), never by rebuilding the editor.
    """

    intro = models.TextField(
        _("intro"), max_length=600,
        help_text=_("Two or three sentences: what the dialogue is about and who it concerns."),
    )
    easy_read_summary = models.TextField(
        _("easy-read summary"), blank=True,
        help_text=_("Optional. Short sentences and common words, for readers who need plain language."),
    )
    purpose = RichTextField(
        _("purpose"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Why the dialogue is held and what the input will be used for."),
    )
    can_influence = RichTextField(
        _("what can be influenced"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("What participants can change or add to."),
    )
    cannot_influence = RichTextField(
        _("what is fixed"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("The frames: what is already decided or outside the dialogue."),
    )
    rung = models.ForeignKey(
        ParticipationRung, verbose_name=_("participation rung"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("How much influence participants have, on a participation ladder."),
    )
    rung_explanation = models.TextField(
        _("why this level"), blank=True,
        help_text=_("Required with a rung: explain in plain words why this level was chosen."),
    )
    organisers = ParentalManyToManyField(
        "dialogue_pages.Organisation", verbose_name=_("organisers"), blank=True, related_name="+"
    )
    target_groups = ParentalManyToManyField(
        "dialogue_pages.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    methods = ParentalManyToManyField(
        "dialogue_pages.Method", verbose_name=_("methods"), blank=True, related_name="+"
    )
    contacts = ParentalManyToManyField(
        "dialogue_pages.Contact", verbose_name=_("contacts"), blank=True, related_name="+"
    )
    place_name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("E.g. 'Dalby' or 'Vesterbro and Sydhavnen'.")
    )
    areas = ParentalManyToManyField(
        "dialogue_pages.Area", verbose_name=_("areas"), blank=True, related_name="+",
        help_text=_("The districts or neighbourhoods the dialogue concerns."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True,
        help_text=_("When the whole process starts. Leave empty to use the first date of the timeline."),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True,
        help_text=_("When the whole process ends. Leave empty to use the last date of the timeline."),
    )

    # The participation window: when citizens can give input, and how.
    input_opens = models.DateField(
        _("input opens"), null=True, blank=True,
        help_text=_("The first day citizens can take part. The dialogue shows as open from this day."),
    )
    input_closes = models.DateField(
        _("input closes"), null=True, blank=True,
        help_text=_("The last day citizens can take part, e.g. the hearing deadline. After it the dialogue "
                    "shows as closed, and participants are owed feedback until you publish it."),
    )
    participation_url = models.URLField(
        _("take part online"), blank=True, max_length=500,
        help_text=_("Link to the survey, hearing portal or sign-up form."),
    )
    participation_channel = models.CharField(
        _("how to take part"), max_length=255, blank=True,
        help_text=_("In a few words, e.g. 'Answer the survey or send a hearing response by email'."),
    )
    participation_place = models.CharField(
        _("where to take part"), max_length=255, blank=True,
        help_text=_("A place citizens can come to, e.g. 'Dalby library, Tuesdays 16–18'."),
    )

    # The decision record: who decided what, when, and where to read it.
    decision_body = models.CharField(
        _("deciding body"), max_length=255, blank=True,
        help_text=_("E.g. 'City Council' or 'Technical and Environmental Committee'."),
    )
    decision_date = models.DateField(
        _("decision date"), null=True, blank=True,
        help_text=_("The day the decision was (or will be) taken. From this day the dialogue shows as decided."),
    )
    decision_url = models.URLField(
        _("link to the decision"), blank=True, max_length=500,
        help_text=_("The minutes or decision document."),
    )
    decision_summary = models.TextField(
        _("what was decided"), blank=True, max_length=1000,
        help_text=_("Two or three sentences on the decision and how the input was used."),
    )
    feedback_plan = models.TextField(
        _("how participants will hear back"), blank=True, max_length=1000,
        help_text=_("When and how you will tell participants what became of their input."),
    )

    is_cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("Tick if the dialogue will not take place or was stopped."),
    )
    cancellation_reason = models.TextField(
        _("why it was cancelled"), blank=True, max_length=1000,
        help_text=_("Shown to citizens with the status 'Cancelled'."),
    )

    is_example = models.BooleanField(
        _("illustrative example"), default=False,
        help_text=_("Tick if parts of this record are made up for illustration (demo or training content), not the "
                    "organisers' own account. Citizens and the API see a notice."),
    )

    legal_basis = models.TextField(
        _("legal basis"), blank=True,
        help_text=_("The law or decision that requires or frames the dialogue, if any."),
    )
    is_formal_hearing = models.BooleanField(
        _("formal hearing"), default=False,
        help_text=_("Tick if a formal consultation (hearing) with a response deadline is part of it."),
    )
    hearing_deadline = models.DateField(_("response deadline"), null=True, blank=True)
    # Block classes, not instances: the body is built once apps are ready, with hosts' blocks.
    body = DialogueStreamField(DialogueBodyBlock, verbose_name=_("body"), blank=True)
    timeline = DialogueStreamField(TimelineBlock, verbose_name=_("timeline"), blank=True)
    feedback = DialogueStreamField(FeedbackBlock, verbose_name=_("feedback"), blank=True)
    tags = ClusterTaggableManager(through=DialoguePageTag, blank=True, verbose_name=_("topics"))

    external_id = models.CharField(
        _("external id"), max_length=255, null=True, blank=True, unique=True, editable=False,
        help_text=_("Identifier in the archive this dialogue was imported from; re-imports update by it."),
    )

    # Stored for listing and filtering; recomputed on every save from the fields above.
    date_from = models.DateField(_("first date"), null=True, blank=True, editable=False, db_index=True)
    date_to = models.DateField(_("last date"), null=True, blank=True, editable=False, db_index=True)
    has_feedback = models.BooleanField(_("feedback published"), default=False, editable=False)

    # Wagtail's own index serves the admin, whose page search matches titles as typed (Page's
    # autocomplete field); citizens search the dialogue search app's index. So it stays small:
    # the title and the intro, never the body, and an import can add 100,000 pages to it cheaply.
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("easy_read_summary"),
        APIField("badge"),
        APIField("rung_explanation"),
        APIField("status_info"),
        APIField("place_name"),
        APIField("timeline"),
        APIField("feedback"),
        APIField("body"),
    ]

    # Names of extra attributes a subclass serves in the API under "extra" (JSON-serialisable values).
    api_extra_fields: ClassVar[list[str]] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("easy_read_summary"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [FieldPanel("can_influence"), FieldPanel("cannot_influence")],
            heading=_("Frames: what can and cannot be influenced"),
        ),
        FieldPanel("body"),
    ]
    participation_panels = [
        QualityPanel(),
        MultiFieldPanel([FieldPanel("rung"), FieldPanel("rung_explanation")], heading=_("Level of influence")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("input_opens"), FieldPanel("input_closes")]),
                FieldPanel("participation_channel"),
                FieldPanel("participation_url"),
                FieldPanel("participation_place"),
            ],
            heading=_("Participation window: when and how citizens take part"),
        ),
        FieldPanel("organisers"),
        FieldPanel("methods"),
        FieldPanel("target_groups"),
        FieldPanel("contacts"),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("areas"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_basis"),
                FieldPanel("is_formal_hearing"),
                FieldPanel("hearing_deadline"),
                InlinePanel("consulted_bodies", label=_("Bodies consulted")),
            ],
            heading=_("Formal hearing"),
        ),
    ]
    process_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates of the whole process")),
        FieldPanel("timeline"),
        FieldPanel("feedback_plan"),
        FieldPanel("feedback"),
        MultiFieldPanel(
            [
                FieldPanel("decision_body"),
                FieldPanel("decision_date"),
                FieldPanel("decision_url"),
                FieldPanel("decision_summary"),
            ],
            heading=_("Decision"),
        ),
        MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")], heading=_("Cancellation")),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("tags"), FieldPanel("is_example")]
    # Topics are each translation's own: copied when it is created, never overwritten from the source.
    override_translatable_fields: ClassVar[list] = [
        OwnPerTranslation("tags"), OwnPerTranslation("dialogue_tagged_items"),
    ]
    base_form_class = DialoguePageForm
    edit_handler = DialogueTabs()

    parent_page_types = ["dialogue_pages.DialogueIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs) -> None:
        # Wagtail derives an empty slug with Django's slugify, which drops ø and æ when unicode slugs
        # are off; derive it as the admin's title field does, with the letters transliterated.
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and parent_is_known and not getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            base_slug = ascii_slug(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}

        def add(field: str, message) -> None:
            errors.setdefault(field, []).append(ValidationError(message))

        if self.start_date and self.end_date and self.end_date < self.start_date:
            add("end_date", _("The end date is before the start date."))
        if self.input_closes and not self.input_opens:
            add("input_opens", _("Give the first day of input too, so the dialogue can show as open."))
        if self.input_opens and self.input_closes and self.input_closes < self.input_opens:
            add("input_closes", _("Input closes before it opens. Check the two dates."))
        if self.decision_date and self.input_opens and self.decision_date < self.input_opens:
            add("decision_date", _("The decision is dated before input opens. Participants could not influence "
                                   "it: check the dates, or correct the participation window."))
        if (self.decision_url or self.decision_summary) and not self.decision_date:
            add("decision_date", _("Give the date of the decision you describe."))
        if self.is_cancelled and not self.cancellation_reason.strip():
            add("cancellation_reason", _("Tell citizens why the dialogue was cancelled."))
        if self.rung_id and not self.rung_explanation.strip():
            add("rung_explanation", _("Explain why participants get this level of influence."))
        if (self.latitude is None) != (self.longitude is None):
            add("longitude", _("Give both latitude and longitude, or neither."))
        if self.is_formal_hearing and not self.hearing_deadline:
            add("hearing_deadline", _("A formal hearing needs a response deadline."))
        if self.rung_id:
            for event in self.timeline_events:
                phase_rung = event["rung"]
                if phase_rung is not None and phase_rung.ladder_id != self.rung.ladder_id:
                    add(
                        "timeline",
                        _("The phase '%(phase)s' uses a rung of the ladder '%(other)s', but the "
                          "dialogue uses '%(ladder)s'. Choose a rung of the same ladder.")
                        % {"phase": event["title"], "other": phase_rung.ladder, "ladder": self.rung.ladder},
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.update_derived_fields()
        if self.locale_id:
            self.localise_snippets()
        return super().save(*args, **kwargs)

    def localise_snippets(self) -> None:
        """Point organisers, target groups, methods and areas at their translations in the page's locale.

        A translated page starts as a copy that still refers to the source language's snippets.
        """
        for name in ("organisers", "target_groups", "methods", "areas"):
            chosen = list(getattr(self, name).all())
            if any(item.locale_id != self.locale_id for item in chosen):
                setattr(self, name, [item.get_translation_or_none(self.locale) or item for item in chosen])

    def update_derived_fields(self) -> None:
        """Recompute the stored dates and feedback flag from the editable fields."""
        self.date_from, self.date_to = self.effective_dates()
        self.has_feedback = bool(self.feedback_items)

    @property
    def timeline_events(self) -> list:
        """The timeline event values in editor order."""
        return [child.value for child in self.timeline if child.block_type == "event"]

    @property
    def feedback_items(self) -> list:
        """The "you said, we did" values in editor order."""
        return [child.value for child in self.feedback if child.block_type == "item"]

    def effective_dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """Start and end of the whole process: the editor's dates, else the span of the timeline and window."""
        periods = [period_of(event["date"], event["precision"]) for event in self.timeline_events]
        dates = [day for day in (self.input_opens, self.input_closes, self.decision_date) if day]
        first, last = span([*periods, *((day, day) for day in dates)])
        return self.start_date or first, self.end_date or last

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    @property
    def status_facts(self) -> StatusFacts:
        """The facts the status derives from (``status.py`` holds the rule)."""
        return StatusFacts.of_record(
            cancelled=self.is_cancelled, input_opens=self.input_opens, input_closes=self.input_closes,
            decision_date=self.decision_date, has_feedback=self.has_feedback,
        )

    @property
    def status(self) -> Status:
        """The status shown to citizens today."""
        return status_on(self.status_facts, self.today)

    @property
    def feedback_owed(self) -> bool:
        """True once input has closed and no "you said, we did" has been published."""
        return feedback_owed_on(self.status_facts, self.today)

    @property
    def days_since_close(self) -> int | None:
        """Days since input closed, while feedback is owed."""
        return days_since_close(self.status_facts, self.today)

    @property
    def badge(self) -> dict | None:
        """The participation badge, or None when no rung is chosen."""
        return self.rung.badge() if self.rung_id else None

    @property
    def status_info(self) -> dict:
        """Status, dates and whether feedback is owed, as plain data."""
        return {
            "status": self.status.value,
            "label": str(self.status.label),
            "start": self.date_from.isoformat() if self.date_from else None,
            "end": self.date_to.isoformat() if self.date_to else None,
            "feedback_owed": self.feedback_owed,
            "days_since_close": self.days_since_close,
        }


def dialogue_models() -> list[type[DialoguePageBase]]:
    """Every concrete dialogue page type, including those a host site defines."""
    return [model for model in apps.get_models() if issubclass(model, DialoguePageBase) and not model._meta.abstract]


class DialoguePage(DialoguePageBase):
    """The public record of one citizen dialogue."""

    template = "dialogue_pages/dialogue_page.html"

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")


class ConsultedBody(Orderable):
    """A body consulted in a formal hearing, and its published response."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="consulted_bodies")
    name = models.CharField(_("name"), max_length=255)
    response_url = models.URLField(
        _("published response"), blank=True, help_text=_("Link to the body's response, once published.")
    )

    panels = [FieldPanel("name"), FieldPanel("response_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("consulted body")
        verbose_name_plural = _("consulted bodies")

    def __str__(self) -> str:
        return self.name
