"""System checks for settings a host must get right for dialogues to stay correct."""

from django.conf import settings
from django.core.checks import Warning


def check_translations_start_as_drafts(app_configs, **kwargs) -> list[Warning]:
    """Warn when wagtail-localize would publish a new translation of a live dialogue at once, untranslated."""
    if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True) is False:
        return []
    return [
        Warning(
            "New translations of live dialogues are published at once, before anyone has translated them.",
            hint="Set WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False so they start as drafts.",
            id="dialogue_pages.W001",
        )
    ]
