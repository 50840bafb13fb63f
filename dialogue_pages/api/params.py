"""Query parameters of the list endpoint, validated before any query runs."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .schemas import StatusKey

Ordering = Literal["-start", "start", "-updated", "title"]


class DialogueFilters(Schema):
    """Filters, ordering and pagination of ``GET /dialogues/``."""

    organisation: str | None = Field(None, max_length=100, description="organisation key (slug)")
    rung: str | None = Field(None, max_length=50, description="rung key, e.g. 'dialog' or 'consult'")
    ladder: str | None = Field(None, max_length=50, description="ladder key, e.g. 'skr' or 'iap2'")
    status: StatusKey | None = None
    tag: str | None = Field(None, max_length=100)
    target_group: str | None = Field(None, max_length=100, description="target group key (slug)")
    method: str | None = Field(None, max_length=100, description="method key (slug)")
    year: int | None = Field(None, ge=1900, le=2200, description="dialogues running at some time in this year")
    locale: str | None = Field(None, max_length=20, description="language code: da, sv or en")
    updated_since: datetime.datetime | None = Field(None, description="ISO 8601 date-time")
    feedback_owed: bool | None = None
    ordering: Ordering = "-start"
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=500)
