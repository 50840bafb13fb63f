from django.apps import AppConfig


class HostAppConfig(AppConfig):
    """A host municipality's own app, extending the dialogue plugin the documented way."""

    name = "tests.host.hostapp"
    label = "hostapp"
    default_auto_field = "django.db.models.BigAutoField"
