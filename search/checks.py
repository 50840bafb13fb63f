"""System checks of the search settings."""

from django.conf import settings
from django.core.checks import Error, Warning

from .conf import RETIRED_BACKEND_MESSAGE, RETIRED_SETTINGS, retired_backend


def check_search_backend(app_configs, **kwargs) -> list[Error | Warning]:
    """An error for a backend that no longer exists, a warning for settings nothing reads any more."""
    messages: list[Error | Warning] = []
    if path := retired_backend():
        messages.append(Error(
            RETIRED_BACKEND_MESSAGE.format(path=path),
            hint="Delete DIALOGUE_SEARCH_BACKEND (Tantivy) or point it at Elasticsearch.",
            id="dialogue_search.E001",
        ))
    for name in RETIRED_SETTINGS:
        if hasattr(settings, name):
            messages.append(Warning(
                f"{name} configured the retired database search engine and is ignored.",
                hint=f"Remove {name} from the settings.",
                id="dialogue_search.W001",
            ))
    return messages
