"""Headless preview: signed, expiring tokens that show one draft revision of a dialogue as API JSON.

A token names a page and one of its revisions and is signed with the site's secret key, so it
cannot be altered to reach another draft; it expires after ``DIALOGUE_PREVIEW_TOKEN_SECONDS``.
"""

from typing import Any

from django.core import signing
from wagtail.models import Revision

from .conf import preview_token_seconds, preview_url
from .pages import DialoguePageBase
from .serializers import dialogue_representation

SALT = "dialogue_pages.preview"


class PreviewNotFound(Exception):
    """The token is valid, but its page or revision no longer exists."""


def make_token(page_id: int, revision_id: int) -> str:
    """A signed token for one revision of one page."""
    return signing.dumps({"page": page_id, "revision": revision_id}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, int]:
    """The page and revision of a token; raises ``signing.SignatureExpired`` or ``signing.BadSignature``."""
    data = signing.loads(token, salt=SALT, max_age=preview_token_seconds())
    if not isinstance(data, dict) or not isinstance(data.get("page"), int) or not isinstance(data.get("revision"), int):
        raise signing.BadSignature("malformed preview token")
    return data["page"], data["revision"]


def draft_representation(page_id: int, revision_id: int) -> dict[str, Any]:
    """The detail JSON of the revision, as it would read if published now."""
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
    if revision is None:
        raise PreviewNotFound
    page = revision.as_object()
    if not isinstance(page, DialoguePageBase):
        raise PreviewNotFound
    return dialogue_representation(page, [])


def host_preview_url(token: str) -> str:
    """Where the municipal website previews a token (``DIALOGUE_PREVIEW_URL``), or "" when not set."""
    template = preview_url()
    return template.replace("{token}", token) if template else ""
