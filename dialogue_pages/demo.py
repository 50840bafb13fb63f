"""Load the demo dialogues of ``demo_content`` into the database, idempotently.

Every object is found by a stable key (a page's parent and slug, a snippet's slug and
locale, a contact's email address) and updated in place, and a page gets a new revision
only when its content changed. Running the loader twice leaves the database as the
first run left it.
"""

import datetime
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from . import demo_content
from .demo_content import Spec
from .ladders import ParticipationRung
from .pages import ConsultedBody, DialogueIndexPage, DialoguePage
from .snippets import Area, Contact, Method, Organisation, TargetGroup

# Stream block ids are derived from the dialogue and the block's position, so that
# reloading produces identical content (no new revision) and a translation lines up
# block for block with its source.
BLOCK_ID_NAMESPACE = uuid.UUID("3f1d8c52-6a43-4b0e-9a55-2d4c1b7e9f10")

SCALAR_FIELDS = (
    "title", "slug", "intro", "easy_read_summary", "purpose", "can_influence", "cannot_influence",
    "rung_id", "rung_explanation", "place_name", "latitude", "longitude", "start_date", "end_date",
    "input_opens", "input_closes", "participation_channel", "participation_url", "participation_place",
    "decision_body", "decision_date", "decision_url", "decision_summary", "feedback_plan", "is_cancelled",
    "cancellation_reason", "legal_basis", "is_formal_hearing", "hearing_deadline", "is_example",
)
STREAM_FIELDS = ("timeline", "feedback", "body")
RELATION_FIELDS = ("organisers", "methods", "target_groups", "contacts", "areas")
# Relations to translatable snippets (page field -> ``References`` attribute), which wagtail-localize
# leaves alone: a translated page is pointed at the snippets of its own locale.
LOCALISED_RELATIONS = {
    "organisers": "organisations", "methods": "methods", "target_groups": "target_groups", "areas": "areas",
}

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"

# Where ``make run`` serves the site (``runserver 127.0.0.1:$(PORT)``).
DEMO_HOSTNAME = "127.0.0.1"
DEFAULT_PORT = 8000

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadSummary:
    """What the loader did and what the demo content amounts to afterwards."""

    pages: dict[str, str] = field(default_factory=dict)  # "<locale>:<url_path>" -> created/updated/unchanged
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """A short human-readable report."""
        actions = {action: sum(1 for done in self.pages.values() if done == action)
                   for action in (CREATED, UPDATED, UNCHANGED)}
        return [
            "Demo dialogues loaded: " + ", ".join(f"{name} {number}" for name, number in self.counts.items()),
            "Pages: " + ", ".join(f"{number} {action}" for action, number in actions.items()),
        ]


@dataclass
class References:
    """The snippets the dialogues refer to, by stable key and language."""

    locales: dict[str, Locale]
    organisations: dict[str, dict[str, Organisation]]
    methods: dict[str, dict[str, Method]]
    target_groups: dict[str, dict[str, TargetGroup]]
    contacts: dict[str, Contact]
    areas: dict[str, dict[str, Area]]

    def rung(self, ladder: str, key: str, language: str) -> ParticipationRung:
        """A rung of one of the shipped ladders, in the given language."""
        return ParticipationRung.objects.get(ladder__key=ladder, key=key, locale=self.locales[language])


def load_demo_content() -> LoadSummary:
    """Create or update the demo site: index pages, snippets, dialogues and their translations."""
    summary = LoadSummary()
    with transaction.atomic():
        locales = ensure_locales(demo_content.LANGUAGES)
        organisations = {
            spec["slug"]: sync_translated_snippet(
                Organisation, spec["slug"], spec["language"], locales,
                common={"kind": spec["kind"], "website": spec["website"]},
                localised={language: {"name": name} for language, name in spec["names"].items()},
            )
            for spec in demo_content.ORGANISATIONS
        }
        methods = {
            spec["slug"]: sync_translated_snippet(
                Method, spec["slug"], demo_content.LANGUAGES[0], locales,
                localised={
                    language: {"name": spec["names"][language], "description": spec["descriptions"][language]}
                    for language in demo_content.LANGUAGES
                },
            )
            for spec in demo_content.METHODS
        }
        target_groups = {
            spec["slug"]: sync_translated_snippet(
                TargetGroup, spec["slug"], demo_content.LANGUAGES[0], locales,
                localised={language: {"name": name} for language, name in spec["names"].items()},
            )
            for spec in demo_content.TARGET_GROUPS
        }
        areas = {
            spec["slug"]: sync_translated_snippet(
                Area, spec["slug"], spec["language"], locales, common={"kind": spec["kind"]},
                localised={
                    language: {"name": name, "organisation": organisations[spec["organisation"]][language]}
                    for language, name in spec["names"].items()
                },
            )
            for spec in demo_content.AREAS
        }
        contacts = sync_contacts(demo_content.CONTACTS, organisations)
        remove_retired_contacts(demo_content.RETIRED_CONTACT_EMAILS)
        refs = References(locales, organisations, methods, target_groups, contacts, areas)

        indexes = sync_index_pages(demo_content.INDEX_PAGES, locales, summary)
        point_default_site_at(indexes[demo_content.LANGUAGES[0]])
        remove_welcome_page()

        for spec in demo_content.DIALOGUES:
            page = sync_dialogue(spec, indexes[spec["language"]], refs, summary)
            for language, translated_spec in spec.get("translations", {}).items():
                sync_dialogue_translation(page, spec, translated_spec, language, refs, summary)

        summary.counts = count_demo_content(indexes.values())
    return summary


def count_demo_content(indexes: Iterable[DialogueIndexPage]) -> dict[str, int]:
    """How many of each kind of object the demo site holds."""
    counts = {"index pages": 0}
    for index in indexes:
        counts["index pages"] += 1
        counts[f"dialogues ({index.locale.language_code})"] = DialoguePage.objects.child_of(index).live().count()
    counts.update({
        "organisations": Organisation.objects.count(),
        "areas": Area.objects.count(),
        "contacts": Contact.objects.count(),
        "methods": Method.objects.count(),
        "target groups": TargetGroup.objects.count(),
    })
    return counts


# --- Locales and snippets ----------------------------------------------------------------------------


def ensure_locales(languages: Iterable[str]) -> dict[str, Locale]:
    """The locales of the given languages, created if missing."""
    return {language: Locale.objects.get_or_create(language_code=language)[0] for language in languages}


def sync_translated_snippet(
    model: type[models.Model],
    slug: str,
    source_language: str,
    locales: dict[str, Locale],
    localised: dict[str, dict[str, Any]],
    common: dict[str, Any] | None = None,
) -> dict[str, models.Model]:
    """Create or update a translatable snippet in every locale; the translations share its translation key.

    ``localised`` holds each language's own field values, ``common`` those that are the same in all.
    """
    common = common or {}
    source = model.objects.filter(slug=slug, locale=locales[source_language]).first()
    by_language = {source_language: _save_if_changed(
        source or model(slug=slug, locale=locales[source_language]), {**common, **localised[source_language]}
    )}
    translation_key = by_language[source_language].translation_key
    for language, locale in locales.items():
        if language == source_language:
            continue
        instance = (
            model.objects.filter(translation_key=translation_key, locale=locale).first()
            or model.objects.filter(slug=slug, locale=locale).first()
            or model(slug=slug, locale=locale, translation_key=translation_key)
        )
        by_language[language] = _save_if_changed(instance, {**common, **localised.get(language, {})})
    return by_language


def sync_contacts(specs: list[Spec], organisations: dict[str, dict[str, Organisation]]) -> dict[str, Contact]:
    """Create or update the contact people, found by email address.

    A contact belongs to the original version of its organisation (the first in its dict).
    """
    contacts = {}
    for spec in specs:
        organisation = next(iter(organisations[spec["organisation"]].values()))
        values = {"name": spec["name"], "role": spec["role"], "phone": spec.get("phone", ""),
                  "organisation": organisation}
        contact = Contact.objects.filter(email=spec["email"]).first() or Contact(email=spec["email"])
        contacts[spec["email"]] = _save_if_changed(contact, values)
    return contacts


def remove_retired_contacts(emails: Iterable[str]) -> None:
    """Delete contact people earlier versions of the demo invented, so none of them lingers in the admin."""
    Contact.objects.filter(email__in=list(emails)).delete()


def _save_if_changed(instance: models.Model, values: dict[str, Any]) -> models.Model:
    """Set ``values`` on ``instance`` and save it (validated) if it is new or anything changed."""
    changed = instance.pk is None
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.full_clean()
        instance.save()
    return instance


# --- The page tree -----------------------------------------------------------------------------------


def sync_index_pages(
    specs: dict[str, Spec], locales: dict[str, Locale], summary: LoadSummary
) -> dict[str, DialogueIndexPage]:
    """One dialogue index per language under the root; the first is the source of the others' translations."""
    root = Page.get_first_root_node()
    source_language, *other_languages = specs
    source_spec = specs[source_language]
    source = DialogueIndexPage.objects.child_of(root).filter(slug=source_spec["slug"]).first()
    if source is None:
        source = DialogueIndexPage(
            slug=source_spec["slug"], title=source_spec["title"], locale=locales[source_language], live=False
        )
        root.add_child(instance=source)
        created = True
    else:
        created = False
    indexes = {source_language: _publish_index(source, source_spec, created, summary)}
    for language in other_languages:
        spec = specs[language]
        translation = source.get_translation_or_none(locales[language])
        created = translation is None
        if created:
            translation = source.copy_for_translation(locales[language])
        indexes[language] = _publish_index(translation.specific, spec, created, summary)
    return indexes


def _publish_index(page: DialogueIndexPage, spec: Spec, created: bool, summary: LoadSummary) -> DialogueIndexPage:
    """Give an index page its title, slug and intro, and publish it if anything changed."""
    changed = created or not page.live or page.has_unpublished_changes
    for name in ("title", "slug", "intro"):
        if getattr(page, name) != spec[name]:
            setattr(page, name, spec[name])
            changed = True
    if changed:
        page.save_revision().publish()
        page = DialogueIndexPage.objects.get(pk=page.pk)
    summary.pages[f"{page.locale.language_code}:{page.url_path}"] = (
        CREATED if created else UPDATED if changed else UNCHANGED
    )
    return page


def point_default_site_at(page: Page) -> Site:
    """Make ``page`` the root of the default site, served where ``make run`` serves it.

    The site's hostname and port become the ``url`` of every dialogue in the API, so they are
    ``127.0.0.1`` and ``$PORT`` (default 8000), as in ``make run``; an existing default site is updated.
    """
    hostname, port = demo_site_address()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.pk is None or (site.root_page_id, site.hostname, site.port) != (page.pk, hostname, port):
        site.root_page, site.hostname, site.port = page, hostname, port
        site.save()
    return site


def demo_site_address() -> tuple[str, int]:
    """The hostname and port ``make run`` serves on: 127.0.0.1 and ``$PORT`` (default 8000)."""
    return DEMO_HOSTNAME, int(os.environ.get("PORT") or DEFAULT_PORT)


def remove_welcome_page() -> None:
    """Delete the placeholder page Wagtail installs, once no site uses it and nothing lives under it."""
    placeholders = Page.objects.filter(
        depth=2, numchild=0, title=WELCOME_PAGE_TITLE, content_type=ContentType.objects.get_for_model(Page)
    )
    for page in placeholders:
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


# --- Dialogues ---------------------------------------------------------------------------------------


def sync_dialogue(spec: Spec, parent: DialogueIndexPage, refs: References, summary: LoadSummary) -> DialoguePage:
    """Create or update one dialogue page under ``parent`` and publish it if its content changed."""
    language = spec["language"]
    page = DialoguePage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    created = page is None
    if created:
        page = DialoguePage(slug=spec["slug"], title=spec["title"], locale=refs.locales[language], live=False)
    before = None if created else page_snapshot(page)
    apply_dialogue_spec(page, spec, refs)
    if created:
        parent.add_child(instance=page)
    changed = created or before != page_snapshot(page) or not page.live or page.has_unpublished_changes
    if changed:
        page.save_revision().publish()
    page = DialoguePage.objects.get(pk=page.pk)
    summary.pages[f"{language}:{page.url_path}"] = CREATED if created else UPDATED if changed else UNCHANGED
    return page


def apply_dialogue_spec(page: DialoguePage, spec: Spec, refs: References) -> None:
    """Set every field the spec describes on ``page`` (in memory; the caller saves and publishes)."""
    language = spec["language"]
    apply_content_fields(page, spec, spec["slug"], language, refs)
    page.organisers.set([refs.organisations[slug][language] for slug in spec["organisers"]])
    page.methods.set([refs.methods[slug][language] for slug in spec["methods"]])
    page.target_groups.set([refs.target_groups[slug][language] for slug in spec["target_groups"]])
    page.contacts.set([refs.contacts[email] for email in spec["contacts"]])
    page.areas.set([refs.areas[slug][language] for slug in spec.get("areas", [])])
    if sorted(tag.name for tag in page.tags.all()) != sorted(spec["tags"]):
        page.tags.set(spec["tags"])
    bodies = spec.get("consulted_bodies", [])
    if _consulted_bodies(page) != [(body["name"], body["response_url"]) for body in bodies]:
        page.consulted_bodies.set([ConsultedBody(**body) for body in bodies])


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _consulted_bodies(page: DialoguePage) -> list[tuple[str, str]]:
    return [(body.name, body.response_url) for body in page.consulted_bodies.all()]


def page_snapshot(page: DialoguePage) -> dict[str, Any]:
    """The content of a dialogue in a comparable form, to tell whether it needs a new revision."""
    snapshot: dict[str, Any] = {name: getattr(page, name) for name in SCALAR_FIELDS}
    for name in STREAM_FIELDS:
        snapshot[name] = [
            {"type": child.block_type, "id": child.id, "value": child.block.get_prep_value(child.value)}
            for child in getattr(page, name)
        ]
    for name in RELATION_FIELDS:
        snapshot[name] = sorted(item.pk for item in getattr(page, name).all())
    snapshot["tags"] = sorted(tag.name for tag in page.tags.all())
    snapshot["consulted_bodies"] = _consulted_bodies(page)
    return snapshot


def block_id(*parts: object) -> str:
    """A stable block id for the block at the given position."""
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, "/".join(str(part) for part in parts)))


def stream_data(
    blocks: list[tuple[str, Any]], key: str, field_name: str, ladder: str, language: str, refs: References
) -> list[dict[str, Any]]:
    """The raw StreamField JSON of a list of ``(block type, value)`` pairs from the demo content."""
    raw = []
    for position, (block_type, value) in enumerate(blocks):
        prefix = (key, field_name, position)
        raw_value = _raw_value(value, prefix, ladder, language, refs)
        raw.append({"type": block_type, "id": block_id(*prefix), "value": raw_value})
    return raw


def _raw_value(value: Any, prefix: tuple, ladder: str, language: str, refs: References) -> Any:
    """Turn a block value of the demo content into its raw JSON form.

    Contacts (by email) and rungs (by key) become primary keys, dates ISO strings and lists the
    items of a ListBlock; struct fields the content leaves out get their block defaults.
    """
    if not isinstance(value, dict):
        return value
    raw = {}
    for name, item in value.items():
        if isinstance(item, list):
            raw[name] = [
                {"type": "item", "id": block_id(*prefix, name, index), "value": entry}
                for index, entry in enumerate(item)
            ]
        elif isinstance(item, datetime.date):
            raw[name] = item.isoformat()
        elif name == "contact":
            raw[name] = refs.contacts[item].pk
        elif name == "rung" and item is not None:
            raw[name] = refs.rung(ladder, item, language).pk
        else:
            raw[name] = item
    return raw


# --- Translations (wagtail-localize) -----------------------------------------------------------------


def sync_dialogue_translation(
    source_page: DialoguePage,
    source_spec: Spec,
    translated_spec: Spec,
    language: str,
    refs: References,
    summary: LoadSummary,
) -> DialoguePage:
    """Translate ``source_page`` with wagtail-localize, using the translated strings of ``translated_spec``.

    The translated page is kept in sync by wagtail-localize (it knows its source); the strings are
    entered as if a translator had typed them in the translation editor. Snippet relations, which
    wagtail-localize does not translate, point at the snippets of the target locale.
    """
    locale = refs.locales[language]
    source, source_changed = TranslationSource.update_or_create_from_instance(source_page)
    translation, translation_created = Translation.objects.get_or_create(source=source, target_locale=locale)
    strings_changed = fill_string_translations(source, locale, source_spec, translated_spec, refs)

    target = DialoguePage.objects.filter(translation_key=source_page.translation_key, locale=locale).first()
    created = target is None
    if created or source_changed or translation_created or strings_changed:
        # Saved as a draft: we publish below, after pointing the relations at the target locale.
        translation.save_target(publish=False)
        target = DialoguePage.objects.get(translation_key=source_page.translation_key, locale=locale)

    before = page_snapshot(target)
    for name, snippets in LOCALISED_RELATIONS.items():
        slugs = [original.slug for original in getattr(source_page, name).all()]
        getattr(target, name).set([getattr(refs, snippets)[slug][language] for slug in slugs])
    if sorted(tag.name for tag in target.tags.all()) != sorted(translated_spec["tags"]):
        target.tags.set(translated_spec["tags"])
    changed = before != page_snapshot(target) or not target.live or target.has_unpublished_changes
    if changed:
        target.save_revision().publish()
        target = DialoguePage.objects.get(pk=target.pk)
    summary.pages[f"{language}:{target.url_path}"] = CREATED if created else UPDATED if changed else UNCHANGED
    return target


def fill_string_translations(
    source: TranslationSource, locale: Locale, source_spec: Spec, translated_spec: Spec, refs: References
) -> bool:
    """Store the translated text of every string segment of ``source``; return whether any changed.

    The translated spec has the same structure as the source spec, so extracting the segments of
    both (with the same block ids) pairs each source string with its translation.
    """
    translations = translated_strings(source, source_spec, translated_spec, refs)
    changed = False
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = []
    for segment in segments:
        text = translations.get((segment.context.path, segment.string.data))
        if text is None:
            missing.append(segment.context.path)
            continue
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is None:
            StringTranslation.objects.create(
                translation_of=segment.string, locale=locale, context=segment.context, data=text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            changed = True
        elif existing.data != text or existing.has_error:
            existing.data, existing.has_error, existing.field_error = text, False, ""
            existing.save()
            changed = True
    if missing:
        raise ValueError(f"The demo translation lacks strings for: {', '.join(sorted(set(missing)))}")
    return changed


def translated_strings(
    source: TranslationSource, source_spec: Spec, translated_spec: Spec, refs: References
) -> dict[tuple[str, str], str]:
    """Map (segment path, source text) to the translated text, by extracting both versions side by side."""
    language = source_spec["language"]
    original = source.as_instance()
    translated = DialoguePage(locale=original.locale)
    apply_content_fields(translated, {**source_spec, **translated_spec}, source_spec["slug"], language, refs)
    source_strings = [s for s in extract_segments(original) if isinstance(s, StringSegmentValue)]
    target_strings = [s for s in extract_segments(translated) if isinstance(s, StringSegmentValue)]
    if [s.path for s in source_strings] != [s.path for s in target_strings]:
        raise ValueError(
            f"The translation of '{source_spec['slug']}' does not have the same structure as its source."
        )
    return {
        (original_string.path, original_string.string.data): translated_string.string.data
        for original_string, translated_string in zip(source_strings, target_strings, strict=True)
    }


def apply_content_fields(page: DialoguePage, spec: Spec, block_key: str, language: str, refs: References) -> None:
    """Set the page's own fields and streams from the spec (no relations): all a translator translates.

    Stream block ids derive from ``block_key``, so a translation given the key of its source lines up
    with it block for block.
    """
    for name in SCALAR_FIELDS:
        if name == "rung_id":
            page.rung = refs.rung(spec["ladder"], spec["rung"], language)
        elif name in ("latitude", "longitude"):
            setattr(page, name, _decimal(spec.get(name)))
        else:
            setattr(page, name, spec.get(name, page._meta.get_field(name).get_default()))
    for name in STREAM_FIELDS:
        setattr(page, name, stream_data(spec[name], block_key, name, spec["ladder"], language, refs))
