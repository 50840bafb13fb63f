"""PostgreSQL full text: weighted ``tsvector`` columns and ``tsquery`` expressions for query plans.

Fields are weighted A (title), B (intro, easy-read), C (purpose, feedback), D (body) in the
text search configuration of the dialogue's language; a tier restricts a query word to the
weights of its fields (``'word':AB``). Lexemes are quoted (``'word'``) and consist of letters
and digits only, so no text a citizen types can form ``tsquery`` syntax.
"""

from collections.abc import Sequence

import numpy as np

from ..conf import postgres_configurations
from .plan import COMPOUND_TIER, FOLDED_TIER, MAX_EXPANSIONS, AnalysedDocument, ItemPlan, QueryPlan, ids_by_statement
from .postings import EMPTY, ids_of, sorted_unique

DEFAULT_CONFIGURATIONS = {"da": "danish", "sv": "swedish", "en": "english", "nb": "norwegian", "no": "norwegian",
                          "de": "german", "fi": "finnish", "nl": "dutch", "fr": "french"}
TIER_WEIGHTS = ("A", "AB", "ABC", "")
TABLE = "dialogue_search_indexedtext"


def configuration(locale: str) -> str:
    """The text search configuration of a language ('simple' when PostgreSQL has none for it)."""
    names = {**DEFAULT_CONFIGURATIONS, **postgres_configurations()}
    return names.get(locale, "simple")


def lexeme(word: str, suffix: str = "") -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + (f":{suffix}" if suffix else "")


def phrase(words: Sequence[str], suffix: str = "") -> str:
    return "(" + " <-> ".join(lexeme(word, suffix) for word in words) + ")"


def item_condition(item: ItemPlan, tier: int, locales: Sequence[str], expansions: dict[str, list[str]]
                   ) -> tuple[str, list[str]]:
    """SQL (with parameters) true for rows where ``item`` matches at ``tier`` or better."""
    weights = TIER_WEIGHTS[min(tier, len(TIER_WEIGHTS) - 1)]
    conditions, params = [], []
    for config in dict.fromkeys(configuration(locale) for locale in locales):
        conditions.append("document_vector @@ to_tsquery(%s::regconfig, %s)")
        params += [config, phrase(item.words, weights)]
    if tier >= FOLDED_TIER:
        conditions.append("folded_vector @@ to_tsquery('simple', %s)")
        params.append(" | ".join(phrase(alternative) for alternative in item.folded))
    terms = list(dict.fromkeys(term for part in item.parts for term in expansions.get(part, [])))
    if tier >= COMPOUND_TIER and terms:
        conditions.append("folded_vector @@ to_tsquery('simple', %s)")
        params.append(" | ".join(lexeme(term) for term in terms[:MAX_EXPANSIONS]))
    return "(" + " OR ".join(conditions) + ")", params


def all_of(items: Sequence[ItemPlan], tier: int, locales: Sequence[str], expansions: dict[str, list[str]],
           joiner: str = " AND ") -> tuple[str, list[str]]:
    rendered = [item_condition(item, tier, locales, expansions) for item in items]
    return joiner.join(sql for sql, _params in rendered), [param for _sql, params in rendered for param in params]


class PostgresFullText:
    """The tsvector side of the database backend (columns and GIN indexes made by the migration)."""

    def add_terms(self, cursor, terms: list[str]) -> None:
        """Add the new ones of ``terms`` to the vocabulary (its trigram index follows by itself)."""
        cursor.executemany("INSERT INTO dialogue_search_indexterm (term) VALUES (%s) ON CONFLICT (term) DO NOTHING",
                           [(term,) for term in terms])

    def write(self, cursor, documents: list[AnalysedDocument]) -> None:
        # The texts are already in the row: only the analysed forms come from Python.
        cursor.executemany(
            f"UPDATE {TABLE} SET "
            "document_vector = setweight(to_tsvector(%s::regconfig, title), 'A')"
            " || setweight(to_tsvector(%s::regconfig, intro), 'B')"
            " || setweight(to_tsvector(%s::regconfig, purpose), 'C')"
            " || setweight(to_tsvector(%s::regconfig, body), 'D'),"
            " folded_vector = to_tsvector('simple', %s),"
            " suggest_vector = setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s)"
            " WHERE page_id = %s",
            [
                (*[configuration(d.locale)] * 4, d.folded_title + " " + d.folded_text,
                 " ".join(d.suggest_words[:1]), " ".join(d.suggest_words[1:]), d.page_id)
                for d in documents
            ],
        )

    def delete(self, cursor, page_ids: list[int]) -> None:
        """Nothing to do: the vectors are columns of the deleted rows."""

    def expansions(self, cursor, parts: list[str]) -> dict[str, list[str]]:
        """Vocabulary words containing each part (pg_trgm index when available), shortest first."""
        if not parts:
            return {}
        select = (f"(SELECT %s, term FROM dialogue_search_indexterm WHERE term LIKE %s "
                  f"ORDER BY length(term), term LIMIT {MAX_EXPANSIONS})")
        cursor.execute(" UNION ALL ".join([select] * len(parts)),
                       [value for part in parts for value in (part, f"%{part}%")])
        found: dict[str, list[str]] = {}
        for part, term in cursor.fetchall():
            found.setdefault(part, []).append(term)
        return found

    def matching_ids(self, cursor, plan: QueryPlan, expansions: dict[str, list[str]], tiers: Sequence[int],
                     excluded: bool = False, token: str | None = None) -> tuple[list[np.ndarray], np.ndarray]:
        """Sorted page ids matching at each of ``tiers`` or better, and of the excluded items if asked.

        ``token`` (the index state) is not needed: PostgreSQL answers from its own index each time.
        """
        conditions = [all_of(plan.items, tier, plan.locales, expansions) for tier in tiers] if plan.items else []
        if excluded and plan.excluded:
            conditions.append(all_of(plan.excluded, FOLDED_TIER, plan.locales, {}, joiner=" OR "))
        if not conditions:
            return [EMPTY for _tier in tiers], EMPTY
        select = f"SELECT %s, string_agg(page_id::text, ',') FROM {TABLE} WHERE "
        cursor.execute(
            " UNION ALL ".join(select + sql for sql, _params in conditions),
            [value for number, (_sql, params) in enumerate(conditions) for value in (number, *params)],
        )
        found, left_out = ids_by_statement(cursor.fetchall(), plan, tiers, excluded)
        return [sorted_unique(ids_of(ids)) for ids in found], sorted_unique(ids_of(left_out))

    def suggest_ids(self, cursor, prefixes: list[str]) -> tuple[str, str]:
        """Page ids whose title starts with the typed words, and those with them anywhere."""
        start = " & ".join([lexeme(prefixes[0], "*A"), *(lexeme(prefix, "*") for prefix in prefixes[1:])])
        anywhere = " & ".join(lexeme(prefix, "*") for prefix in prefixes)
        select = (f"SELECT %s, string_agg(page_id::text, ',') FROM {TABLE} "
                  "WHERE suggest_vector @@ to_tsquery('simple', %s)")
        cursor.execute(f"{select} UNION ALL {select}", [0, start, 1, anywhere])
        by_number = {number: ids or "" for number, ids in cursor.fetchall()}
        return by_number.get(0, ""), by_number.get(1, "")

    def optimise(self, cursor) -> None:
        cursor.execute(f"ANALYZE {TABLE}")

    def check(self, cursor) -> str:
        cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE document_vector @@ to_tsquery('simple', %s)", ["'x'"])
        cursor.fetchone()
        return "postgresql full text"
