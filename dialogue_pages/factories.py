"""Test-data factories (wagtail-factories) for dialogue pages and their snippets."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from .ladders import ParticipationRung
from .pages import DialogueIndexPage, DialoguePage
from .snippets import Area, Contact, Method, Organisation, TargetGroup


class LocaleMixin(factory.django.DjangoModelFactory):
    """Puts a translatable object in the default locale unless told otherwise."""

    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class OrganisationFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    kind = Organisation.Kind.MUNICIPALITY

    class Meta:
        model = Organisation


class AreaFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Bydel {n}")
    slug = factory.Sequence(lambda n: f"bydel-{n}")
    kind = Area.Kind.DISTRICT

    class Meta:
        model = Area


class ContactFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "kommunikatør"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")

    class Meta:
        model = Contact


class MethodFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Metode {n}")
    slug = factory.Sequence(lambda n: f"metode-{n}")

    class Meta:
        model = Method


class TargetGroupFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Målgruppe {n}")
    slug = factory.Sequence(lambda n: f"maalgruppe-{n}")

    class Meta:
        model = TargetGroup


def default_rung(key: str = "dialog", ladder_key: str = "skr", locale: Locale | None = None) -> ParticipationRung:
    """A rung of one of the shipped ladders (created by the data migration)."""
    return ParticipationRung.objects.get(
        key=key, ladder__key=ladder_key, locale=locale or Locale.get_default()
    )


class DialogueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Dialoger"

    class Meta:
        model = DialogueIndexPage


class DialoguePageFactory(wagtail_factories.PageFactory):
    """A valid dialogue on the SKR 'dialog' rung; pass ``parent`` to place it in the tree."""

    title = factory.Sequence(lambda n: f"Borgerdialog {n}")
    intro = "Kommunen inviterer borgerne til at give deres mening til kende."
    rung = factory.LazyFunction(default_rung)
    rung_explanation = "Borgerne drøfter forslagene med hinanden og med politikerne."
    start_date = datetime.date(2024, 3, 1)
    end_date = datetime.date(2024, 6, 30)
    # Input runs over the whole process unless a test says otherwise.
    input_opens = factory.LazyAttribute(lambda page: page.start_date)
    input_closes = factory.LazyAttribute(lambda page: page.end_date)

    class Meta:
        model = DialoguePage
