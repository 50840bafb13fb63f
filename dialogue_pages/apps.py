from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguePagesConfig(AppConfig):
    """Dialogue pages, participation ladders and the snippets they use."""

    name = "dialogue_pages"
    verbose_name = _("Citizen dialogues")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from . import signal_handlers, translation_sync  # noqa: F401  (signal_handlers connects receivers)
        from .api import calendars, exports, feeds, geo, preview
        from .api.extensions import add_router
        from .checks import check_translations_start_as_drafts
        from .webhooks import receivers  # noqa: F401  (writes webhook events to the outbox)

        # Before the URLconf is loaded, so the routers join the API and its OpenAPI document.
        add_router("/feeds/", feeds.router)
        add_router("/export/", exports.router)
        add_router("/preview/", preview.router)
        add_router("/", calendars.router)
        add_router("/", geo.router)
        translation_sync.install()
        checks.register(check_translations_start_as_drafts)
