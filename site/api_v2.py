"""Wagtail's generic API v2, kept for generic page consumers at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_v2_visibility import UnexpiredPagesMixin


class UnexpiredPagesAPIViewSet(UnexpiredPagesMixin, PagesAPIViewSet):
    """The pages endpoint without pages whose expiry has passed."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", UnexpiredPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
