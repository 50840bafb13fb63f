"""The OpenAPI document: every StreamField block gets its own schema in a discriminated union.

The union is built from the blocks of the dialogue page types at the time the document is
generated, so blocks a host site adds join it without any change here.
"""

import copy
from typing import Any

from django.apps import apps
from ninja import NinjaAPI

STREAM_FIELDS = ("timeline", "feedback", "body")


def block_component_name(field: str, block_name: str) -> str:
    return "".join(part.capitalize() for part in f"{field}_{block_name}_block".split("_"))


def stream_blocks() -> dict[str, dict[str, Any]]:
    """For each stream field: block name -> block, over every concrete dialogue page type."""
    from ..pages import DialoguePageBase

    found: dict[str, dict[str, Any]] = {field: {} for field in STREAM_FIELDS}
    for model in apps.get_models():
        if not issubclass(model, DialoguePageBase):
            continue
        for field in STREAM_FIELDS:
            found[field].update(model._meta.get_field(field).stream_block.child_blocks)
    return found


def value_schema(block) -> dict[str, Any]:
    """The JSON Schema of a block's API value (a permissive object if the block has none)."""
    schema = getattr(block, "api_schema", None)
    if schema is None:
        return {"type": "object", "description": f"value of the '{block.name}' block (no schema declared)"}
    return copy.deepcopy(schema)


def add_block_union(document: dict[str, Any]) -> dict[str, Any]:
    """Replace the generic stream children of the detail schema with typed, discriminated unions."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    detail = components.get("DialogueDetail")
    if detail is None:
        return document
    for field, blocks in stream_blocks().items():
        refs, mapping = [], {}
        for name, block in sorted(blocks.items()):
            component = block_component_name(field, name)
            components[component] = {
                "title": component,
                "type": "object",
                "properties": {
                    "type": {"type": "string", "const": name},
                    "id": {"type": ["string", "null"]},
                    "value": value_schema(block),
                },
                "required": ["type", "id", "value"],
                "additionalProperties": False,
            }
            ref = f"#/components/schemas/{component}"
            refs.append({"$ref": ref})
            mapping[name] = ref
        detail["properties"][field] = {
            "title": field.capitalize(),
            "type": "array",
            "items": {"oneOf": refs, "discriminator": {"propertyName": "type", "mapping": mapping}},
        }
    components.pop("StreamChild", None)
    return document


class DialogueOpenAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document types every block of the dialogue stream fields."""

    def get_openapi_schema(self, *args, **kwargs):
        return add_block_union(super().get_openapi_schema(*args, **kwargs))
