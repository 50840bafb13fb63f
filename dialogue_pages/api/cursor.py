"""Opaque keyset cursors for stable pagination of dialogue lists."""

import base64
import binascii
from typing import Any

import orjson

from .problems import ProblemError


def encode_cursor(ordering: str, values: list[Any]) -> str:
    """Encode the ordering and the sort key of the last item shown."""
    raw = orjson.dumps([ordering, *values])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: str, length: int) -> list[Any]:
    """Decode a cursor made by ``encode_cursor`` for the same ordering, or raise a 400 problem."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeEncodeError, orjson.JSONDecodeError):
        data = None
    if not isinstance(data, list) or len(data) != length + 1 or data[0] != ordering:
        raise ProblemError(
            400, "Invalid cursor", "The cursor is malformed or was made for another ordering; "
            "start again without a cursor and follow the 'next' links.",
            parameter="cursor",
        )
    return data[1:]
