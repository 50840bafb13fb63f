"""Writing events to the outbox, inside the transaction of the publish or unpublish that causes them.

Receivers of Wagtail's ``page_published`` / ``page_unpublished`` run before that transaction
commits, so the event and its deliveries are committed together with the change or not at all.
The read model still holds the state before the change, which tells what is new.
"""

from typing import Any

from django.utils import timezone
from wagtail.models import Page

from ..pages import DialoguePageBase
from ..read_model.models import PublishedDialogue
from ..status import NEVER
from .models import OutboxEvent, WebhookDelivery, WebhookEndpoint, WebhookEvent


def record(event: WebhookEvent, page: Page, **extra: Any) -> OutboxEvent:
    """Write ``event`` about ``page`` and a pending delivery to every active endpoint subscribed to it."""
    payload = {
        "event": event.value, "id": page.pk, "locale": page.locale.language_code, "title": page.title,
        "url": page.get_full_url(), "api_url": f"/api/v1/dialogues/{page.pk}/",
        "occurred_at": timezone.now().isoformat(), **extra,
    }
    outbox_event = OutboxEvent.objects.create(event=event.value, page_id=page.pk, payload=payload)
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(is_active=True)
                 if event.value in (endpoint.events or [])]
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, outbox_event=outbox_event) for endpoint in endpoints]
    )
    return outbox_event


def on_published(page: DialoguePageBase) -> None:
    """Events of a publish: published, and feedback or a decision that the public has not seen before."""
    before = PublishedDialogue.objects.filter(page_id=page.pk).values("has_feedback", "decided_from").first()
    record(WebhookEvent.PUBLISHED, page)
    if page.has_feedback and not (before and before["has_feedback"]):
        record(WebhookEvent.FEEDBACK_PUBLISHED, page, feedback_items=len(page.feedback_items))
    had_decision = before is not None and before["decided_from"] != NEVER
    if page.decision_date and not had_decision:
        record(WebhookEvent.DECISION_RECORDED, page, decision={
            "body": page.decision_body, "date": page.decision_date.isoformat(), "url": page.decision_url,
        })


def on_unpublished(page: DialoguePageBase) -> None:
    record(WebhookEvent.UNPUBLISHED, page)
