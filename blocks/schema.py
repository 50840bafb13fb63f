"""Tiny helpers to write the JSON Schemas of block representations."""

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
NULLABLE_STRING: Schema = {"type": ["string", "null"]}
INTEGER: Schema = {"type": "integer"}
NULLABLE_INTEGER: Schema = {"type": ["integer", "null"]}
DATE: Schema = {"type": ["string", "null"], "format": "date"}


def obj(properties: dict[str, Schema], nullable: bool = False, title: str = "") -> Schema:
    """An object schema in which every listed property is required and no other is allowed."""
    schema: Schema = {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if title:
        schema["title"] = title
    return schema


def array_of(items: Schema) -> Schema:
    """An array schema whose items follow ``items``."""
    return {"type": "array", "items": items}


def enum(values: list[str]) -> Schema:
    """A string schema restricted to ``values``."""
    return {"type": "string", "enum": values}
