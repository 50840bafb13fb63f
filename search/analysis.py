"""Language analysis shared by every backend: words, Snowball stems per locale, Nordic folding.

The Tantivy backend indexes what these functions produce and builds its queries with the same
functions (as the snippets' highlighter does), so the index and the query always agree on what a word is.
"""

import re
import threading
import unicodedata
from collections.abc import Iterator

import Stemmer

from .conf import extra_stemmers

# Snowball algorithm per language code; a host may extend it with DIALOGUE_SEARCH_STEMMERS.
DEFAULT_STEMMERS = {"da": "danish", "sv": "swedish", "en": "english", "nb": "norwegian", "no": "norwegian",
                    "de": "german", "fi": "finnish", "nl": "dutch", "fr": "french"}
# Words longer than this are cut: nobody searches for them, and they bloat the index.
MAX_WORD_LENGTH = 64
# Letters and digits only: everything else (punctuation, operators, emoji, control characters)
# separates words, so no query syntax of any engine can reach it.
WORD = re.compile(r"[^\W_]+")
# Nordic spellings without the special letters ("Aarhus", "Malmoe") are as common as the real ones.
FOLDING = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# The other way people type without the letters: the letter's base ("Osterbro", "moten", "Kobenhavn").
# Letters without a Unicode decomposition need a mapping; the rest lose their accents.
STRIPPING = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ł": "l"})

_stemmers = threading.local()  # PyStemmer objects are not thread-safe
# Stems and folded forms already computed, per locale: texts share most of their words, so
# indexing many documents looks words up instead of stemming them again. Bounded: cleared when full.
_memo = threading.local()
MEMO_SIZE = 200_000


def stemmer_names() -> dict[str, str]:
    return {**DEFAULT_STEMMERS, **extra_stemmers()}


def stemmer(locale: str) -> "Stemmer.Stemmer | None":
    """The Snowball stemmer of ``locale``, or None when the language has none."""
    cache = _stemmers.__dict__
    if locale not in cache:
        name = stemmer_names().get(locale)
        cache[locale] = Stemmer.Stemmer(name) if name in Stemmer.algorithms() else None
    return cache[locale]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, in order."""
    found = WORD.findall(normalise(text))
    if found and len(max(found, key=len)) > MAX_WORD_LENGTH:
        return [word[:MAX_WORD_LENGTH] for word in found]
    return found


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised word) for every word of ``text``, with offsets into ``text`` itself."""
    for match in WORD.finditer(text):
        word = match.group()
        word = word.lower() if word.isascii() else "".join(WORD.findall(normalise(word)))
        if word:
            yield match.start(), match.end(), word[:MAX_WORD_LENGTH]


def memo(kind: str) -> dict[str, str]:
    """This thread's memo of ``kind`` (a stemmer's locale, or folding), emptied when it grows too big."""
    memos = _memo.__dict__
    table = memos.setdefault(kind, {})
    if len(table) > MEMO_SIZE:
        table.clear()
    return table


def stems(tokens: list[str], locale: str) -> list[str]:
    """The Snowball stems of ``tokens`` in ``locale`` (the tokens themselves without a stemmer)."""
    algorithm = stemmer(locale)
    if algorithm is None:
        return list(tokens)
    stem_of = memo(f"stem:{locale}")
    unknown = list(set(tokens).difference(stem_of))
    if unknown:
        stem_of.update(zip(unknown, algorithm.stemWords(unknown), strict=True))
    return list(map(stem_of.__getitem__, tokens))


def fold_all(tokens: list[str]) -> list[str]:
    """``fold`` of every token."""
    fold_of = memo("fold")
    for token in set(tokens).difference(fold_of):
        fold_of[token] = fold(token)
    return list(map(fold_of.__getitem__, tokens))


def fold(word: str) -> str:
    """ASCII-ish form: å→aa, æ→ae, ø→oe (and ä, ö, ü), other accents dropped."""
    folded = word.translate(FOLDING)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char)) or folded


def strip(word: str) -> str:
    """The word without its diacritics: å→a, ø→o, ä→a, ö→o, æ→ae (``fold`` keeps Nordic å as aa)."""
    stripped = word.translate(STRIPPING)
    if stripped.isascii():
        return stripped
    decomposed = unicodedata.normalize("NFKD", stripped)
    return "".join(char for char in decomposed if not unicodedata.combining(char)) or stripped
