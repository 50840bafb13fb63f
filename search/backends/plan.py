"""What the database backend stores for a document, and what it looks for for a query.

Both sides go through ``dialogue_search.analysis``, so a stem in the index and a stem in a query are
made by the same code. The SQL dialects (``sqlite.py``, ``postgres.py``) only render these plans.

Matches are graded in *tiers*, the ranking of the issue: 0 = every query item in the title,
1 = within title and intro/easy-read, 2 = … and purpose/feedback, 3 = anywhere (stemmed whole
words), 4 = only with diacritics folded (å = aa, ø = oe …), 5 = only inside compounds.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..analysis import fold, fold_all, query_stems, stems, words
from ..documents import DialogueDocument
from ..query import Item, ParsedQuery

STEM_FIELDS = ("title", "intro", "purpose", "body")
TIERS = 6
FOLDED_TIER, COMPOUND_TIER = 4, 5
# Vocabulary words shorter than this are never compounds worth finding a part inside.
MIN_TERM = 4
MIN_PART = 3
# Vocabulary words a query word is looked for inside of (the shortest first). Each is one more
# posting list to merge: at 100,000 dialogues 64 of them cost three times what 16 do.
MAX_EXPANSIONS = 16


@dataclass(frozen=True)
class AnalysedDocument:
    """The analysed words of one document, ready for the full-text tables."""

    page_id: int
    locale: str
    fields: dict[str, str]  # stem field -> space-separated stems
    folded_title: str
    folded_text: str
    suggest_words: list[str]  # folded, unstemmed title words
    terms: set[str]  # vocabulary for compound search


def analyse_document(document: DialogueDocument) -> AnalysedDocument:
    fields = {name: stems(words(getattr(document, name)), document.locale) for name in STEM_FIELDS}
    folded = {name: fold_all(stemmed) for name, stemmed in fields.items()}
    rest = folded["intro"] + folded["purpose"] + folded["body"]
    return AnalysedDocument(
        page_id=document.page_id,
        locale=document.locale,
        fields={name: " ".join(stemmed) for name, stemmed in fields.items()},
        folded_title=" ".join(folded["title"]),
        folded_text=" ".join(rest),
        suggest_words=fold_all(words(document.title)),
        terms={term for term in set(folded["title"]).union(rest) if MIN_TERM <= len(term) <= 64},
    )


@dataclass(frozen=True)
class ItemPlan:
    """The forms one query item may take in the index."""

    words: tuple[str, ...]
    stems: tuple[tuple[str, ...], ...]  # one per locale searched (deduplicated)
    folded: tuple[tuple[str, ...], ...]
    parts: tuple[str, ...]  # folded stems to look for inside compounds (single words only)

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


def plan_item(item: Item, locales: Iterable[str]) -> ItemPlan:
    locales = list(locales)
    if item.is_phrase:
        stemmed = tuple(dict.fromkeys(tuple(stems(list(item.words), locale)) for locale in locales))
        stemmed = stemmed or (item.words,)
    else:
        stemmed = tuple((stem,) for stem in query_stems(item.words[0], locales))
    folded = tuple(dict.fromkeys(
        [tuple(fold(word) for word in alternative) for alternative in stemmed] + [tuple(map(fold, item.words))]
    ))
    parts = () if item.is_phrase else tuple(dict.fromkeys(
        fold(alternative[0]) for alternative in stemmed if len(fold(alternative[0])) >= MIN_PART
    ))
    return ItemPlan(item.words, stemmed, folded, parts)


@dataclass(frozen=True)
class QueryPlan:
    """Required and excluded items of a query, with the compound expansions found for the parts."""

    items: tuple[ItemPlan, ...]
    excluded: tuple[ItemPlan, ...]
    locales: tuple[str, ...]

    @property
    def parts(self) -> list[str]:
        return list(dict.fromkeys(part for item in self.items for part in item.parts))


def plan_query(query: ParsedQuery, locales: Iterable[str]) -> QueryPlan:
    locales = tuple(locales)
    return QueryPlan(
        items=tuple(plan_item(item, locales) for item in query.items),
        excluded=tuple(plan_item(item, locales) for item in query.excluded),
        locales=locales,
    )


def ids_by_statement(rows: Iterable[tuple[int, str | None]], plan: QueryPlan, tiers: Sequence[int],
                     excluded: bool) -> tuple[list[str], str]:
    """Split the rows of a ``UNION ALL`` of numbered statements into the id lists ``matching_ids`` returns.

    The statements are numbered in order: one per tier of ``tiers`` (when the plan has items), then
    the excluded items' statement (when asked for and the plan has some).
    """
    by_number = {number: ids or "" for number, ids in rows}
    tier_count = len(tiers) if plan.items else 0
    found = [by_number.get(number, "") if number < tier_count else "" for number in range(len(tiers))]
    return found, by_number.get(tier_count, "") if excluded and plan.excluded else ""
