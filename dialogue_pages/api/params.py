"""Query and path parameters of the API, validated before any query runs.

Every text parameter refuses control characters (PostgreSQL cannot store NUL, and no key or path
contains any) and has a length limit; ``locale`` is one of the configured content languages;
``updated_since`` is an ISO 8601 date or date-time, never a number.
"""

import datetime
import re
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, WithJsonSchema

from ..serializers import content_language_codes
from .schemas import StatusKey

Ordering = Literal["-start", "start", "-updated", "title"]

# Printable text only: C0 control characters and DEL are refused (the URL guard middleware does the
# same for every URL; this keeps the documented schema and hosts without the middleware in line).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


def Text(max_length: int, description: str | None = None) -> Any:  # noqa: N802 (reads like a type)
    """A text parameter of at most ``max_length`` printable characters."""
    return Annotated[str, Field(max_length=max_length, pattern=PRINTABLE, description=description)]


class LocaleChoices:
    """Adds the configured content languages as the enum of a parameter, when the OpenAPI document is made."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["enum"] = content_language_codes()
        return schema


# Checked against the configured languages in the views (``check_locale``), answering 400.
LocaleCode = Annotated[
    str, Field(max_length=20, pattern=PRINTABLE, description="language code of a content locale"), LocaleChoices()
]

ISO_8601 = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?"
)
# Nothing was updated outside these; far years would overflow when moved to UTC.
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)


def iso_datetime(value: Any) -> datetime.datetime:
    """A date or date-time written in ISO 8601; numbers (pydantic would read Unix times) are refused."""
    if isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not ISO_8601.fullmatch(value):
        raise ValueError("use an ISO 8601 date or date-time, e.g. 2024-01-01 or 2024-01-01T10:00:00+02:00")
    parsed = datetime.datetime.fromisoformat(value.upper())
    if parsed.year < EARLIEST.year:
        return EARLIEST
    if parsed.year >= LATEST.year:
        return LATEST
    return parsed


IsoDateTime = Annotated[
    datetime.datetime,
    BeforeValidator(iso_datetime),
    WithJsonSchema({"type": "string", "format": "date-time",
                    "description": "ISO 8601 date-time (or a date: from its midnight), e.g. 2024-01-01T10:00:00Z"}),
]


class DialogueFilters(Schema):
    """Filters, ordering and pagination of ``GET /dialogues/``."""

    organisation: Text(100, "organisation key (slug)") | None = None
    rung: Text(50, "rung key, e.g. 'dialog' or 'consult'") | None = None
    ladder: Text(50, "ladder key, e.g. 'skr' or 'iap2'") | None = None
    status: StatusKey | None = None
    tag: Text(100) | None = None
    target_group: Text(100, "target group key (slug)") | None = None
    method: Text(100, "method key (slug)") | None = None
    area: Text(100, "area key (slug), e.g. 'vesterbro'") | None = None
    year: int | None = Field(None, ge=1900, le=2200, description="dialogues running at some time in this year")
    locale: LocaleCode | None = None
    updated_since: IsoDateTime | None = None
    feedback_owed: bool | None = None
    ordering: Ordering = "-start"
    limit: int = Field(20, ge=1, le=100)
    cursor: Text(500) | None = None
