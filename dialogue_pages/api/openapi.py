"""The OpenAPI document: every StreamField block gets its own schema in a discriminated union.

The union is built from the blocks of the dialogue page types at the time the document is
generated, so blocks a host site adds join it without any change here.
"""

import copy
from typing import Any

from django.apps import apps
from ninja import NinjaAPI

from .responses import PROBLEM_CONTENT_TYPE

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


PROBLEM_REF = "#/components/schemas/Problem"
# Problems any operation may answer, whatever its own code raises.
COMMON_PROBLEMS = {
    # UrlGuardMiddleware: a control character anywhere in the query string.
    "400": "Bad request: a parameter has a value that cannot be used",
    "503": "Service unavailable: the database does not answer; retry after Retry-After seconds",
}
PARAMETER_PROBLEMS = {"422": "Invalid parameters: a parameter does not match its schema"}
PATH_PROBLEMS = {"404": "Not found: nothing public has this address"}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}}


def problem_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Document every error response of every operation as ``application/problem+json`` with the Problem schema."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = {str(code): response for code, response in operation.get("responses", {}).items()}
            operation["responses"] = responses
            parameters = operation.get("parameters", [])
            expected = dict(COMMON_PROBLEMS)
            if parameters:
                expected.update(PARAMETER_PROBLEMS)
            if any(parameter.get("in") == "path" for parameter in parameters):
                expected.update(PATH_PROBLEMS)
            for code, description in expected.items():
                responses.setdefault(code, {"description": description})
            for code, response in responses.items():
                if code.isdigit() and int(code) >= 400:
                    response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
                    if code in ("429", "503"):
                        response["headers"] = dict(RETRY_AFTER)
    return document


class DialogueOpenAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document types every block of the stream fields and every problem response.

    ``built`` turns true once its URLs or its OpenAPI document are made: from then on the set of
    routers is fixed (``dialogue_pages.api.extensions.add_router`` refuses new ones).
    """

    built = False

    @property
    def urls(self):
        self.built = True
        return super().urls

    def get_openapi_schema(self, *args, **kwargs):
        self.built = True
        return problem_responses(add_block_union(super().get_openapi_schema(*args, **kwargs)))


def file_response(description: str, *media_types: str, schema: dict | None = None) -> dict:
    """``openapi_extra`` for a route whose 200 is a file (a feed, a calendar, an export, GeoJSON), not JSON."""
    content = {media_type: {"schema": schema or {"type": "string"}} for media_type in media_types}
    return {"responses": {200: {"description": description, "content": content}}}
