"""Webhook endpoints (managed by site admins), the outbox of events and their deliveries."""

from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """What a receiver can subscribe to."""

    PUBLISHED = "dialogue.published", _("A dialogue was published or updated")
    UNPUBLISHED = "dialogue.unpublished", _("A dialogue was unpublished")
    FEEDBACK_PUBLISHED = "feedback.published", _("Feedback (\"you said, we did\") was first published")
    DECISION_RECORDED = "decision.recorded", _("A decision was recorded")


def all_events() -> list[str]:
    return list(WebhookEvent.values)


class WebhookEndpoint(models.Model):
    """A URL that receives signed POSTs when dialogues change."""

    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. 'Municipal website'."))
    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("Receives a POST with a JSON body for every event it subscribes to."),
    )
    secret = models.CharField(
        _("secret"), max_length=200,
        help_text=_("Shared with the receiver, who checks the X-Dialogue-Signature header with it (HMAC-SHA256)."),
    )
    events = models.JSONField(_("events"), default=all_events, help_text=_("The events this endpoint receives."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutboxEvent(models.Model):
    """One event, written in the transaction of the change that caused it."""

    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    page_id = models.IntegerField(db_index=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook event")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event} #{self.page_id}"


class WebhookDelivery(models.Model):
    """The delivery of one event to one endpoint, with its attempts."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    outbox_event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]
        # The log is written by the delivery worker, never by hand.
        default_permissions = ("view",)
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.outbox_event} → {self.endpoint}: {self.state}"
