"""Wagtail's generic API v2, kept for generic page consumers at /api/v2/, hardened against odd input.

Stock v2 answers 500 to some queries: a search of only punctuation or spaces breaks the database
search backend's query, an unknown ``search_operator`` raises ``ValueError``, an offset beyond what
the database can count overflows, and a field filter such as ``?first_published_at=abc`` raises
Django's ``ValidationError``. The subclasses below check those parameters first and answer 400
(``ApiProblemMiddleware`` makes every error a problem document).
"""

import re
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import DataError
from django.db import models as db_models
from rest_framework.response import Response
from wagtail.api.v2 import filters as v2_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_v2_visibility import UnexpiredPagesMixin

# Largest offset or limit passed on to the database (a signed 32-bit integer, safe on every backend).
MAX_INTEGER = 2**31 - 1
MAX_SEARCH_LENGTH = 255
SEARCH_OPERATORS = ("and", "or")
WORD = re.compile(r"\w+")


def bounded_integer(request, name: str) -> None:
    value = request.GET.get(name)
    if value is None:
        return
    if not value.isascii() or not value.isdigit() or int(value) > MAX_INTEGER:
        raise BadRequestError(f"{name} must be an integer from 0 to {MAX_INTEGER}")


class BoundedPagination(WagtailPagination):
    """Offsets and limits are whole numbers the database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        bounded_integer(request, "offset")
        bounded_integer(request, "limit")
        return super().paginate_queryset(queryset, request, view)


class WordSearchFilter(v2_filters.SearchFilter):
    """Search for the words of ``search`` only: quotes and other syntax are not passed to the backend.

    A search with no words at all finds nothing instead of failing.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        text = request.GET["search"]
        if len(text) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = WORD.findall(text)
        if not words:
            if getattr(queryset, "_filtered_by_tag", False):
                raise BadRequestError("filtering by tag with a search query is not supported")
            return queryset.none()
        query = request.GET.copy()
        query["search"] = " ".join(words)
        original, request._request.GET = request._request.GET, query
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


class CheckedFieldsFilter(v2_filters.FieldsFilter):
    """Field filters whose value does not fit the field (``?first_published_at=abc``) are a 400."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields and name != "locale":
                check_field_value(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)


def check_field_value(model, name: str, value: str) -> None:
    try:
        field = model._meta.get_field(name)
    except LookupError:
        return
    if not isinstance(field, db_models.Field) or field.is_relation:
        return
    if isinstance(field, db_models.BooleanField):
        return  # parse_boolean in the stock filter already answers 400
    try:
        field.to_python(value)
    except ValidationError as error:
        raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error


def replace_filters(backends: list[type]) -> list[type]:
    swaps = {v2_filters.SearchFilter: WordSearchFilter, v2_filters.FieldsFilter: CheckedFieldsFilter}
    return [swaps.get(backend, backend) for backend in backends]


class HardenedEndpoint:
    """Mixin for a v2 endpoint: checked filters and pagination, and no 500 for a value the database refuses."""

    pagination_class = BoundedPagination

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.filter_backends = replace_filters(list(cls.filter_backends))

    def handle_exception(self, exc):
        # Values the checks above do not foresee but the database or the ORM refuses are still the
        # client's input, never the server's fault. (A database that is down raises OperationalError,
        # which stays a 503 from DatabaseUnavailableMiddleware.)
        if isinstance(exc, DataError | FieldError | ValidationError | OverflowError):
            return Response({"message": "a parameter has a value that cannot be used"}, status=400)
        return super().handle_exception(exc)


class HardenedPagesAPIViewSet(HardenedEndpoint, UnexpiredPagesMixin, PagesAPIViewSet):
    """The pages endpoint with checked input, without pages whose expiry has passed."""


class HardenedImagesAPIViewSet(HardenedEndpoint, ImagesAPIViewSet):
    """The images endpoint with checked input."""


class HardenedDocumentsAPIViewSet(HardenedEndpoint, DocumentsAPIViewSet):
    """The documents endpoint with checked input."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HardenedPagesAPIViewSet)
api_router.register_endpoint("images", HardenedImagesAPIViewSet)
api_router.register_endpoint("documents", HardenedDocumentsAPIViewSet)
