from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguePagesConfig(AppConfig):
    """Dialogue pages, participation ladders and the snippets they use."""

    name = "dialogue_pages"
    verbose_name = _("Citizen dialogues")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401  (connects the read-model receivers)
