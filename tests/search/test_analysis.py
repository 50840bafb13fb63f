"""Language analysis and the query language, without a database."""

import pytest
import Stemmer

from dialogue_search import analysis
from dialogue_search.analysis import fold, stems, words
from dialogue_search.highlight import Highlighter, snippet
from dialogue_search.query import MAX_ITEMS, Item, parse_query


def analyse(text: str, locale: str) -> list[str]:
    """The stems of the words of ``text``, as the index stores them."""
    return stems(words(text), locale)


@pytest.mark.parametrize(
    ("locale", "query", "document"),
    [
        ("da", "borgermøder", "borgermødet"),
        ("da", "dialogerne", "dialogen"),
        ("sv", "dialoger", "dialogen"),
        ("sv", "medborgardialogerna", "medborgardialog"),
        ("en", "consultations", "consultation"),
        ("en", "meetings", "meeting"),
    ],
)
def test_query_and_document_share_a_stem(locale, query, document):
    assert analyse(query, locale) == analyse(document, locale)


def test_stems_differ_by_language():
    assert analyse("dialogerna", "sv") != analyse("dialogerna", "en")
    assert stems(["dialogerna"], "sv") == ["dialog"]


@pytest.mark.parametrize(("text", "folded"), [("århus", "aarhus"), ("løbet", "loebet"), ("æble", "aeble"),
                                               ("malmö", "malmoe"), ("café", "cafe")])
def test_folding(text, folded):
    assert fold(text) == folded


def test_words_are_letters_and_digits_only():
    assert words('NEAR(a* b:c) "x" -y \x00z 😀 Ω2') == ["near", "a", "b", "c", "x", "y", "z", "ω2"]


def test_query_language():
    query = parse_query('havn "borger møde" -parkering -"gamle plan"')
    assert query.items == (Item(("havn",)), Item(("borger", "møde")))
    assert query.excluded == (Item(("parkering",)), Item(("gamle", "plan")))


@pytest.mark.parametrize("text", ['"', '"havn', 'havn"', "*", "(", "NEAR", "AND OR", ":", "--", "-", "😀"])
def test_stray_syntax_is_literal(text):
    query = parse_query(text)
    assert all(all(word.isalnum() for word in item.words) for item in query.items + query.excluded)


def test_operators_are_words():
    assert [item.words for item in parse_query("cykel AND havn OR NOT").items] == [
        ("cykel",), ("and",), ("havn",), ("or",), ("not",)]


def test_a_hyphen_inside_a_word_keeps_it_together():
    assert parse_query("e-mail").items == (Item(("e", "mail")),)


def test_items_are_capped():
    assert len(parse_query(" ".join(f"w{n}" for n in range(100))).items) == MAX_ITEMS


def test_blank_query_browses_and_punctuation_matches_nothing():
    assert parse_query("  ").is_browse
    assert parse_query("*!?").matches_nothing
    assert not parse_query("-havn").matches_nothing


def test_snippet_marks_matches_and_escapes_the_rest():
    highlighter = Highlighter.for_query(parse_query("borgermøder"), ["da"])
    text = "Før <script>alert(1)</script> borgermødet & efter."
    assert snippet([text], "da", highlighter) == (
        "Før &lt;script&gt;alert(1)&lt;/script&gt; <mark>borgermødet</mark> &amp; efter."
    )


def test_snippet_marks_compound_parts_and_cuts_long_texts():
    highlighter = Highlighter.for_query(parse_query("havn"), ["da"])
    text = " ".join(["ord"] * 50 + ["havneområdet"] + ["ord"] * 50)
    result = snippet([text], "da", highlighter)
    assert "<mark>havneområdet</mark>" in result
    assert result.startswith("…") and result.endswith("…")


def test_memoised_stems_and_folds_equal_fresh_ones_and_stay_bounded(monkeypatch):
    monkeypatch.setattr(analysis, "MEMO_SIZE", 3)
    text = "Borgerne drøftede havnebadet, og borgerne ønskede flere badezoner ved havnen"
    tokens = analysis.words(text)
    first, again = analysis.stems(tokens, "da"), analysis.stems(tokens, "da")
    assert first == again == Stemmer.Stemmer("danish").stemWords(tokens)
    assert analysis.fold_all(first) == [analysis.fold(stem) for stem in first]
    analysis.stems(["en", "to"], "da")  # the memo outgrew its bound: emptied, then refilled
    assert len(analysis.memo("stem:da")) <= len(tokens)


def test_words_longer_than_the_limit_are_cut():
    assert words("a" * 100 + " kort") == ["a" * analysis.MAX_WORD_LENGTH, "kort"]
