"""The broadest tier's unfiltered FTS5 expression finds exactly what the column-filtered one finds."""

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue_search.backends.plan import COMPOUND_TIER, MAX_EXPANSIONS, analyse_document, plan_query
from dialogue_search.backends.sqlite import either, item_match
from dialogue_search.documents import DialogueDocument
from dialogue_search.query import parse_query
from tests.search.expressions import tier_match

# Words that stem, fold (å, ø, ä, ö, æ) and combine into compounds, in the three languages.
WORDS = ["havn", "havnen", "havne", "haavn", "område", "omraade", "borger", "borgermøde", "møde", "moede",
         "dialog", "dialogen", "medborgardialog", "skola", "skolan", "skolgård", "gård", "gaard", "malmö",
         "malmoe", "planning", "plans", "plan", "havneplan", "ærø", "aeroe", "x"]
LOCALES = ("da", "sv", "en")
texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
documents = st.lists(st.tuples(st.sampled_from(LOCALES), texts, texts, texts, texts), min_size=1, max_size=8)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
phrases = st.lists(st.sampled_from(WORDS), min_size=2, max_size=2).map(lambda pair: '"' + " ".join(pair) + '"')


def filtered_broad_match(plan, expansions) -> str:
    """The broadest tier as it was written with column filters: stems in the stem columns, the rest folded."""
    items = []
    for item in plan.items:
        terms = list(dict.fromkeys(term for part in item.parts for term in expansions.get(part, [])))
        alternatives = [f"{{title intro purpose body}}: {either(item.stems)}",
                        f"{{ftitle ftext}}: {either(item.folded)}"]
        if terms:
            alternatives.append(f"{{ftitle ftext}}: {either((term,) for term in terms[:MAX_EXPANSIONS])}")
        items.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(items)


def index(rows) -> tuple[sqlite3.Connection, set[str]]:
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE fts USING fts5(title, intro, purpose, body, ftitle, ftext, "
                     "tokenize = 'unicode61 remove_diacritics 0')")
    vocabulary: set[str] = set()
    for page_id, (locale, title, intro, purpose, body) in enumerate(rows, start=1):
        analysed = analyse_document(DialogueDocument(page_id, locale, title, intro, purpose, body))
        database.execute("INSERT INTO fts(rowid, title, intro, purpose, body, ftitle, ftext) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [page_id, *analysed.fields.values(), analysed.folded_title, analysed.folded_text])
        vocabulary |= analysed.terms
    return database, vocabulary


def ids(database: sqlite3.Connection, expression: str) -> set[int]:
    return {row[0] for row in database.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [expression])}


@settings(max_examples=300, deadline=None)
@given(documents, st.one_of(queries, phrases), st.sampled_from([None, *LOCALES]))
def test_the_broad_tier_matches_the_same_rows_without_column_filters(rows, text, locale):
    database, vocabulary = index(rows)
    plan = plan_query(parse_query(text), [locale] if locale else LOCALES)
    # What the trigram look-up returns: the vocabulary words containing each part, shortest first.
    expansions = {part: sorted((term for term in vocabulary if part in term), key=len) for part in plan.parts}
    broad = tier_match(plan, COMPOUND_TIER, expansions)
    assert "{" not in broad
    assert ids(database, broad) == ids(database, filtered_broad_match(plan, expansions))


def test_finer_tiers_keep_their_column_filters():
    item = plan_query(parse_query("havn"), ["da"]).items[0]
    assert item_match(item, 0, {}).startswith("({title}: ")
    assert "{ftitle ftext}" in item_match(item, COMPOUND_TIER - 1, {})
