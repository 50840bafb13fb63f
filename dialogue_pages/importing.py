"""Reading and validating dialogue archives (JSON Lines in the API's detail shape).

Every line is checked before anything is written: JSON syntax, the JSON Schema of a line,
references to ladders and rungs, and each block through the block's own ``clean``. Errors
name the line and the field at fault.
"""

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail.blocks import StreamBlockValidationError

from dialogue_blocks.choosers import chosen_memo
from dialogue_blocks.import_form import ImportContext, from_api

from .ladders import ParticipationRung
from .pages import DialoguePage

SCHEMA_PATH = Path(__file__).parent / "schemas" / "import-dialogue.schema.json"
STREAM_FIELDS = ("timeline", "feedback", "body")


@cache
def line_validator():
    """The compiled validator of the line schema (jsonschema-rs: a valid line costs microseconds)."""
    return jsonschema_rs.validator_for(json.loads(SCHEMA_PATH.read_text()))


@dataclass
class LineError:
    """A problem with one line: where (line number, field path) and what."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"line {self.line}: {where}{self.message}"


@dataclass
class ImportLine:
    """A valid line, with its references resolved and its stream fields in raw block form."""

    line: int
    data: dict[str, Any]
    locale: str
    rung_id: int | None
    streams: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (type, cleaned value, id) per stream field; contact blocks have None until the writer resolves them
    blocks: dict[str, list[tuple[str, Any, str | None]]] = field(default_factory=dict)

    @property
    def external_id(self) -> str:
        return self.data["external_id"]

    @property
    def slug(self) -> str:
        return self.data.get("slug") or slugify(self.data["title"], allow_unicode=True)[:255] or "dialog"


class RungIndex:
    """Rung ids by (locale, ladder key, rung key), loaded once."""

    def __init__(self) -> None:
        self.ids = {
            (language, ladder_key, key): pk
            for pk, language, ladder_key, key in ParticipationRung.objects.values_list(
                "pk", "locale__language_code", "ladder__key", "key"
            )
        }

    def find(self, locale: str, reference: dict[str, Any] | None) -> int | None:
        if not reference:
            return None
        rung_id = self.ids.get((locale, reference.get("ladder_key"), reference.get("key")))
        if rung_id is None:
            raise ValidationError(
                f"unknown rung '{reference.get('key')}' on ladder '{reference.get('ladder_key')}' in locale '{locale}'"
            )
        return rung_id


def path_of(error) -> str:
    return ".".join(str(part) for part in error.instance_path)


def check_streams(item: ImportLine, raw: dict[str, Any], rungs: RungIndex) -> list[LineError]:
    """Convert and validate the stream fields of a line with the blocks' own validation.

    The cleaned block values are kept on the line (``item.blocks``), so the writer needs no second
    conversion. Contact blocks are validated by the writer, which creates their contacts.
    """
    errors = []
    context = ImportContext(locale=item.locale, find_rung=lambda reference: rungs.find(item.locale, reference))
    for name in STREAM_FIELDS:
        stream_block = DialoguePage._meta.get_field(name).stream_block
        children = []
        for position, child in enumerate(raw.get(name) or []):
            kind = child["type"]
            where = f"{name}.{position}"
            if kind not in stream_block.child_blocks:
                errors.append(LineError(item.line, f"{where}.type", f"unknown block type '{kind}'"))
                continue
            try:
                value = from_api(stream_block.child_blocks[kind], child["value"], context)
            except ValidationError as error:
                errors.append(LineError(item.line, f"{where}.value.rung", error.messages[0]))
                continue
            children.append({"type": kind, "value": value, "id": child.get("id")})
        item.streams[name] = children
        positions = [position for position, child in enumerate(children) if child["type"] != "contact"]
        try:
            cleaned = stream_block.clean(stream_block.to_python([children[position] for position in positions]))
        except StreamBlockValidationError as error:
            errors += stream_errors(item.line, name, error, positions)
            continue
        except (ValidationError, ValueError, TypeError) as error:
            errors.append(LineError(item.line, name, str(error)))
            continue
        blocks: list[tuple[str, Any, str | None]] = [(child["type"], None, child["id"]) for child in children]
        for position, block in zip(positions, cleaned, strict=True):
            blocks[position] = (block.block_type, block.value, block.id)
        item.blocks[name] = blocks
    return errors


def stream_errors(line: int, name: str, error: StreamBlockValidationError, positions: list[int]) -> list[LineError]:
    """Line errors of a stream's validation error; ``positions`` map the checked blocks to the line's."""
    errors = []
    for index, block_error in (error.block_errors or {}).items():
        where = f"{name}.{positions[index]}"
        detail = getattr(block_error, "block_errors", None) or {}
        for field_name, field_error in (detail.items() if isinstance(detail, dict) else []):
            message = " ".join(getattr(field_error, "messages", [str(field_error)]))
            errors.append(LineError(line, f"{where}.value.{field_name}", message))
        if not detail:
            errors.append(LineError(line, where, " ".join(block_error.messages)))
    for non_block in error.non_block_errors or []:
        errors.append(LineError(line, name, " ".join(non_block.messages)))
    return errors


DATE_MEMBERS = {
    "start": ("start",), "end": ("end",), "participation.opens": ("participation", "opens"),
    "participation.closes": ("participation", "closes"), "decision.date": ("decision", "date"),
}


def check_dates(item: ImportLine) -> list[LineError]:
    """Dates that must parse, and pairs that must come in order (as the editor's form checks them)."""
    errors = []
    parsed = {}
    for name, keys in DATE_MEMBERS.items():
        value = item.data
        for key in keys:
            value = (value or {}).get(key) if isinstance(value, dict | None) else None
        if value:
            try:
                parsed[name] = datetime.date.fromisoformat(value)
            except ValueError:
                errors.append(LineError(item.line, name, f"'{value}' is not a valid date (YYYY-MM-DD)"))
    in_order = [("start", "end", "the end date is before the start date"),
                ("participation.opens", "participation.closes", "input closes before it opens"),
                ("participation.opens", "decision.date", "the decision is dated before input opens")]
    for first, second, message in in_order:
        if first in parsed and second in parsed and parsed[second] < parsed[first]:
            errors.append(LineError(item.line, second, message))
    if "participation.closes" in parsed and "participation.opens" not in parsed:
        errors.append(LineError(item.line, "participation.opens", "give the day input opens too"))
    if item.data.get("badge") and not (item.data.get("rung_explanation") or "").strip():
        errors.append(LineError(item.line, "rung_explanation", "a rung needs an explanation of why this level"))
    return errors


class LineReader:
    """Checks lines one by one (``merge_parts`` finds external ids used twice)."""

    def __init__(self, default_locale: str, allowed_locales: list[str]) -> None:
        self.default_locale = default_locale
        self.allowed_locales = allowed_locales
        self.rungs = RungIndex()

    def check(self, number: int, text: str) -> tuple[ImportLine | None, list[LineError]]:
        """The valid line, or None and what is wrong with it."""
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            return None, [LineError(number, "", f"not valid JSON ({error.msg} at column {error.colno})")]
        if not line_validator().is_valid(data):
            schema_errors = sorted(line_validator().iter_errors(data),
                                   key=lambda error: [str(part) for part in error.instance_path])
            return None, [LineError(number, path_of(error), error.message) for error in schema_errors[:5]]
        locale = data.get("locale") or self.default_locale
        if locale not in self.allowed_locales:
            return None, [LineError(number, "locale", f"'{locale}' is not one of {', '.join(self.allowed_locales)}")]
        try:
            rung_id = self.rungs.find(locale, data.get("badge"))
        except ValidationError as error:
            return None, [LineError(number, "badge.key", error.messages[0])]
        item = ImportLine(line=number, data=data, locale=locale, rung_id=rung_id)
        line_errors = check_dates(item) + check_streams(item, data, self.rungs)
        return (None, line_errors) if line_errors else (item, [])


@dataclass(frozen=True)
class ValidLine:
    """What the second reading and the duplicate check need to know of a valid line."""

    number: int
    external_id: str
    locale: str


@dataclass
class CheckedArchive:
    """What a first reading of an archive (or of a part of it) found: the valid lines and every error."""

    lines: list[ValidLine] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def valid(self) -> list[int]:
        return [line.number for line in self.lines]

    @property
    def locales(self) -> set[str]:
        return {line.locale for line in self.lines}

    @property
    def bad_lines(self) -> int:
        return len({error.line for error in self.errors})


def check_part(lines: Iterable[tuple[int, str]], default_locale: str, allowed_locales: list[str]) -> CheckedArchive:
    """Parse and validate numbered lines of an archive, keeping only what ``CheckedArchive`` holds."""
    reader = LineReader(default_locale, allowed_locales)
    checked = CheckedArchive()
    with chosen_memo():  # the rungs of timeline phases are looked up once for the whole part
        for number, text in lines:
            if not text.strip():
                continue
            item, line_errors = reader.check(number, text)
            checked.errors += line_errors
            if item is not None:
                checked.lines.append(ValidLine(number, item.external_id, item.locale))
    return checked


def merge_parts(parts: Iterable[CheckedArchive]) -> CheckedArchive:
    """The check of a whole archive from those of its parts, in line order.

    A line whose external id an earlier valid line has is an error: each line must stay one dialogue.
    """
    merged = CheckedArchive()
    first_line: dict[str, int] = {}
    for part in parts:
        merged.errors += part.errors
        for line in part.lines:
            if line.external_id in first_line:
                merged.errors.append(
                    LineError(line.number, "external_id", f"also used on line {first_line[line.external_id]}"))
            else:
                first_line[line.external_id] = line.number
                merged.lines.append(line)
    merged.errors.sort(key=lambda error: error.line)
    return merged
