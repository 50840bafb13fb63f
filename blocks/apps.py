from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocksConfig(AppConfig):
    """StreamField blocks used by dialogue pages."""

    name = "dialogue_blocks"
    label = "dialogue_blocks"
    verbose_name = _("Dialogue blocks")
