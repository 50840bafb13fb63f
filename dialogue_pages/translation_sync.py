"""How wagtail-localize translates dialogues without damaging what is already translated.

Three adjustments, installed once when the app is ready (``install``):

* **Shared snippets keep their translations.** Submitting a page for translation also submits the
  translatable snippets it points to (the rung, rungs chosen in the timeline) and saves their
  translation in each target locale from the *page's* language. A snippet translated another way
  (the shipped ladders are created per language by a data migration; an editor may write the
  English organisation by hand) would be overwritten with the source text: the English SKR rung
  "Dialogue" became "Dialog". For the plugin's snippets, wagtail-localize now only creates
  translations that are missing, and never saves over an existing one.
* **A rung is translated with its ladder.** wagtail-localize would copy a lone rung into the target
  locale but leave it on the source language's ladder, adding a rung to that ladder. When a rung
  is missing in a locale, its whole ladder is submitted instead, which brings every rung along.
* **Slugs keep their letters.** wagtail-localize makes a translated page's slug ASCII with Django's
  ``slugify``, which drops ø and æ ("borgermde-om-badplatser-pa-sterbro"); it gets
  ``slugs.ascii_slug`` instead, which transliterates ("borgermode-om-badplatser-pa-osterbro").

A dialogue's topics are kept per translation by ``OwnPerTranslation`` (see ``DialoguePageBase``).
"""

import functools
from collections.abc import Callable

from django.db import models
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import BaseTranslatableField

from .slugs import ascii_slug


class OwnPerTranslation(BaseTranslatableField):
    """A field each translation keeps for itself.

    Wagtail copies it when it creates the translation (a page copy carries its child relations);
    wagtail-localize neither offers it for translation nor synchronises it from the source later.
    """

    def __repr__(self) -> str:
        return f"<OwnPerTranslation {self.field_name}>"


def shared_snippet_models() -> tuple[type[models.Model], ...]:
    """The plugin's translatable snippets that pages share and whose translations are kept."""
    from .ladders import ParticipationLadder, ParticipationRung
    from .snippets import Area, Method, Organisation, TargetGroup

    return (ParticipationLadder, ParticipationRung, Organisation, Method, TargetGroup, Area)


def translation_unit(instance: TranslatableMixin) -> TranslatableMixin:
    """What is submitted to translate ``instance``: a rung travels with its ladder."""
    from .ladders import ParticipationRung

    return instance.ladder if isinstance(instance, ParticipationRung) else instance


def missing_locales(instance: TranslatableMixin, locales: list[Locale]) -> list[Locale]:
    """The locales among ``locales`` that ``instance`` has no translation in yet."""
    existing = set(type(instance).objects.filter(translation_key=instance.translation_key)
                   .values_list("locale_id", flat=True))
    return [locale for locale in locales if locale.pk not in existing]


def only_missing_translations(create_translations: Callable) -> Callable:
    """Wrap ``TranslationCreator.create_translations`` so related shared snippets are only translated where missing.

    The page (or snippet) an editor submits is translated as wagtail-localize always does; the form
    already offers only the locales it lacks. Related objects arrive with ``include_related_objects``
    False; for the plugin's shared snippets the target locales shrink to those without a translation.
    """

    @functools.wraps(create_translations)
    def create_only_missing(self, instance, include_related_objects: bool = True):
        if include_related_objects or not isinstance(instance, shared_snippet_models()):
            return create_translations(self, instance, include_related_objects)
        instance = translation_unit(instance)
        missing = missing_locales(instance, list(self.target_locales))
        if not missing:
            self.seen_objects.add(instance.translation_key)
            return None
        all_locales = self.target_locales
        self.target_locales = missing
        try:
            return create_translations(self, instance, include_related_objects)
        finally:
            self.target_locales = all_locales

    create_only_missing.only_missing_translations = True
    return create_only_missing


def install() -> None:
    """Apply the adjustments to wagtail-localize (idempotent)."""
    # Imported here: pages.py imports this module while models load, before wagtail-localize's are ready.
    from wagtail_localize import models as localize_models
    from wagtail_localize.operations import TranslationCreator

    if not getattr(TranslationCreator.create_translations, "only_missing_translations", False):
        TranslationCreator.create_translations = only_missing_translations(TranslationCreator.create_translations)
    # create_or_update_translation calls this module global to make the translated slug valid.
    localize_models.slugify = ascii_slug
