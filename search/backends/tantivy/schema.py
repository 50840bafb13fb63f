"""The Tantivy schema, and the analysers that turn a dialogue's text into its tokens.

Text is analysed in Python by ``dialogue_search.analysis`` and handed to Tantivy as space-separated
tokens (Tantivy's whitespace tokenizer keeps them as they are, one position each), so the index
holds exactly the stems and folded forms that queries are built from (``queries.py``): Tantivy's
own filters cannot fold "å" to "aa" as Danish writes it, and have no decompounder. Fields:

- ``title``, ``intro``, ``purpose``, ``body``: Snowball stems of the dialogue's locale, with
  positions (phrases), scored by BM25 with the field boosts of ``queries.FIELD_BOOSTS``;
- ``ftitle``, ``fintro``, ``fpurpose``, ``fbody``: the stems folded (å→aa, ø→oe, accents
  dropped), weighing less, so "aarhus" finds "Århus" below an exact "Aarhus";
- ``parts``: every suffix of every word, folded both ways (å→aa and å→a, ø→oe and ø→o), so a
  query word inside a compound ("møde" in "borgermøde") or typed without the letters
  ("osterbro", "kobenhavn") is one prefix walk of the term dictionary, with no vocabulary to
  keep beside the index;
- ``suggest``/``suggest_start``: title words (and the first one), folded both ways, for prefixes;
- fast fields for filters, facets and order, and ``texts`` (stored) for snippets.
"""

import datetime
from collections.abc import Iterable

import orjson
import tantivy

from dialogue_pages.status import TRANSITIONS

from ...analysis import fold, fold_all, memo, stems, strip, words
from ...documents import DialogueDocument

# Part of every generation directory's name: an index written with another schema is never opened.
SCHEMA_VERSION = 3
STEM_FIELDS = ("title", "intro", "purpose", "body")
FOLDED_FIELDS = ("ftitle", "fintro", "fpurpose", "fbody")
# Tantivy's tokenizer that splits at white space and changes nothing: the tokens are made here.
TOKENS = "whitespace"
# The values of one facet value: "key<US>locale<US>label", so one terms aggregation yields all three.
SEPARATOR = "\x1f"
MULTI_VALUED = ("organisation", "tag", "target_group", "area")
DATE_FIELDS = (*TRANSITIONS, "date_from", "date_to")
# Parts shorter than MIN_PART are neither kept nor looked for: three letters find too much that is
# no compound (Danish "aarlige" stems to "aar", which is inside "gaarden"). The first part of a
# compound has COMPOUND_HEAD letters or more ("by" in "bymøde").
MIN_PART, COMPOUND_HEAD = 4, 2
# Start dates between these weigh scores by up to 1% (see ``recency``): fine enough for one day apart
# to differ in a 32-bit score, coarse enough never to overturn a field boost.
RECENCY_FROM, RECENCY_UNTIL, RECENCY_SPREAD = datetime.date(2000, 1, 1), datetime.date(2100, 1, 1), 0.03
# ``expire_at`` of dialogues that never expire.
NEVER_EXPIRES = 2**62


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("page_id", stored=True, indexed=True, fast=True)
    # sort_start's ordinal and the page id in one number: newest first, then highest id.
    builder.add_integer_field("rank_key", fast=True)
    # Scores are multiplied by a function of this (Tantivy's ``weight_by_field``): a spread of under 1%,
    # so that equal scores come out newest first from Tantivy's own top-k and seldom tie.
    builder.add_float_field("recency", fast=True)
    for name in ("locale", "rung_key", *MULTI_VALUED):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("rung_labelled", *(f"{kind}_labelled" for kind in MULTI_VALUED)):
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in ("cancelled", "expire_at", *DATE_FIELDS, "year_from", "year_to"):
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in STEM_FIELDS + FOLDED_FIELDS:
        builder.add_text_field(name, tokenizer_name=TOKENS)
    for name in ("parts", "suggest", "suggest_start"):
        builder.add_text_field(name, tokenizer_name=TOKENS, index_option="basic")
    builder.add_bytes_field("texts", stored=True)
    return builder.build()


def ordinal(value: datetime.date | None) -> int:
    return value.toordinal() if value else 0


def recency(start: datetime.date | None) -> float:
    """1 for no date or one before RECENCY_FROM, rising to 1 + RECENCY_SPREAD at RECENCY_UNTIL."""
    if start is None:
        return 1.0
    span = RECENCY_UNTIL.toordinal() - RECENCY_FROM.toordinal()
    share = min(max(start.toordinal() - RECENCY_FROM.toordinal(), 0), span) / span
    return 1.0 + RECENCY_SPREAD * share


def both_folds(word: str) -> tuple[str, ...]:
    """The folded forms of a word: å→aa and å→a (one if they agree)."""
    known = memo("both_folds")
    if word not in known:
        folded, stripped = fold(word), strip(word)
        known[word] = (folded,) if folded == stripped else (folded, stripped)
    return known[word]


def parts_of(words: Iterable[str]) -> set[str]:
    """The terms a query word is looked for in by prefix (``queries.item_query``), for compounds and spellings.

    Each word folded both ways (å→aa and å→a, so "osterbro" and "aarlige" find "Østerbro"
    and "årlige"), and its suffixes from the third letter on of MIN_PART letters or more: a part
    inside a compound starts there ("møde" in "borgermøde", "havn" in "lystbådehavnen").
    """
    words = set(words)
    known = memo("parts")  # a word's parts, computed once per process (texts share most words)
    for word in words.difference(known):
        known[word] = word_parts(word)
    return set().union(*map(known.__getitem__, words))


def word_parts(word: str) -> tuple[str, ...]:
    """The parts of one word (see ``parts_of``)."""
    parts: list[str] = []
    for form in both_folds(word):
        parts.append(form)
        parts.extend(form[start:] for start in range(COMPOUND_HEAD, len(form) - MIN_PART + 1))
    return tuple(parts)


def text_tokens(document: DialogueDocument) -> dict[str, str]:
    """The space-separated tokens of every text field of ``document``."""
    tokens, found = {}, set()
    for name, folded_name in zip(STEM_FIELDS, FOLDED_FIELDS, strict=True):
        words_of_field = words(getattr(document, name))
        stemmed = stems(words_of_field, document.locale)
        tokens[name] = " ".join(stemmed)
        tokens[folded_name] = " ".join(fold_all(stemmed))
        # Stems are (nearly always) starts of their words, so the words' parts hold theirs too.
        found.update(words_of_field)
    tokens["parts"] = " ".join(parts_of(found))
    title = words(document.title)
    tokens["suggest"] = " ".join(dict.fromkeys(form for word in title for form in both_folds(word)))
    tokens["suggest_start"] = " ".join(both_folds(title[0])) if title else ""
    return tokens


# What a Tantivy document holds, as plain values: (type, field, value), in the order they are added.
# Worker processes analyse documents into these (cheap to send between processes, unlike
# tantivy.Document, whose pickle is six times larger), and the writing process builds the document.
Fields = list[tuple[str, str, int | float | str | bytes]]


def to_tantivy(document: DialogueDocument) -> tantivy.Document:
    """The Tantivy document of a search document."""
    return document_of(fields_of(document))


def fields_of(document: DialogueDocument) -> Fields:
    """The values of the Tantivy document of ``document`` (the costly part: text analysis)."""
    fields: Fields = [
        ("integer", "page_id", document.page_id),
        ("integer", "rank_key", (ordinal(document.sort_start) << 32) + document.page_id),
        ("float", "recency", recency(document.sort_start)),
        ("text", "locale", document.locale),
    ]
    fields += [("text", name, text) for name, text in text_tokens(document).items()]
    if document.rung_key:
        fields.append(("text", "rung_key", document.rung_key))
        fields.append(("text", "rung_labelled",
                       SEPARATOR.join((document.rung_key, document.locale, document.rung_label))))
    for kind, key, label in dict.fromkeys(document.facets):
        fields.append(("text", kind, key))
        fields.append(("text", f"{kind}_labelled", SEPARATOR.join((key, document.locale, label))))
    fields.append(("integer", "cancelled", int(document.cancelled)))
    expire_at = document.expire_at
    fields.append(("integer", "expire_at", int(expire_at.timestamp()) if expire_at else NEVER_EXPIRES))
    fields += [("integer", name, ordinal(getattr(document, name))) for name in DATE_FIELDS]
    fields.append(("integer", "year_from", document.date_from.year if document.date_from else 0))
    fields.append(("integer", "year_to", document.date_to.year if document.date_to else 0))
    fields.append(("bytes", "texts", orjson.dumps([document.locale, document.intro, document.purpose, document.body])))
    return fields


def document_of(fields: Fields) -> tantivy.Document:
    """The Tantivy document holding ``fields``."""
    result = tantivy.Document()
    add = {"integer": result.add_integer, "float": result.add_float, "text": result.add_text,
           "bytes": result.add_bytes}
    for kind, name, value in fields:
        add[kind](name, value)
    return result
