"""The sitemap at ``/sitemap.xml``: every public page of every content language, expired pages excluded."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap, with the translations of the site's root and without expired pages.

    Wagtail's own lists only the descendants of the root page, which misses the other languages'
    trees, and keeps expired pages until ``publish_scheduled`` has run.
    """

    def items(self) -> QuerySet:
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).values_list("path", flat=True)
        under_a_root = Q()
        for path in roots:
            under_a_root |= Q(path__startswith=path)
        languages = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]
        return (
            Page.objects.filter(under_a_root, locale__language_code__in=languages)
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
            .live().public().order_by("path").defer_streamfields().specific()
        )
