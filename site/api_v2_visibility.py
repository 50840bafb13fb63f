"""Visibility of API v2 pages decided at request time, so an expired page leaves the API at its expiry.

Wagtail's ``publish_scheduled`` cron job flips ``live`` off some minutes after ``expire_at``;
until then the stock endpoint would still list and serve the page.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page


class UnexpiredPagesMixin:
    """For a pages endpoint: leave out pages whose ``expire_at`` has passed, in lists, details and finds."""

    def get_base_queryset(self) -> QuerySet:
        # Through the primary key: ``?search=`` refuses a queryset filtered on a field that is not a
        # search FilterField (Wagtail's Page does not index expire_at), and the id is one.
        unexpired = Page.objects.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())).values("pk")
        return super().get_base_queryset().filter(pk__in=unexpired)
