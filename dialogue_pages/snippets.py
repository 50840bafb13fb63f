"""Snippets a dialogue page refers to: organisations, areas, contacts, methods and target groups."""

import math
from numbers import Real
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A municipality, region or other body that organises dialogues."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("key"), max_length=100, allow_unicode=True,
        help_text=_("A short stable key used in web addresses and API filters, e.g. 'lund'."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("website")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


class GeometryError(ValueError):
    """A GeoJSON outline an editor gave that is not a valid (Multi)Polygon; the message says what to fix."""


def check_position(position: Any, where: str) -> None:
    """A GeoJSON position: [longitude, latitude] in range (an optional altitude is allowed)."""
    if (not isinstance(position, list) or len(position) not in (2, 3)
            or not all(isinstance(n, Real) and not isinstance(n, bool) and math.isfinite(n) for n in position)):
        raise GeometryError(_("%(where)s: a point must be [longitude, latitude] in numbers.") % {"where": where})
    longitude, latitude = position[0], position[1]
    if not -180 <= longitude <= 180:
        raise GeometryError(_("%(where)s: longitude %(value)s is outside -180 to 180.")
                            % {"where": where, "value": longitude})
    if not -90 <= latitude <= 90:
        raise GeometryError(_("%(where)s: latitude %(value)s is outside -90 to 90. GeoJSON gives longitude "
                              "first, then latitude.") % {"where": where, "value": latitude})


def check_polygon(rings: Any, where: str) -> None:
    """A GeoJSON polygon: one or more closed rings (outline first, then holes) of four points or more."""
    if not isinstance(rings, list) or not rings:
        raise GeometryError(_("%(where)s: a polygon is a list of rings, each a list of points.") % {"where": where})
    for number, ring in enumerate(rings, start=1):
        ring_name = _("%(where)s, ring %(number)s") % {"where": where, "number": number}
        if not isinstance(ring, list) or len(ring) < 4:
            raise GeometryError(_("%(where)s: a ring needs at least four points (the first repeated at the end).")
                                % {"where": ring_name})
        for position in ring:
            check_position(position, ring_name)
        if ring[0][:2] != ring[-1][:2]:
            raise GeometryError(_("%(where)s: a ring must end at the point it starts from.") % {"where": ring_name})


def checked_outline(value: Any) -> dict[str, Any]:
    """The Polygon or MultiPolygon geometry of ``value``; a Feature is unwrapped to its geometry.

    Raises ``GeometryError`` with a message an editor can act on.
    """
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise GeometryError(_('Give a GeoJSON Polygon or MultiPolygon, e.g. {"type": "Polygon", "coordinates": '
                              '[[[12.55, 55.66], [12.56, 55.66], [12.56, 55.67], [12.55, 55.66]]]}.'))
    coordinates = value.get("coordinates")
    if value["type"] == "Polygon":
        check_polygon(coordinates, str(_("Outline")))
    else:
        if not isinstance(coordinates, list) or not coordinates:
            raise GeometryError(_("A MultiPolygon's coordinates are a list of polygons."))
        for number, polygon in enumerate(coordinates, start=1):
            check_polygon(polygon, _("Polygon %(number)s") % {"number": number})
    return {"type": value["type"], "coordinates": coordinates}


class Area(TranslatableMixin, index.Indexed, models.Model):
    """A district, neighbourhood or other part of a municipality that dialogues concern."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
        OTHER = "other", _("Other area")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("key"), max_length=100, allow_unicode=True,
        help_text=_("A short stable key used in web addresses and API filters, e.g. 'vesterbro'."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DISTRICT)
    outline = models.JSONField(
        _("outline"), null=True, blank=True,
        help_text=_("Optional. The area's boundary as a GeoJSON Polygon or MultiPolygon (longitude before "
                    "latitude), e.g. exported from the municipality's map. Shown on maps of dialogues."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="areas", help_text=_("The municipality or region the area belongs to."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("organisation"),
              FieldPanel("outline")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The key and the outline are the same place in every language: only the name is translated.
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("outline")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.outline in (None, "", {}, []):
            self.outline = None
            return
        try:
            self.outline = checked_outline(self.outline)
        except GeometryError as error:
            raise ValidationError({"outline": str(error)}) from error


class Contact(index.Indexed, models.Model):
    """A person citizens can contact about a dialogue."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("E.g. 'communications officer'."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="contacts",
    )

    panels = [
        FieldPanel("name"), FieldPanel("role"), FieldPanel("phone"), FieldPanel("email"),
        FieldPanel("organisation"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def clean(self) -> None:
        super().clean()
        if not self.phone.strip() and not self.email.strip():
            raise ValidationError(
                {"email": _("Give an email address or a phone number so citizens can reach this person.")}
            )


class Method(TranslatableMixin, models.Model):
    """A participation method: open meeting, survey, focus group, citizen panel…"""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("key"), max_length=100, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("participation method")
        verbose_name_plural = _("participation methods")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


class TargetGroup(TranslatableMixin, models.Model):
    """A group the dialogue wants to reach: young people, residents of an area, businesses…"""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("key"), max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name
