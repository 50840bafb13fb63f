"""Snippets: a short passage of a dialogue's text with the query's words in <mark>.

Everything that is not a mark is HTML-escaped, so content such as ``<script>`` reaches the
browser as text. Texts are long (a body has a thousand words or more), so the first match is
found by a regular expression of the query's stems and compound parts, and only the words of
the returned passage are analysed.
"""

import re
from collections.abc import Iterable, Iterator
from html import escape

from .analysis import WORD, fold, stems, word_spans
from .query import ParsedQuery

SNIPPET_WORDS = 30
SPACE = re.compile(r"\s+")
# Compound parts shorter than this would light up half the text ("er", "og").
MIN_PART = 3
# A folded needle also finds the Nordic spelling in the original text.
UNFOLD = {"aa": "(?:aa|å)", "ae": "(?:ae|æ|ä)", "oe": "(?:oe|ø|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)"}
# Characters before and after a match read for the passage (about 10 and 20 words).
BEFORE, AFTER = 100, 300


def needle_pattern(needle: str) -> str:
    parts, position = [], 0
    while position < len(needle):
        pair = needle[position:position + 2]
        if pair in UNFOLD:
            parts.append(UNFOLD[pair])
            position += 2
        else:
            parts.append(re.escape(needle[position]))
            position += 1
    return "".join(parts)


class Highlighter:
    """Decides which words of a text match a query, the way the index matched them."""

    def __init__(self, stems: frozenset[str], folded: frozenset[str], parts: tuple[str, ...]) -> None:
        self.stems, self.folded, self.parts = stems, folded, parts
        needles = sorted(folded | {fold(stem) for stem in stems}, key=len, reverse=True)
        self.pattern = re.compile("|".join(needle_pattern(needle) for needle in needles), re.IGNORECASE) \
            if needles else None
        self._seen: dict[tuple[str, str], bool] = {}

    @classmethod
    def for_query(cls, query: ParsedQuery, locales: Iterable[str]) -> "Highlighter":
        locales = list(locales)
        words = list(query.words)
        found = {stem for locale in locales for stem in stems(words, locale)} | set(words)
        folded = frozenset(fold(word) for word in found)
        return cls(frozenset(found), folded, tuple(sorted(word for word in folded if len(word) >= MIN_PART)))

    def matches(self, word: str, locale: str) -> bool:
        return bool(self.matching([word], locale))

    def matching(self, words: list[str], locale: str) -> set[str]:
        """Those of ``words`` that match (a passage's words are stemmed together, not one by one)."""
        unseen = list({word for word in words if (word, locale) not in self._seen})
        if unseen:
            for word, stem in zip(unseen, stems(unseen, locale) if self.stems else unseen, strict=True):
                self._seen[(word, locale)] = bool(self.stems) and self._matches(word, stem)
        return {word for word in words if self._seen[(word, locale)]}

    def _matches(self, word: str, stem: str) -> bool:
        if stem in self.stems or word in self.stems:
            return True
        folded = fold(stem)
        return folded in self.folded or any(part in folded for part in self.parts)

    def candidates(self, text: str) -> Iterator[int]:
        """Start offsets of the words of ``text`` that contain a needle (they may still not match)."""
        if self.pattern is None:
            return
        last = -1
        for found in self.pattern.finditer(text):
            start = found.start()
            while start > 0 and WORD.match(text, start - 1):
                start -= 1
            if start != last:
                last = start
                yield start


def snippet(texts: Iterable[str], locale: str, highlighter: Highlighter, size: int = SNIPPET_WORDS) -> str:
    """An escaped passage of the first text with a match (or of the first text), matches marked."""
    texts = [text for text in texts if text]
    for text in texts:
        for start in highlighter.candidates(text):
            word = WORD.match(text, start)
            if word and any(highlighter.matches(w, locale) for w in (s[2] for s in word_spans(word.group()))):
                return passage(text, start, locale, highlighter, size)
    return passage(texts[0], 0, locale, None, size) if texts else ""


def passage(text: str, at: int, locale: str, highlighter: Highlighter | None, size: int) -> str:
    """About ``size`` words around offset ``at`` (a third before it), matches marked."""
    region_start = max(0, at - BEFORE * size // SNIPPET_WORDS)
    if region_start:
        region_start = text.find(" ", region_start, at) + 1 or at
    spans = [(start + region_start, end + region_start, word)
             for start, end, word in word_spans(text[region_start: at + AFTER * size // SNIPPET_WORDS])]
    hit = next((index for index, span in enumerate(spans) if span[0] >= at), 0)
    first = max(0, hit - size // 3)
    last = min(first + size, len(spans))
    matching = highlighter.matching([span[2] for span in spans[first:last]], locale) if highlighter else set()
    marked = {index for index in range(first, last) if spans[index][2] in matching}
    leading = region_start > 0 or first > 0
    trailing = last < len(spans) or at + AFTER * size // SNIPPET_WORDS < len(text)
    return render(text, spans, first, last, marked, leading, trailing)


def render(text: str, spans: list[tuple[int, int, str]], first: int, last: int, hits: set[int],
           leading: bool, trailing: bool) -> str:
    """The words ``first``…``last`` of ``text`` with the text between them, escaped, hits marked."""
    if not spans:
        return escape(SPACE.sub(" ", text[:200]).strip())
    parts = ["…"] if leading else []
    position = spans[first][0]
    # Words hold no white space, so the stretches between marks are cleaned whole, not word by word.
    for index in sorted(hit for hit in hits if first <= hit < last):
        start, end, _word = spans[index]
        parts.append(escape(SPACE.sub(" ", text[position:start])))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    tail_end = spans[last][0] if last < len(spans) else len(text)
    parts.append(escape(SPACE.sub(" ", text[position:tail_end]).rstrip()))
    if trailing:
        parts.append(" …")
    return "".join(parts)
