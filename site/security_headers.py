"""Security headers of the bundled site: Content-Security-Policy (django-csp) and Permissions-Policy.

The policy itself is in settings (``CONTENT_SECURITY_POLICY``); this module adapts it per area.
"""

from collections.abc import Callable

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Wagtail's admin renders inline scripts of its own (date pickers, inline panels) that carry no
# nonce, so the admin, and the page preview inside it, runs them; the public site and the API do not.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_POLICY_REPLACE = {"script-src": [SELF, UNSAFE_INLINE]}
# The admin's dashboard asks releases.wagtail.org whether a newer Wagtail exists.
ADMIN_POLICY_UPDATE = {"connect-src": ["https://releases.wagtail.org"]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy relaxed for Wagtail's inline scripts only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PATH_PREFIXES):
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Add the ``Permissions-Policy`` header of ``PERMISSIONS_POLICY`` (a header value) to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
