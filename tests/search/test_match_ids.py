"""Parsing the id lists the full-text statements return."""

import numpy as np

from search.backends.database import ids_of, sorted_unique


def test_ids_of_parses_a_comma_separated_list():
    assert ids_of("").tolist() == []
    assert ids_of("7").tolist() == [7]
    assert ids_of("3,10,200000").tolist() == [3, 10, 200000]


def test_sorted_ids_are_kept_as_they_are_and_others_are_sorted_without_repeats():
    ordered = np.array([1, 5, 9])
    assert sorted_unique(ordered) is ordered
    assert sorted_unique(np.array([9, 1, 5, 5])).tolist() == [1, 5, 9]
    assert sorted_unique(np.array([4, 4])).tolist() == [4]
