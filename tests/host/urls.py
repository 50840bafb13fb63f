"""The host's URLs: its own admin and pages, plus the one URL module of the plugin."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("dialogue_pages.urls")),
    path("", include("dialogue_search.urls")),
    path("", include(wagtail_urls)),
]
