"""Webhooks: events land in the outbox with the change, and are delivered signed, retried and logged."""

import datetime
import hashlib
import hmac
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.webhooks.delivery import deliver_due
from dialogue_pages.webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint, WebhookEvent

ITEM = {"theme": "Lys", "you_said": "Mørkt.", "we_did": "Lamper.", "outcome": "adopted", "reason": ""}


class Receiver:
    """A local HTTP receiver that fails its first ``failures`` requests, then accepts."""

    def __init__(self, failures: int = 0) -> None:
        self.failures, self.received = failures, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                failing = receiver.failures > 0
                receiver.failures -= 1
                self.send_response(503 if failing else 204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    started = Receiver()
    yield started
    started.close()


@pytest.fixture
def endpoint(receiver, db):
    return WebhookEndpoint.objects.create(name="Kommunens website", url=receiver.url, secret="hemmelig")


def test_publishing_writes_events_and_deliveries_in_the_same_transaction(endpoint, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index, feedback=[("item", ITEM)],
                               decision_date=datetime.date(2024, 8, 1), decision_body="Byrådet")
    with transaction.atomic():
        page.save_revision().publish()
        events = set(OutboxEvent.objects.values_list("event", flat=True))
        assert events == {WebhookEvent.PUBLISHED, WebhookEvent.FEEDBACK_PUBLISHED, WebhookEvent.DECISION_RECORDED}
        assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 3
        transaction.set_rollback(True)  # a change that does not commit leaves no event behind
    assert not OutboxEvent.objects.exists() and not WebhookDelivery.objects.exists()


def test_a_republish_tells_only_what_is_new(endpoint, dialogue_index, publish):
    page = publish(DialoguePageFactory(parent=dialogue_index, feedback=[("item", ITEM)]))
    OutboxEvent.objects.all().delete()
    page.intro = "Ny tekst."
    publish(page)
    assert list(OutboxEvent.objects.values_list("event", flat=True)) == [WebhookEvent.PUBLISHED]
    with transaction.atomic():
        page.unpublish()
    assert OutboxEvent.objects.filter(event=WebhookEvent.UNPUBLISHED, page_id=page.pk).exists()


def test_endpoints_get_only_the_events_they_subscribe_to(receiver, dialogue_index, publish):
    WebhookEndpoint.objects.create(name="Kun afgørelser", url=receiver.url, secret="s",
                                   events=[WebhookEvent.DECISION_RECORDED])
    WebhookEndpoint.objects.create(name="Slukket", url=receiver.url, secret="s", is_active=False)
    publish(DialoguePageFactory(parent=dialogue_index))
    assert not WebhookDelivery.objects.exists()


def test_delivery_is_signed_with_hmac_sha256(endpoint, receiver, dialogue_index, publish):
    page = publish(DialoguePageFactory(parent=dialogue_index, title="Stier i parken"))
    report = deliver_due()
    assert report.delivered == 1
    headers, body = receiver.received[0]
    expected = "sha256=" + hmac.new(b"hemmelig", body, hashlib.sha256).hexdigest()
    assert headers["X-Dialogue-Signature"] == expected
    assert headers["X-Dialogue-Event"] == "dialogue.published"
    payload = json.loads(body)
    assert payload["id"] == page.pk and payload["title"] == "Stier i parken"
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "delivered" and delivery.last_status == 204 and delivery.attempts == 1


def test_a_failing_receiver_is_retried_with_backoff_until_it_recovers(endpoint, receiver, dialogue_index, publish,
                                                                       settings):
    settings.DIALOGUE_WEBHOOK_BACKOFF_SECONDS = 60
    receiver.failures = 2
    publish(DialoguePageFactory(parent=dialogue_index))
    start = datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)
    WebhookDelivery.objects.update(next_attempt_at=start)
    with time_machine.travel(start, tick=False):
        assert deliver_due().retried == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=60) and delivery.last_status == 503
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert deliver_due().retried == 0  # not due yet
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert deliver_due().retried == 1
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=61 + 120)
    with time_machine.travel(start + datetime.timedelta(seconds=200), tick=False):
        assert deliver_due().delivered == 1
    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.attempts == 3 and len(receiver.received) == 3


def test_deliveries_are_given_up_after_the_configured_attempts(endpoint, dialogue_index, publish, settings):
    settings.DIALOGUE_WEBHOOK_MAX_ATTEMPTS = 2
    settings.DIALOGUE_WEBHOOK_BACKOFF_SECONDS = 0
    endpoint.url = "http://127.0.0.1:9/unreachable"
    endpoint.save()
    publish(DialoguePageFactory(parent=dialogue_index))
    deliver_due()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == 2 and delivery.last_error


def test_the_command_delivers_once_or_in_a_loop(endpoint, receiver, dialogue_index, publish):
    publish(DialoguePageFactory(parent=dialogue_index))
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    assert "1 delivered" in out.getvalue()
    publish(DialoguePageFactory(parent=dialogue_index))
    call_command("deliver_webhooks", "--loop", "--rounds", "2", "--interval", "0", stdout=out)
    assert len(receiver.received) == 2


def test_site_admins_manage_endpoints_and_read_the_log(client, django_user_model, endpoint):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    add = client.get(reverse("wagtailsnippets_dialogue_pages_webhookendpoint:add"))
    assert add.status_code == 200 and 'type="checkbox"' in add.content.decode()
    log = client.get(reverse("wagtailsnippets_dialogue_pages_webhookdelivery:list"))
    assert log.status_code == 200


def test_an_endpoint_is_added_with_its_events_as_checkboxes(client, django_user_model, db):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post(reverse("wagtailsnippets_dialogue_pages_webhookendpoint:add"), {
        "name": "Website", "url": "https://kommune.example.org/hooks", "secret": "s3cret",
        "events": ["feedback.published", "decision.recorded"], "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert WebhookEndpoint.objects.get().events == ["feedback.published", "decision.recorded"]
