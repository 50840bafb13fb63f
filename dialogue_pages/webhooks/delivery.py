"""Delivering outbox events: signed POSTs, retried with exponential backoff, given up after a limit."""

import datetime
import hashlib
import hmac
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

import orjson
from django.db import transaction
from django.utils import timezone

from ..conf import webhook_backoff_seconds, webhook_max_attempts, webhook_timeout_seconds
from .models import WebhookDelivery

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Dialogue-Signature"


def signature(secret: str, body: bytes) -> str:
    """``sha256=<hex>``: the HMAC-SHA256 of the body with the endpoint's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


def send(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the event; the HTTP status (or None) and an error text ("" on success)."""
    body = orjson.dumps(delivery.outbox_event.payload)
    request = urllib.request.Request(delivery.endpoint.url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "User-Agent": "dialogue-cms-webhooks",
        "X-Dialogue-Event": delivery.outbox_event.event,
        "X-Dialogue-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature(delivery.endpoint.secret, body),
    })
    try:
        with urllib.request.urlopen(request, timeout=webhook_timeout_seconds()) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:500]


def deliver_due(limit: int = 100) -> DeliveryReport:
    """Send every pending delivery whose time has come (oldest first), and record the outcome."""
    report = DeliveryReport()
    now = timezone.now()
    due = (WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now)
           .select_related("endpoint", "outbox_event").order_by("next_attempt_at", "pk")[:limit])
    for delivery in due:
        status, error = send(delivery)
        with transaction.atomic():
            delivery.attempts += 1
            delivery.last_status = status
            delivery.last_error = error
            if status is not None and 200 <= status < 300:
                delivery.state = WebhookDelivery.State.DELIVERED
                delivery.delivered_at = timezone.now()
                report.delivered += 1
            elif delivery.attempts >= webhook_max_attempts():
                delivery.state = WebhookDelivery.State.FAILED
                report.failed += 1
                logger.warning("Webhook delivery %s to %s given up after %s attempts: %s",
                               delivery.pk, delivery.endpoint.url, delivery.attempts, error)
            else:
                delay = webhook_backoff_seconds() * 2 ** (delivery.attempts - 1)
                delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
                report.retried += 1
            delivery.save()
    return report
