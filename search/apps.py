from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The dialogue search service."""

    name = "search"
    label = "dialogue_search"
    verbose_name = _("Dialogue search")
