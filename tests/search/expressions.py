"""Whole FTS5 expressions of a query plan, built from the SQLite backend's parts, for tests to run directly."""

from dialogue_search.backends.plan import FOLDED_TIER, QueryPlan
from dialogue_search.backends.sqlite import item_match, tier_key


def tier_match(plan: QueryPlan, tier: int, expansions: dict[str, list[str]]) -> str:
    """The expression of one tier: every query word's expression at that tier."""
    return tier_key([item_match(item, tier, expansions) for item in plan.items])


def excluded_match(plan: QueryPlan) -> str:
    """Any excluded word, found the way the backend finds it."""
    return " OR ".join(item_match(item, FOLDED_TIER, {}) for item in plan.excluded)
