"""Shapes that blocks and the dialogue API share, each defined once: a rung's badge and a contact.

The API's response schemas use these models as they are; a block's JSON Schema embeds them
through ``schema.model_schema``. The dicts themselves are built in one place each:
``ParticipationRung.badge`` and ``people.contact_representation``.
"""

from pydantic import BaseModel, Field


class Badge(BaseModel):
    """Where the dialogue stands on its participation ladder: draw it as text, colour is a hint."""

    ladder: str
    ladder_key: str
    key: str
    label: str
    position: int = Field(ge=1, description="1-based place on the ladder")
    of: int = Field(ge=1, description="number of rungs on the ladder")
    description: str
    citizen_expectation: str
    colour: str = Field(description="hex colour, e.g. #1f6f8b")


class ContactOut(BaseModel):
    """A person citizens can ask about the dialogue."""

    id: int
    name: str
    role: str
    phone: str
    email: str
    organisation: str | None
