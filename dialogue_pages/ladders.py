"""Participation ladders: data, not code.

A ladder (the Swedish SKR *delaktighetstrappan*, the IAP2 spectrum, or a
municipality's own) has ordered rungs. A dialogue sits on one rung, and the
API turns that into a badge a site can draw: "Dialogue — 3 of 5".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

# While a batch of dialogues is serialised, each rung's badge and equivalents are computed once.
_badges: ContextVar[dict | None] = ContextVar("rung_badges", default=None)
_equivalents: ContextVar[dict | None] = ContextVar("rung_equivalents", default=None)


@contextmanager
def badge_memo() -> Iterator[None]:
    """Within the block, remember rung badges and equivalents instead of querying them again."""
    badges, equivalents = _badges.set({}), _equivalents.set({})
    try:
        yield
    finally:
        _badges.reset(badges)
        _equivalents.reset(equivalents)


colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Give the colour as # followed by six hexadecimal digits, e.g. #1f6f8b.")
)


class ParticipationLadder(TranslatableMixin, ClusterableModel):
    """An ordered scale of how much influence citizens have."""

    name = models.CharField(_("name"), max_length=200)
    key = models.SlugField(_("key"), max_length=50, help_text=_("A stable key, e.g. 'skr' or 'iap2'."))
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        InlinePanel("rungs", label=_("Rungs, from least to most influence"), min_num=2),
    ]
    override_translatable_fields = [SynchronizedField("key")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("participation ladder")
        verbose_name_plural = _("participation ladders")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("key", "locale")]

    def __str__(self) -> str:
        return self.name


class ParticipationRung(TranslatableMixin, Orderable):
    """One level of influence on a ladder, with what a citizen can expect from it."""

    ladder = ParentalKey(ParticipationLadder, on_delete=models.CASCADE, related_name="rungs")
    key = models.SlugField(_("key"), max_length=50, help_text=_("A stable key, e.g. 'consult'."))
    name = models.CharField(_("name"), max_length=100)
    short_description = models.CharField(_("short description"), max_length=255)
    citizen_expectation = models.TextField(
        _("what citizens can expect"),
        help_text=_("In plain words: what a participant gets at this level, and what not."),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#1f6f8b", validators=[colour_validator],
        help_text=_("Used for the badge. The badge always shows text too, so colour is never the only cue."),
    )

    panels = [
        FieldPanel("key"), FieldPanel("name"), FieldPanel("short_description"),
        FieldPanel("citizen_expectation"), FieldPanel("colour"),
    ]
    override_translatable_fields = [SynchronizedField("key"), SynchronizedField("colour")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("participation rung")
        verbose_name_plural = _("participation rungs")
        ordering = ["ladder", "sort_order"]
        unique_together = [("translation_key", "locale")]

    def __str__(self) -> str:
        return f"{self.ladder.name}: {self.name}"

    def badge(self) -> dict:
        """The badge a site draws for this rung (``shapes.Badge``): label, position, ladder size, colour."""
        memo = _badges.get()
        if memo is not None:
            if self.pk not in memo:
                memo[self.pk] = self._badge()
            return memo[self.pk]
        return self._badge()

    def _badge(self) -> dict:
        # .all() rather than values_list() so a prefetch of ladder__rungs saves the query.
        rung_ids = [rung.pk for rung in self.ladder.rungs.all()]
        return {
            "ladder": self.ladder.name,
            "ladder_key": self.ladder.key,
            "key": self.key,
            "label": self.name,
            "position": rung_ids.index(self.pk) + 1,
            "of": len(rung_ids),
            "description": self.short_description,
            "citizen_expectation": self.citizen_expectation,
            "colour": self.colour,
        }

    def reference(self) -> dict:
        """How a list of equivalent rungs names this rung: ladder and rung, by key and label (``RungRef``)."""
        return {"ladder_key": self.ladder.key, "ladder": self.ladder.name, "key": self.key, "label": self.name}

    def equivalents(self) -> list["ParticipationRung"]:
        """Rungs of other ladders that mean the same level, in this rung's locale where translated."""
        memo = _equivalents.get()
        if memo is not None:
            if self.pk not in memo:
                memo[self.pk] = self._equivalents()
            return memo[self.pk]
        return self._equivalents()

    def _equivalents(self) -> list["ParticipationRung"]:
        links = RungEquivalence.objects.select_related("rung", "equivalent").filter(
            models.Q(rung__translation_key=self.translation_key)
            | models.Q(equivalent__translation_key=self.translation_key)
        )
        found = []
        for link in links:
            other = link.equivalent if link.rung.translation_key == self.translation_key else link.rung
            found.append(other.get_translation_or_none(self.locale) or other)
        return found


class RungEquivalence(models.Model):
    """States that two rungs of different ladders describe the same level of influence."""

    rung = models.ForeignKey(
        ParticipationRung, verbose_name=_("rung"), on_delete=models.CASCADE, related_name="+"
    )
    equivalent = models.ForeignKey(
        ParticipationRung, verbose_name=_("equivalent rung"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("rung"), FieldPanel("equivalent")]

    class Meta:
        verbose_name = _("rung equivalence")
        verbose_name_plural = _("rung equivalences")
        unique_together = [("rung", "equivalent")]

    def __str__(self) -> str:
        return f"{self.rung} = {self.equivalent}"

    def clean(self) -> None:
        super().clean()
        if self.rung_id and self.equivalent_id and self.rung.ladder_id == self.equivalent.ladder_id:
            raise ValidationError(
                {"equivalent": _("Choose a rung of another ladder: an equivalence links two ladders.")}
            )
