"""``GET /api/v1/preview/<token>/``: a draft in the detail schema, for the municipal website's preview."""

import orjson
from django.core import signing
from django.http import HttpRequest, HttpResponse
from ninja import Router

from ..preview import PreviewNotFound, draft_representation, read_token
from .params import Text
from .responses import ProblemError
from .schemas import DialogueDetail, Problem

router = Router(tags=["preview"])


@router.get("/{token}/", response={200: DialogueDetail, 400: Problem, 403: Problem, 404: Problem, 410: Problem},
            summary="Preview a draft")
def preview(request: HttpRequest, token: Text(1000, "the signed token from the editor's preview link")) -> HttpResponse:
    """The draft revision a preview token names, in the detail schema. Never cached."""
    try:
        page_id, revision_id = read_token(token)
    except signing.SignatureExpired as error:
        raise ProblemError(410, "Preview link expired", "Ask the editor for a new preview link.") from error
    except signing.BadSignature as error:
        raise ProblemError(403, "Invalid preview token", "The preview token is not valid.") from error
    try:
        data = draft_representation(page_id, revision_id)
    except PreviewNotFound as error:
        raise ProblemError(404, "Not found", "The draft of this preview no longer exists.") from error
    response = HttpResponse(orjson.dumps(data), content_type="application/json")
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
