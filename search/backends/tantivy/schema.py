"""The Tantivy schema, and the analysers that turn a dialogue's text into its tokens.

Text is analysed in Python by ``search.analysis`` and handed to Tantivy pre-tokenised, so the
index holds exactly the stems and folded forms that queries are built from (``queries.py``):
Tantivy's own filters cannot fold "å" to "aa" for Danish while also folding "ø" to "o", and
have no decompounder. Fields per purpose:

- ``title``, ``intro``, ``purpose``, ``body``: Snowball stems of the dialogue's locale, with
  positions (phrases), scored by BM25 with the field boosts of ``queries.FIELD_BOOSTS``;
- ``ftitle``, ``ftext``: folded forms, both ways (å→aa and å→a, ø→oe and ø→o…) at the stem's
  position, so "aarhus", "osterbro" or "kobenhavn" find what was written with the letters;
- ``parts``: every suffix of every folded word, so that a query word found inside a compound
  ("møde" in "borgermøde") is one prefix look-up in the term dictionary, with no vocabulary to
  keep beside the index;
- ``suggest``/``suggest_start``: folded title words (and the first one) for as-you-type prefixes;
- fast fields for filters, facets and order, and ``texts`` (stored) for snippets.
"""

import datetime
from collections.abc import Iterable

import orjson
import tantivy

from dialogue_pages.status import TRANSITIONS

from ...analysis import fold, stems, strip, word_spans
from ...documents import DialogueDocument

# Part of every generation directory's name: an index written with another schema is never opened.
SCHEMA_VERSION = 1
STEM_FIELDS = ("title", "intro", "purpose", "body")
FOLDED_FIELDS = ("ftitle", "ftext")
# The values of one facet value: "key<US>locale<US>label", so one terms aggregation yields all three.
SEPARATOR = "\x1f"
MULTI_VALUED = ("organisation", "tag", "target_group")
DATE_FIELDS = (*TRANSITIONS, "date_from", "date_to")
# Folded words shorter than MIN_TERM are not looked inside of, and parts shorter than MIN_PART neither
# kept nor looked for: three letters find too much that is no compound (Danish "aarlige" stems to "aar",
# which is inside "gaarden").
MIN_TERM = MIN_PART = 4
# Positions between the texts of ``ftext`` (intro, purpose, body), so no phrase spans two of them.
FIELD_GAP = 100
# ``expire_at`` of dialogues that never expire.
NEVER_EXPIRES = 2**62


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("page_id", stored=True, indexed=True, fast=True)
    # sort_start's ordinal and the page id in one number: newest first, then highest id.
    builder.add_integer_field("rank_key", fast=True)
    for name in ("locale", "rung_key", *MULTI_VALUED):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("rung_labelled", *(f"{kind}_labelled" for kind in MULTI_VALUED)):
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in ("cancelled", "expire_at", *DATE_FIELDS, "year_from", "year_to"):
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in STEM_FIELDS + FOLDED_FIELDS + ("suggest",):
        builder.add_text_field(name, tokenizer_name="raw")
    for name in ("parts", "suggest_start"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("texts", stored=True)
    return builder.build()


def ordinal(value: datetime.date | None) -> int:
    return value.toordinal() if value else 0


def both_folds(word: str) -> list[str]:
    """The folded forms of a word: å→aa and å→a (one if they agree)."""
    folded, stripped = fold(word), strip(word)
    return [folded] if folded == stripped else [folded, stripped]


class Analysed:
    """The tokens of one document's texts."""

    def __init__(self, document: DialogueDocument) -> None:
        self.locale = document.locale
        self.spans = {name: list(word_spans(getattr(document, name))) for name in STEM_FIELDS}
        self.stems = {name: stems([span[2] for span in spans], self.locale) for name, spans in self.spans.items()}
        self.forms: set[str] = set()

    def stemmed(self, name: str) -> tantivy.PreTokenizedString:
        tokens = [tantivy.Token(stem, position, start, end)
                  for position, ((start, end, _word), stem) in enumerate(zip(self.spans[name], self.stems[name],
                                                                             strict=True))]
        return tantivy.PreTokenizedString("", tokens)

    def folded(self, names: Iterable[str]) -> tantivy.PreTokenizedString:
        """Folded stems and words at their positions, the texts of ``names`` one after another."""
        tokens, offset = [], 0
        for name in names:
            for position, ((start, end, word), stem) in enumerate(zip(self.spans[name], self.stems[name],
                                                                      strict=True)):
                forms = dict.fromkeys(both_folds(stem) + both_folds(word))
                self.forms.update(forms)
                tokens.extend(tantivy.Token(form, offset + position, start, end) for form in forms)
            offset += len(self.spans[name]) + FIELD_GAP
        return tantivy.PreTokenizedString("", tokens)

    def parts(self) -> list[str]:
        """Every suffix (of MIN_PART letters or more) of the folded forms seen by ``folded``."""
        return sorted({form[start:] for form in self.forms if len(form) >= MIN_TERM
                       for start in range(len(form) - MIN_PART + 1)})


def suggest_tokens(title: str) -> tuple[tantivy.PreTokenizedString, list[str]]:
    """Folded title words at their positions, and the forms of the first word."""
    tokens, first = [], []
    for position, (start, end, word) in enumerate(word_spans(title)):
        forms = both_folds(word)
        first = first or forms
        tokens.extend(tantivy.Token(form, position, start, end) for form in forms)
    return tantivy.PreTokenizedString("", tokens), first


def to_tantivy(document: DialogueDocument) -> tantivy.Document:
    """The Tantivy document of a search document."""
    result = tantivy.Document()
    result.add_integer("page_id", document.page_id)
    result.add_integer("rank_key", (ordinal(document.sort_start) << 32) + document.page_id)
    result.add_text("locale", document.locale)
    analysed = Analysed(document)
    for name in STEM_FIELDS:
        result.add_pre_tokenized_text(name, analysed.stemmed(name))
    result.add_pre_tokenized_text("ftitle", analysed.folded(["title"]))
    result.add_pre_tokenized_text("ftext", analysed.folded(["intro", "purpose", "body"]))
    result.add_pre_tokenized_text("parts", tantivy.PreTokenizedString(
        "", [tantivy.Token(part, 0, 0, 0) for part in analysed.parts()]))
    suggest, first = suggest_tokens(document.title)
    result.add_pre_tokenized_text("suggest", suggest)
    for form in first:
        result.add_text("suggest_start", form)
    if document.rung_key:
        result.add_text("rung_key", document.rung_key)
        result.add_text("rung_labelled", SEPARATOR.join((document.rung_key, document.locale, document.rung_label)))
    for kind, key, label in dict.fromkeys(document.facets):
        result.add_text(kind, key)
        result.add_text(f"{kind}_labelled", SEPARATOR.join((key, document.locale, label)))
    result.add_integer("cancelled", int(document.cancelled))
    expire_at = document.expire_at
    result.add_integer("expire_at", int(expire_at.timestamp()) if expire_at else NEVER_EXPIRES)
    for name in DATE_FIELDS:
        result.add_integer(name, ordinal(getattr(document, name)))
    result.add_integer("year_from", document.date_from.year if document.date_from else 0)
    result.add_integer("year_to", document.date_to.year if document.date_to else 0)
    result.add_bytes("texts", orjson.dumps([document.locale, document.intro, document.purpose, document.body]))
    return result
