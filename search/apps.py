from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The dialogue search service."""

    name = "dialogue_search"
    label = "dialogue_search"
    verbose_name = _("Dialogue search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The page app never imports search: search mounts itself on the page app's API and listens
        # to its signals. ready() runs before the URLconf is loaded, so the router joins the API (and
        # its OpenAPI document) before the API builds its URLs.
        from django.core import checks

        from dialogue_pages.api.extensions import add_router

        from . import signals
        from .api import router
        from .checks import check_search_backend

        add_router("/search/", router)
        signals.connect()
        checks.register(check_search_backend)
