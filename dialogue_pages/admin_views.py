"""Admin views of the dialogue app: the headless preview link."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page

from .conf import preview_token_seconds
from .pages import DialoguePageBase
from .preview import host_preview_url, make_token


def headless_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    """Links to the latest revision of a dialogue on the municipal website and as API JSON."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, DialoguePageBase) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.latest_revision
    token = make_token(page.pk, revision.pk) if revision else ""
    context = {
        "page": page,
        "revision": revision,
        "host_url": host_preview_url(token) if token else "",
        "api_url": request.build_absolute_uri(reverse("dialogue_api:preview", args=[token])) if token else "",
        "minutes": preview_token_seconds() // 60,
    }
    response = TemplateResponse(request, "dialogue_pages/admin/headless_preview.html", context)
    response["Cache-Control"] = "no-store, private"
    return response


class HeadlessPreviewMenuItem(ActionMenuItem):
    """"Preview on the municipal website" in a dialogue's editor."""

    label = _("Preview on the municipal website")
    name = "action-headless-preview"
    icon_name = "view"
    order = 60

    def is_shown(self, context) -> bool:
        return context.get("view") == "edit" and isinstance(context.get("page"), DialoguePageBase)

    def get_url(self, context) -> str:
        return reverse("dialogue_headless_preview", args=[context["page"].pk])
