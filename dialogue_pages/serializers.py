"""The one serializer of a dialogue page.

``dialogue_representation`` builds the full API JSON from the page's fields and its
blocks' ``get_api_representation``; listing summaries, feeds and search documents are
derived from that representation (``dialogue_summary``), never written a second time.
"""

from typing import Any

from django.conf import settings
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from dialogue_blocks.people import contact_representation

from .pages import DialoguePageBase
from .quality import quality
from .status import status_info

SUMMARY_KEYS = (
    "id", "type", "locale", "title", "slug", "url", "path", "intro", "badge", "status", "start", "end",
    "participation", "decision", "feedback_owed", "days_since_close", "organisers", "place", "areas", "tags",
    "target_groups",
    "methods", "example", "first_published_at", "last_published_at",
)


def content_language_codes() -> list[str]:
    """The language codes of the configured content locales."""
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]


def rich_text(source: str) -> str:
    return expand_db_html(source) if source else ""


def iso(value) -> str | None:
    return value.isoformat() if value else None


def translation_links(translations: list[Page]) -> list[dict[str, Any]]:
    """Links to the same dialogue in other locales (the caller passes only public ones)."""
    return [
        {"id": other.pk, "locale": other.locale.language_code, "title": other.title, "url": other.get_full_url()}
        for other in translations
    ]


def dialogue_representation(page: DialoguePageBase, translations: list[Page]) -> dict[str, Any]:
    """The full, documented JSON of a dialogue page, rendered in the page's own language.

    ``translations`` are the live, public pages of the same dialogue in other content locales.
    """
    with translation.override(page.locale.language_code):
        return _representation(page, translations)


def _representation(page: DialoguePageBase, translations: list[Page]) -> dict[str, Any]:
    url_parts = page.get_url_parts()
    equivalents = page.rung.equivalents() if page.rung_id else []
    stream_field = page._meta.get_field
    return {
        "id": page.pk,
        "type": page._meta.label,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "title": page.title,
        "slug": page.slug,
        "url": page.get_full_url(),
        "path": url_parts[2] if url_parts else None,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "intro": page.intro,
        "easy_read_summary": page.easy_read_summary,
        "purpose": rich_text(page.purpose),
        "can_influence": rich_text(page.can_influence),
        "cannot_influence": rich_text(page.cannot_influence),
        "badge": page.badge,
        "rung_explanation": page.rung_explanation,
        "rung_equivalents": [rung.reference() for rung in equivalents],
        **status_info(page.status_facts, page.today),
        "start": iso(page.date_from),
        "end": iso(page.date_to),
        "participation": participation_representation(page),
        "decision": decision_representation(page),
        "cancellation": {"reason": page.cancellation_reason} if page.is_cancelled else None,
        "feedback_plan": page.feedback_plan,
        "quality": quality(page),
        "example": page.is_example,
        "organisers": [
            {"id": org.pk, "slug": org.slug, "name": org.name, "kind": org.kind, "website": org.website}
            for org in page.organisers.all()
        ],
        "place": {
            "name": page.place_name,
            "latitude": float(page.latitude) if page.latitude is not None else None,
            "longitude": float(page.longitude) if page.longitude is not None else None,
        },
        "areas": [{"slug": area.slug, "name": area.name, "kind": area.kind} for area in page.areas.all()],
        "target_groups": [{"slug": group.slug, "name": group.name} for group in page.target_groups.all()],
        "methods": [
            {"slug": method.slug, "name": method.name, "description": method.description}
            for method in page.methods.all()
        ],
        "tags": sorted(tag.name for tag in page.tags.all()),
        "contacts": [contact_representation(contact) for contact in page.contacts.all()],
        "legal_basis": page.legal_basis,
        "hearing": hearing_representation(page),
        "timeline": stream_field("timeline").stream_block.get_api_representation(page.timeline),
        "feedback": stream_field("feedback").stream_block.get_api_representation(page.feedback),
        "body": stream_field("body").stream_block.get_api_representation(page.body),
        "translations": translation_links(translations),
        "first_published_at": iso(page.first_published_at),
        "last_published_at": iso(page.last_published_at),
        "extra": {name: getattr(page, name) for name in page.api_extra_fields},
    }


def participation_representation(page: DialoguePageBase) -> dict[str, Any]:
    """The participation window: when input opens and closes, and how to take part."""
    return {
        "opens": iso(page.input_opens),
        "closes": iso(page.input_closes),
        "channel": page.participation_channel,
        "url": page.participation_url,
        "place": page.participation_place,
    }


def decision_representation(page: DialoguePageBase) -> dict[str, Any] | None:
    """The decision record, once a decision date is known."""
    if page.decision_date is None:
        return None
    return {
        "body": page.decision_body,
        "date": iso(page.decision_date),
        "url": page.decision_url,
        "summary": page.decision_summary,
    }


def hearing_representation(page: DialoguePageBase) -> dict[str, Any] | None:
    """The formal hearing, when one is part of the dialogue."""
    if not page.is_formal_hearing:
        return None
    return {
        "deadline": iso(page.hearing_deadline),
        "bodies": [{"name": body.name, "response_url": body.response_url} for body in page.consulted_bodies.all()],
    }


def dialogue_summary(representation: dict[str, Any]) -> dict[str, Any]:
    """The listing form of a dialogue, cut from its full representation."""
    return {key: representation[key] for key in SUMMARY_KEYS}
