"""Response schemas of the dialogue API, as they appear in the OpenAPI document.

Stream fields (``timeline``, ``feedback``, ``body``) are typed in the published document by
``openapi.py``, which turns every block's JSON Schema into a member of a discriminated union.
"""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from dialogue_blocks.shapes import Badge, ContactOut

from ..quality import CHECK_KEYS
from ..status import Status

StatusKey = Literal["planned", "open", "closed", "decided", "cancelled"]
assert set(StatusKey.__args__) == set(Status.values)


class RungRef(Schema):
    """A rung of another ladder that means the same level of influence."""

    ladder_key: str
    ladder: str
    key: str
    label: str


class StatusOut(Schema):
    key: StatusKey
    label: str


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str
    kind: Literal["municipality", "region", "other"]
    website: str


class Place(Schema):
    name: str
    latitude: float | None
    longitude: float | None


class AreaRef(Schema):
    """A district, neighbourhood or other area the dialogue concerns (its outline: ``/dialogues.geojson``)."""

    slug: str
    name: str
    kind: Literal["district", "neighbourhood", "other"]


class NamedRef(Schema):
    slug: str
    name: str


class MethodRef(NamedRef):
    description: str


class ConsultedBodyOut(Schema):
    name: str
    response_url: str


class Hearing(Schema):
    deadline: datetime.date | None
    bodies: list[ConsultedBodyOut]


class Participation(Schema):
    """The participation window: when citizens can give input, and how."""

    opens: datetime.date | None = Field(description="first day of input; the dialogue is open from this day")
    closes: datetime.date | None = Field(description="last day of input; closed (and feedback owed) after it")
    channel: str = Field(description="how to take part, in a few words")
    url: str = Field(description="where to take part online, or empty")
    place: str = Field(description="where to take part in person, or empty")


class Decision(Schema):
    """The decision the dialogue fed into."""

    body: str = Field(description="the deciding body, e.g. the city council")
    date: datetime.date = Field(description="the day of the decision; the dialogue is decided from this day")
    url: str = Field(description="link to the decision or minutes, or empty")
    summary: str


class Cancellation(Schema):
    reason: str


QualityKey = Literal["purpose", "influence", "early", "take_part", "target_groups", "timeline", "feedback", "contact"]
assert QualityKey.__args__ == CHECK_KEYS


class QualityCheck(Schema):
    """One check of the record against the principles of a good dialogue."""

    key: QualityKey
    label: str
    passed: bool
    hint: str = Field(description="what to add to pass, in plain words; empty when passed")


class Quality(Schema):
    """How the record meets the principles of a good dialogue (from its fields, not today's date)."""

    score: int = Field(ge=0, description="number of checks passed")
    of: int = Field(ge=1, description="number of checks")
    checks: list[QualityCheck]


class TranslationLink(Schema):
    id: int
    locale: str
    title: str
    url: str | None


class StreamChild(Schema):
    """One block of a stream field; ``value`` depends on ``type`` (see the block schemas)."""

    type: str
    id: str | None
    value: dict


EXAMPLE_DESCRIPTION = ("true if parts of the record are illustrative (demo or training content), not the organisers' "
                       "own account: show a notice")


class DialogueSummary(Schema):
    """A dialogue as it appears in lists."""

    id: int
    type: str
    locale: str
    title: str
    slug: str
    url: str | None
    path: str | None
    intro: str
    badge: Badge | None
    status: StatusOut
    start: datetime.date | None = Field(description="start of the whole process")
    end: datetime.date | None = Field(description="end of the whole process")
    participation: Participation
    decision: Decision | None
    feedback_owed: bool = Field(description="input has closed, the dialogue is not cancelled, and no feedback is "
                                            "published yet")
    days_since_close: int | None = Field(description="days since input closed, while feedback is owed; else null")
    organisers: list[OrganisationRef]
    place: Place
    areas: list[AreaRef] = Field(description="the districts or neighbourhoods the dialogue concerns")
    tags: list[str]
    target_groups: list[NamedRef]
    methods: list[MethodRef]
    example: bool = Field(False, description=EXAMPLE_DESCRIPTION)
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class DialogueDetail(DialogueSummary):
    """Everything about one dialogue."""

    translation_key: str
    seo_title: str
    search_description: str
    easy_read_summary: str
    purpose: str = Field(description="HTML")
    can_influence: str = Field(description="HTML")
    cannot_influence: str = Field(description="HTML")
    rung_explanation: str
    rung_equivalents: list[RungRef]
    contacts: list[ContactOut]
    cancellation: Cancellation | None = Field(description="set when the status is cancelled: why")
    feedback_plan: str = Field(description="when and how participants hear what became of their input")
    quality: Quality
    legal_basis: str
    hearing: Hearing | None
    timeline: list[StreamChild]
    feedback: list[StreamChild]
    body: list[StreamChild]
    translations: list[TranslationLink]
    extra: dict = Field(description="fields a host's dialogue page type adds (its api_extra_fields)")


class DialogueList(Schema):
    items: list[DialogueSummary]
    next: str | None = Field(description="URL of the next page, or null on the last page")


class RungOut(Schema):
    key: str
    label: str
    position: int
    description: str
    citizen_expectation: str
    colour: str
    equivalents: list[RungRef]


class LadderOut(Schema):
    key: str
    name: str
    description: str
    locale: str
    rungs: list[RungOut]


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    website: str
    locale: str
    dialogues: int = Field(description="number of public dialogues organised")


class TagOut(Schema):
    key: str
    label: str
    count: int


class InvalidParam(Schema):
    parameter: str
    message: str


class Problem(Schema):
    """An RFC 9457 problem document (``application/problem+json``)."""

    type: str = Field(description="always about:blank: the status and title say what went wrong")
    title: str
    status: int
    detail: str
    parameter: str | None = Field(None, description="the query parameter at fault, if one is")
    invalid_params: list[InvalidParam] | None = Field(None, description="each parameter at fault and why")
