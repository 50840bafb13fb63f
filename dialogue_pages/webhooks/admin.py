"""Admin of webhooks: endpoints (site admins) and the delivery log."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent


class WebhookEndpointForm(WagtailAdminModelForm):
    """Events as checkboxes rather than raw JSON."""

    events = forms.MultipleChoiceField(
        label=_("events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("The events this endpoint receives."),
    )


class WebhookEndpointViewSet(SnippetViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    list_display = ["name", "url", "is_active"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("url"), FieldPanel("secret"), FieldPanel("events"), FieldPanel("is_active")],
        base_form_class=WebhookEndpointForm,
    )


class WebhookDeliveryViewSet(SnippetViewSet):
    """The delivery log: what was sent where, how often, and with what answer."""

    model = WebhookDelivery
    icon = "list-ul"
    list_display = ["outbox_event", "endpoint", "state", "attempts", "last_status", "last_error", "next_attempt_at",
                    "delivered_at"]
    list_filter = ["state", "endpoint"]
    inspect_view_enabled = True


class WebhooksGroup(SnippetViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 260
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
