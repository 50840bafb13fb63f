"""The import form of blocks: archives give block values as the API shows them.

A block turns its API form back into its stored (raw) form with ``from_api_representation(value,
context)``, the reverse of its ``get_api_representation``. Blocks without one, a host's included,
are read by their structure: a struct block child by child, a list block item by item, and any
other block takes the API value as it is; so a host block whose API form mirrors its children
imports without any code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail import blocks


@dataclass(frozen=True)
class ImportContext:
    """What a block needs to read the references in its API form.

    ``find_rung`` gives the id of the rung an API badge names (``ladder_key`` and ``key``) in the
    line's locale, None for no badge, and raises ``ValidationError`` for an unknown rung.
    """

    locale: str
    find_rung: Callable[[dict[str, Any] | None], int | None]


def as_dict(value: Any) -> dict[str, Any]:
    """An API form that should be an object, or an empty one (the block's validation then says what is missing)."""
    return value if isinstance(value, dict) else {}


def from_api(block: blocks.Block, value: Any, context: ImportContext) -> Any:
    """The raw (stored) form of ``value``, the API form of ``block``."""
    reverse = getattr(block, "from_api_representation", None)
    if reverse is not None:
        return reverse(value, context)
    if isinstance(block, blocks.StructBlock):
        value = as_dict(value)
        return {name: from_api(child, value[name], context) for name, child in block.child_blocks.items()
                if name in value}
    if isinstance(block, blocks.ListBlock):
        return [from_api(block.child_block, item, context) for item in value or []]
    return value
