"""Id lists of full-text expressions: parsing, set algebra, and the per-process cache."""

import datetime

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dialogue_pages.status import StatusFacts
from dialogue_search.backends.columns import build
from dialogue_search.backends.postings import PostingCache, ids_of, intersection, sorted_unique, union

id_sets = st.lists(st.sets(st.integers(min_value=1, max_value=5000)), max_size=5)


def test_ids_of_parses_a_comma_separated_list():
    assert ids_of("").tolist() == []
    assert ids_of(None).tolist() == []
    assert ids_of("7").tolist() == [7]
    assert ids_of("3,10,200000").tolist() == [3, 10, 200000]


def test_sorted_ids_are_kept_as_they_are_and_others_are_sorted_without_repeats():
    ordered = np.array([1, 5, 9])
    assert sorted_unique(ordered) is ordered
    assert sorted_unique(np.array([9, 1, 5, 5])).tolist() == [1, 5, 9]
    assert sorted_unique(np.array([4, 4])).tolist() == [4]


@given(id_sets)
def test_union_and_intersection_are_those_of_sets(sets):
    lists = [np.array(sorted(ids), dtype=np.int64) for ids in sets]
    assert union(lists).tolist() == sorted(set().union(*sets))
    expected = sorted(set.intersection(*sets)) if sets else []
    assert intersection(lists).tolist() == expected


class Fetcher:
    """Answers expressions with fixed id lists and records what it was asked."""

    def __init__(self, answers: dict[str, list[int]]) -> None:
        self.answers, self.asked = answers, []

    def __call__(self, expressions: list[str]) -> dict[str, np.ndarray]:
        self.asked.append(expressions)
        return {expression: np.array(self.answers[expression], dtype=np.int64) for expression in expressions}


def test_lists_are_read_once_per_index_token():
    cache, fetch = PostingCache(), Fetcher({"a": [1, 2], "b": [2, 3]})
    assert cache.lists_of("t1", ["a", "b", "a"], fetch)["b"].tolist() == [2, 3]
    assert cache.lists_of("t1", ["b", "a"], fetch)["a"].tolist() == [1, 2]
    assert fetch.asked == [["a", "b"]]
    # The index changed: its lists are read again, never served from the old token's.
    fetch.answers["a"] = [1, 2, 4]
    assert cache.lists_of("t2", ["a"], fetch)["a"].tolist() == [1, 2, 4]
    assert fetch.asked[-1] == ["a"]


def test_without_a_token_nothing_is_kept():
    cache, fetch = PostingCache(), Fetcher({"a": [1]})
    cache.lists_of(None, ["a"], fetch)
    cache.lists_of(None, ["a"], fetch)
    assert fetch.asked == [["a"], ["a"]] and cache.size == 0


def test_the_cache_keeps_at_most_its_capacity_dropping_the_least_recently_used(settings):
    settings.DIALOGUE_SEARCH_CACHED_IDS = 5
    cache, fetch = PostingCache(), Fetcher({"a": [1, 2], "b": [3, 4], "c": [5, 6], "big": list(range(10))})
    cache.lists_of("t", ["a", "b"], fetch)
    cache.lists_of("t", ["a"], fetch)  # a is now the most recently used
    cache.lists_of("t", ["c"], fetch)  # 6 ids > 5: b goes
    assert list(cache.lists) == ["a", "c"] and cache.size == 4
    cache.lists_of("t", ["big"], fetch)  # larger than the whole cache: answered, not kept
    assert "big" not in cache.lists
    settings.DIALOGUE_SEARCH_CACHED_IDS = 0
    cache.lists_of("t2", ["a"], fetch)
    assert cache.size == 0


def test_empty_lists_are_kept_too_and_count_as_one():
    cache, fetch = PostingCache(lambda: 2), Fetcher({"a": [], "b": [], "c": []})
    cache.lists_of("t", ["a", "b"], fetch)
    cache.lists_of("t", ["a"], fetch)  # a word with no compounds is not looked up again
    assert fetch.asked == [["a", "b"]] and cache.size == 2
    cache.lists_of("t", ["c"], fetch)
    assert list(cache.lists) == ["a", "c"]


def test_values_derived_from_columns_are_computed_once_per_index_version():
    facts = StatusFacts.of_record(cancelled=False, input_opens=datetime.date(2024, 1, 1),
                                  input_closes=datetime.date(2024, 6, 1), decision_date=None, has_feedback=False)
    columns = build("t", [(1, "da", None, "dialog", "Dialog", False, facts.open_from, facts.closed_from,
                           facts.decided_from, datetime.date(2024, 1, 1), datetime.date(2024, 6, 1), False,
                           datetime.date(2024, 1, 1), "[]")])
    calls = []
    assert columns.remembered("k", lambda: calls.append(1) or 42) == 42
    assert columns.remembered("k", lambda: calls.append(1) or 43) == 42
    assert calls == [1]
    today = columns.status(datetime.date(2024, 3, 1))
    assert columns.status(datetime.date(2024, 3, 1)) is today and not today.flags.writeable
    # Another day is another status: the open dialogue has closed by July.
    assert columns.status(datetime.date(2024, 7, 1)).tolist() != today.tolist()
