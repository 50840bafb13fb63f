"""URLs a host site includes once: the dialogue API v1 and the health endpoints.

    path("", include("dialogue_pages.urls")),
"""

from django.urls import path

from .api.views import api, dialogue_detail_fast
from .health import healthz, readyz

urlpatterns = [
    path("api/v1/dialogues/<int:dialogue_id>/", dialogue_detail_fast, name="dialogue_detail_fast"),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="dialogue_healthz"),
    path("readyz", readyz, name="dialogue_readyz"),
]
