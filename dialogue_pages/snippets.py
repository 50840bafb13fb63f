"""Snippets a dialogue page refers to: organisations, contacts, methods and target groups."""

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
