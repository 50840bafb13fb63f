from django.apps import AppConfig


class HostAppConfig(AppConfig):
    """A host municipality's own app, extending the dialogue plugin the documented way."""

    name = "tests.host.hostapp"
    label = "hostapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dialogue_pages.api.extensions import add_router

        from .api import router

        add_router("/council/", router)  # GET /api/v1/council/decisions/
