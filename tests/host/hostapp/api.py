"""The host's own endpoints beside the dialogue API: ``GET /api/v1/council/decisions/`` and one decision by id."""

import orjson
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from dialogue_pages.api.responses import ProblemError, json_response
from dialogue_pages.api.schemas import Problem

from .models import CouncilDialoguePage

router = Router(tags=["council"])


class CouncilDecision(Schema):
    id: int
    title: str
    council_decision_url: str


def decision_of(page: CouncilDialoguePage) -> dict:
    return {"id": page.pk, "title": page.title, "council_decision_url": page.council_decision_url}


def decided():
    return CouncilDialoguePage.objects.live().public().exclude(council_decision_url="").order_by("pk")


@router.get("/decisions/", response={200: list[CouncilDecision]}, summary="Council decisions")
def decisions(request: HttpRequest) -> HttpResponse:
    """Public council dialogues that link to their council decision."""
    return json_response(request, orjson.dumps([decision_of(page) for page in decided()]))


@router.get("/decisions/{int:page_id}/", response={200: CouncilDecision, 404: Problem}, summary="Council decision")
def decision(request: HttpRequest, page_id: int) -> HttpResponse:
    page = decided().filter(pk=page_id).first()
    if page is None:
        raise ProblemError(404, "Not found", "No public council dialogue has this id.")
    return json_response(request, orjson.dumps(decision_of(page)))
