"""Tantivy queries built from a parsed query (``dialogue_search.query``), never from the text a citizen typed.

Every word reaches Tantivy as a term (or a term prefix), so no input can be query syntax.
An item matches a stemmed word in a text field (BM25, weighted by field), a folded form
(weighing less), or a part inside a compound (a small constant): a document matching the
whole word also matches the lesser forms, so whole words rank first. Filters score nothing.
"""

import datetime
from collections.abc import Iterable

import tantivy

from dialogue_pages.status import conditions

from ...analysis import fold, stems
from ...query import Item, ParsedQuery
from ..base import SearchFilters
from .schema import MIN_PART, NEVER_EXPIRES, both_folds

Occur, Query = tantivy.Occur, tantivy.Query
# Far apart, because a field's BM25 weighs its own rarity: a word rare in intros but common in titles
# would otherwise lift an intro match above a title match.
FIELD_BOOSTS = {"title": 20.0, "intro": 6.0, "purpose": 2.0, "body": 1.0}
FOLDED_BOOSTS = {f"f{field}": boost * 0.3 for field, boost in FIELD_BOOSTS.items()}
PARTS_SCORE = 0.001


def every(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, query) for query in queries])


def some(queries: list[Query]) -> Query:
    if not queries:
        return Query.empty_query()
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, query) for query in queries])


def unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def prefix(schema: tantivy.Schema, field: str, text: str) -> Query:
    """Terms of ``field`` starting with ``text`` (a Levenshtein automaton of distance 0 is a prefix walk)."""
    return Query.fuzzy_term_query(schema, field, text, distance=0, transposition_cost_one=False, prefix=True)


def terms(schema: tantivy.Schema, field: str, words: tuple[str, ...]) -> Query:
    if len(words) == 1:
        return Query.term_query(schema, field, words[0])
    return Query.phrase_query(schema, field, list(words))


def item_query(schema: tantivy.Schema, item: Item, locales: list[str], with_parts: bool = True) -> Query:
    """One query item (a word or a phrase) in any of its forms."""
    stemmed = list(dict.fromkeys(tuple(stems(list(item.words), locale)) for locale in locales)) or [item.words]
    alternatives = [Query.boost_query(terms(schema, field, words), boost)
                    for field, boost in FIELD_BOOSTS.items() for words in stemmed]
    folded = list(dict.fromkeys(tuple(fold(word) for word in words) for words in stemmed))
    alternatives += [Query.boost_query(terms(schema, field, words), boost)
                     for field, boost in FOLDED_BOOSTS.items() for words in folded]
    if with_parts and not item.is_phrase:
        forms = sorted({form for word in (*item.words, *(words[0] for words in stemmed)) for form in both_folds(word)
                        if len(form) >= MIN_PART})
        alternatives += [Query.const_score_query(prefix(schema, "parts", form), PARTS_SCORE) for form in forms]
    return some(alternatives)


def text_query(schema: tantivy.Schema, query: ParsedQuery, locales: list[str]) -> Query:
    """What the query's words ask for (everything when it has none)."""
    if query.matches_nothing:
        return Query.empty_query()
    clauses = [(Occur.Must, item_query(schema, item, locales)) for item in query.items] or [
        (Occur.Must, Query.all_query())]
    clauses += [(Occur.MustNot, item_query(schema, item, locales, with_parts=False)) for item in query.excluded]
    return Query.boolean_query(clauses)


def integer_range(schema: tantivy.Schema, field: str, lower: int | None = None, upper: int | None = None) -> Query:
    return Query.range_query(schema, field, tantivy.FieldType.Integer, lower, upper)


def visibility(schema: tantivy.Schema, locale: str | None, content_locales: tuple[str, ...],
               now: datetime.datetime) -> Query:
    """The rule of ``visible_rows``: a content locale, and not expired."""
    wanted = [code for code in ([locale] if locale else content_locales) if code in content_locales]
    if not wanted:
        return Query.empty_query()
    return every([Query.term_set_query(schema, "locale", wanted),
                  integer_range(schema, "expire_at", int(now.timestamp()) + 1, NEVER_EXPIRES)])


def status_query(schema: tantivy.Schema, status: str, today: datetime.date) -> Query:
    """Dialogues whose status is ``status`` on ``today``: ``dialogue_pages.status.conditions`` as ranges."""
    cancelled, rule = conditions(status)
    day = today.toordinal()
    queries = [Query.term_query(schema, "cancelled", int(cancelled))]
    for field, when in rule:
        queries.append(integer_range(schema, field, None, day) if when == "reached"
                       else integer_range(schema, field, day + 1, None))
    return every(queries)


def year_query(schema: tantivy.Schema, year: int) -> Query:
    """Dialogues running at some time in ``year`` (the rule of the list endpoint's ``year``)."""
    first, last = datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal()
    starts = integer_range(schema, "date_from", 1, last)
    no_end = Query.term_query(schema, "date_to", 0)
    return some([
        every([starts, integer_range(schema, "date_to", first, None)]),
        every([starts, no_end]),
        every([Query.term_query(schema, "date_from", 0), integer_range(schema, "date_to", first, last)]),
    ])


def filter_queries(schema: tantivy.Schema, filters: SearchFilters, today: datetime.date) -> dict[str, Query]:
    """One query per active filter."""
    queries = {}
    for name, value in filters.active().items():
        if name == "rung":
            queries[name] = Query.term_query(schema, "rung_key", str(value))
        elif name == "status":
            queries[name] = status_query(schema, str(value), today)
        elif name == "year":
            queries[name] = year_query(schema, int(value))
        else:
            queries[name] = Query.term_query(schema, name, str(value).lower() if name == "tag" else str(value))
    return queries


def filtered(query: Query, filters: Iterable[Query]) -> Query:
    """``query`` restricted by ``filters``, scored by ``query`` alone."""
    filters = list(filters)
    if not filters:
        return query
    return Query.boolean_query([(Occur.Must, query), *((Occur.Must, unscored(each)) for each in filters)])


def suggest_query(schema: tantivy.Schema, prefixes: list[str], at_start: bool) -> Query:
    """Every typed word a prefix of a title word (folded either way); the first at the title's start."""
    queries = [some([prefix(schema, "suggest", form) for form in both_folds(typed)]) for typed in prefixes]
    if at_start:
        queries.append(some([prefix(schema, "suggest_start", form) for form in both_folds(prefixes[0])]))
    return every(queries)
