"""Whether a page may be served right now, decided at request time rather than by the scheduler.

Wagtail's ``publish_scheduled`` command flips ``live``/``expired`` when cron runs it; between an
``expire_at`` and that run an expired page would still be served. The plugin's page types check
the dates themselves, so what the public sees never depends on when cron last ran.
"""

import datetime

from django.http import Http404
from django.utils import timezone
from wagtail.models import Page


def is_visible_now(page: Page, now: datetime.datetime | None = None) -> bool:
    """True for a live page whose expiry, if any, is still ahead.

    A page scheduled to go live is not live until ``publish_scheduled`` publishes it, and a live
    page with a future ``go_live_at`` is serving its current revision while the next one waits.
    """
    now = now or timezone.now()
    return page.live and not page.expired and (page.expire_at is None or page.expire_at > now)


class ServedWhileVisible:
    """A page-type mixin: the page answers 404 once expired, even before ``publish_scheduled`` runs.

    The check sits in ``route`` rather than ``serve``: routing is the public way in, while the
    admin's preview calls ``serve`` directly and must keep working for scheduled pages.
    """

    def route(self, request, path_components):
        if not path_components and not is_visible_now(self):
            raise Http404
        return super().route(request, path_components)
