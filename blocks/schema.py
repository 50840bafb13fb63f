"""Tiny helpers to write the JSON Schemas of block representations."""

import copy
from typing import Any

from pydantic import BaseModel

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
NULLABLE_STRING: Schema = {"type": ["string", "null"]}
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


def model_schema(model: type[BaseModel], nullable: bool = False) -> Schema:
    """The JSON Schema of a flat pydantic model (one of ``shapes``), to embed in a block's schema."""
    schema = copy.deepcopy(model.model_json_schema())
    if nullable:
        schema["type"] = ["object", "null"]
    return schema
