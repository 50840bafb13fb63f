"""SQLite FTS5: storage of analysed documents and MATCH expressions for query plans.

Every word reaches FTS5 inside double quotes, and words consist of letters and digits only
(``dialogue_search.analysis.WORD``), so no text a citizen types can form FTS5 syntax. Phrases are quoted
strings of several words; column filters and operators come from this module alone.
"""

from collections.abc import Iterable, Sequence

import numpy as np

from .plan import (
    COMPOUND_TIER,
    FOLDED_TIER,
    MAX_EXPANSIONS,
    STEM_FIELDS,
    AnalysedDocument,
    ItemPlan,
    QueryPlan,
)
from .postings import EMPTY, ids_of, intersection, postings, sorted_unique, union

FOLDED_COLUMNS = "{ftitle ftext}"


def quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def either(alternatives: Iterable[Sequence[str]]) -> str:
    return "(" + " OR ".join(quote(alternative) for alternative in alternatives) + ")"


def item_match(item: ItemPlan, tier: int, expansions: dict[str, list[str]]) -> str:
    """The FTS5 expression matching ``item`` at ``tier`` or better."""
    if tier >= COMPOUND_TIER:
        terms = list(dict.fromkeys(term for part in item.parts for term in expansions.get(part, [])))
        compounds = [(term,) for term in terms[:MAX_EXPANSIONS]]
        # The broadest tier looks in every column, with no column filter for FTS5 to check
        # position by position (a fifth less time for a common word at 100,000 dialogues). It finds
        # the rows the filtered form would, because folding a folded word changes nothing: a query
        # stem found in a folded column is a folded word, so its folding (among the folded forms)
        # is found there too; a folded form or compound found in a stem column is a stem that
        # folds to itself, so the folded columns hold it as well.
        return either(dict.fromkeys([*item.stems, *item.folded, *compounds]))
    columns = "{" + " ".join(STEM_FIELDS[: min(tier, len(STEM_FIELDS) - 1) + 1]) + "}"
    alternatives = [f"{columns}: {either(item.stems)}"]
    if tier >= FOLDED_TIER:
        alternatives.append(f"{FOLDED_COLUMNS}: {either(item.folded)}")
    return "(" + " OR ".join(alternatives) + ")"


def tier_key(item_matches: list[str]) -> str:
    """The expression of a tier from its items' expressions: all of them (one item: its own)."""
    return " AND ".join(item_matches)


def suggest_match(prefixes: Sequence[str], at_start: bool) -> str:
    """Every typed word as a prefix of a title word; the first at the title's start if ``at_start``."""
    terms = [quote([prefix]) + " *" for prefix in prefixes]
    if at_start:
        terms[0] = "^ " + terms[0]
    return " AND ".join(terms)


TERMS = "dialogue_search_indexterm"


class SqliteFullText:
    """The FTS5 side of the database backend (tables created by the migration)."""

    def add_terms(self, cursor, terms: list[str]) -> None:
        """Add the new ones of ``terms`` to the vocabulary and to its trigram index.

        The trigram index is fed in one statement with the rows just added (ids only grow), which
        costs a tenth of what a trigger firing once per row costs.
        """
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TERMS}")
        (last_id,) = cursor.fetchone()
        cursor.executemany(f"INSERT INTO {TERMS} (term) VALUES (%s) ON CONFLICT (term) DO NOTHING",
                           [(term,) for term in terms])
        cursor.execute(f"INSERT INTO dialogue_search_terms(rowid, term) SELECT id, term FROM {TERMS} WHERE id > %s",
                       [last_id])

    def write(self, cursor, documents: list[AnalysedDocument]) -> None:
        ids = [(document.page_id,) for document in documents]
        cursor.executemany("DELETE FROM dialogue_search_fts WHERE rowid = %s", ids)
        cursor.executemany("DELETE FROM dialogue_search_suggest WHERE rowid = %s", ids)
        cursor.executemany(
            "INSERT INTO dialogue_search_fts(rowid, title, intro, purpose, body, ftitle, ftext) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(d.page_id, *(d.fields[name] for name in STEM_FIELDS), d.folded_title, d.folded_text)
             for d in documents],
        )
        cursor.executemany(
            "INSERT INTO dialogue_search_suggest(rowid, words) VALUES (%s, %s)",
            [(d.page_id, " ".join(d.suggest_words)) for d in documents],
        )

    def delete(self, cursor, page_ids: list[int]) -> None:
        # The trigger on dialogue_search_indexedtext does this too; a row without text is cleaned here.
        cursor.executemany("DELETE FROM dialogue_search_fts WHERE rowid = %s", [(pk,) for pk in page_ids])
        cursor.executemany("DELETE FROM dialogue_search_suggest WHERE rowid = %s", [(pk,) for pk in page_ids])

    def expansions(self, cursor, parts: list[str]) -> dict[str, list[str]]:
        """Vocabulary words containing each part (trigram index), shortest first."""
        if not parts:
            return {}
        select = (
            "SELECT * FROM (SELECT %s, term FROM dialogue_search_terms WHERE dialogue_search_terms MATCH %s "
            f"ORDER BY length(term) LIMIT {MAX_EXPANSIONS})"
        )
        cursor.execute(" UNION ALL ".join([select] * len(parts)),
                       [value for part in parts for value in (part, quote([part]))])
        found: dict[str, list[str]] = {}
        for part, term in cursor.fetchall():
            found.setdefault(part, []).append(term)
        return found

    def matching_ids(self, cursor, plan: QueryPlan, expansions: dict[str, list[str]], tiers: Sequence[int],
                     excluded: bool = False, token: str | None = None) -> tuple[list[np.ndarray], np.ndarray]:
        """Sorted page ids matching at each of ``tiers`` or better, and of the excluded items if asked.

        The ids of one query word at one tier are kept per process for the index ``token``
        (``postings.py``). A tier whose words are all kept is their intersection, computed in
        memory; otherwise the index answers the whole tier expression (which is kept too).
        """
        by_tier = [[item_match(item, tier, expansions) for item in plan.items] for tier in tiers]
        kept = postings.kept(token, [key for keys in by_tier for key in keys])
        wanted = [tier_key(keys) for keys in by_tier if keys and not all(key in kept for key in keys)]
        left_out = [item_match(item, FOLDED_TIER, {}) for item in plan.excluded] if excluded else []
        lists = {**kept, **postings.lists_of(token, wanted + left_out, lambda missing: self.fetch(cursor, missing))}
        found = [
            (intersection([lists[key] for key in keys]) if all(key in kept for key in keys) else lists[tier_key(keys)])
            if keys else EMPTY
            for keys in by_tier
        ]
        return found, union([lists[key] for key in left_out])

    def fetch(self, cursor, expressions: list[str]) -> dict[str, np.ndarray]:
        """The sorted page ids matching each expression, in one statement."""
        select = "SELECT %s, group_concat(rowid) FROM dialogue_search_fts WHERE dialogue_search_fts MATCH %s"
        cursor.execute(" UNION ALL ".join([select] * len(expressions)),
                       [value for number, expression in enumerate(expressions) for value in (number, expression)])
        by_number = dict(cursor.fetchall())
        return {expression: sorted_unique(ids_of(by_number.get(number)))
                for number, expression in enumerate(expressions)}

    def suggest_ids(self, cursor, prefixes: list[str]) -> tuple[str, str]:
        """Page ids whose title starts with the typed words, and those with them anywhere."""
        select = "SELECT %s, group_concat(rowid) FROM dialogue_search_suggest WHERE dialogue_search_suggest MATCH %s"
        cursor.execute(f"{select} UNION ALL {select}",
                       [0, suggest_match(prefixes, True), 1, suggest_match(prefixes, False)])
        by_number = {number: ids or "" for number, ids in cursor.fetchall()}
        return by_number.get(0, ""), by_number.get(1, "")

    def optimise(self, cursor) -> None:
        """Merge the index segments after a full rebuild (faster queries)."""
        for table in ("dialogue_search_fts", "dialogue_search_suggest"):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def check(self, cursor) -> str:
        cursor.execute("SELECT count(*) FROM dialogue_search_fts WHERE dialogue_search_fts MATCH %s", ['"x"'])
        cursor.fetchone()
        return "sqlite fts5"
