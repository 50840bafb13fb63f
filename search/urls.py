"""The public search page; a host includes it where its pages are, per language through i18n_patterns:

    urlpatterns += i18n_patterns(path("", include("dialogue_search.urls")), ..., prefix_default_language=False)
"""

from django.urls import path

from .page import search_page

urlpatterns = [
    path("search/", search_page, name="dialogue_search_page"),
]
