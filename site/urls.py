"""Root URLs of the bundled site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .api_v2 import api_router
from .sitemaps import PublicPagesSitemap

SITEMAPS = {"pages": PublicPagesSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # An index of the sitemap's pages, so no answer lists the whole archive.
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("", include("dialogue_pages.urls")),
    # The web components at work against this site's own API (docs/embed.md).
    path("embed-example/", TemplateView.as_view(template_name="embed_example.html"), name="embed_example"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages of other languages than the default live under /sv/, /en/…; the default has no prefix. The search
# page too: /search/ searches Danish dialogues, /sv/search/ Swedish ones.
urlpatterns += i18n_patterns(
    path("", include("dialogue_search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
