"""The search document of a dialogue, derived from its stored API representation.

Nothing here reads a page: the text comes from the representation the read model stores (the
one serializer), the filter fields from the read-model row. Fields are grouped by how much a
match in them counts: title > intro (and easy-read summary) > purpose (and feedback) > body.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import orjson

from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.writer import facets_of
from dialogue_pages.status import NEVER

FACET_KINDS = ("organisation", "tag", "target_group", "area")
# Machine values inside block representations: never text a citizen would search for.
NOT_TEXT = {
    "id", "type", "url", "date", "precision", "period_start", "period_end", "status", "colour", "outcome",
    "file_extension", "document_id", "email", "phone", "renditions", "width", "height", "ladder_key", "key",
    "position", "of", "latitude", "longitude", "slug", "website", "kind", "response_url",
}


@dataclass
class DialogueDocument:
    """Everything a backend indexes for one public dialogue."""

    page_id: int
    locale: str
    title: str
    intro: str
    purpose: str
    body: str
    rung_key: str = ""
    rung_label: str = ""
    ladder_key: str = ""
    cancelled: bool = False
    open_from: datetime.date = NEVER
    closed_from: datetime.date = NEVER
    decided_from: datetime.date = NEVER
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    has_feedback: bool = False
    sort_start: datetime.date | None = None
    expire_at: datetime.datetime | None = None
    # (kind, key, label) of organisations, tags, target groups and areas
    facets: list[tuple[str, str, str]] = field(default_factory=list)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        self.parts.append(" ")  # "<p>a</p><p>b</p>" is two words, not "ab"

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment, entities decoded."""
    if "<" not in html and "&" not in html:
        return html
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def block_texts(value: Any, key: str = "") -> Iterator[str]:
    """The human text inside a block's API value (any block, including those a host adds)."""
    if isinstance(value, str):
        if key not in NOT_TEXT and value and not value.startswith(("http://", "https://", "/")):
            yield html_to_text(value) if key == "html" else value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            if child_key not in NOT_TEXT:
                yield from block_texts(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from block_texts(child, key)


def stream_text(children: Iterable[dict[str, Any]]) -> str:
    return "\n".join(text for child in children for text in block_texts(child.get("value")))


def join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def document_from(representation: dict[str, Any], row: PublishedDialogue) -> DialogueDocument:
    """The search document of a read-model row and its representation."""
    names = [org["name"] for org in representation.get("organisers", [])]
    names += [group["name"] for group in representation.get("target_groups", [])]
    names += [method["name"] for method in representation.get("methods", [])]
    badge = representation.get("badge") or {}
    place = (representation.get("place") or {}).get("name") or ""
    return DialogueDocument(
        page_id=row.page_id,
        locale=row.locale,
        title=representation.get("title") or row.title,
        intro=join(representation.get("intro", ""), representation.get("easy_read_summary", "")),
        purpose=join(
            html_to_text(representation.get("purpose", "")),
            html_to_text(representation.get("can_influence", "")),
            html_to_text(representation.get("cannot_influence", "")),
            representation.get("rung_explanation", ""),
            stream_text(representation.get("feedback", [])),
        ),
        body=join(
            stream_text(representation.get("body", [])),
            stream_text(representation.get("timeline", [])),
            place, " ".join(names), " ".join(representation.get("tags", [])),
            representation.get("legal_basis", ""), representation.get("search_description", ""),
        ),
        rung_key=row.rung_key,
        rung_label=badge.get("label", ""),
        ladder_key=row.ladder_key,
        cancelled=row.cancelled,
        open_from=row.open_from,
        closed_from=row.closed_from,
        decided_from=row.decided_from,
        date_from=row.date_from,
        date_to=row.date_to,
        has_feedback=row.has_feedback,
        sort_start=row.sort_start,
        expire_at=row.expire_at,
        facets=[facet for facet in facets_of(representation) if facet[0] in FACET_KINDS],
    )


def document_of_row(row: PublishedDialogue) -> DialogueDocument:
    """The search document of a stored row (for reindexing)."""
    return document_from(orjson.loads(bytes(row.detail)), row)
