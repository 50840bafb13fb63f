"""The query language citizens type: words (all must match), "quoted phrases" and -excluded words.

Everything else is literal text. Operators of the engines underneath (``*``, ``:``, ``(``,
``NEAR``, ``AND``/``OR``, ``^``…) have no meaning here: the parser keeps only words made of
letters and digits, and the backends quote every word they pass on. ``parse_query`` never
raises; the API refuses input longer than ``MAX_QUERY_LENGTH`` before parsing it.
"""

import re
from dataclasses import dataclass, field

from .analysis import MAX_WORD_LENGTH, words

MAX_QUERY_LENGTH = 500
# Enough for any real question; more words only make the query slower, never better.
MAX_ITEMS = 16
MAX_PHRASE_WORDS = 12
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
# An optional "-" at the start of a token, then a complete "phrase" or a run of non-space, non-quote
# characters. A quote without its partner matches neither branch and is skipped like punctuation.
TOKEN = re.compile(r'(?P<minus>(?<!\S)-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')


@dataclass(frozen=True)
class Item:
    """One required (or excluded) unit of a query: a word, or several words that must be adjacent."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    """What a query asks for. Empty ``items`` and ``excluded`` with ``text`` blank means "browse"."""

    text: str = ""
    items: tuple[Item, ...] = ()
    excluded: tuple[Item, ...] = ()
    words: tuple[str, ...] = field(default=())

    @property
    def is_browse(self) -> bool:
        """No text at all: list everything that passes the filters."""
        return not self.text.strip()

    @property
    def matches_nothing(self) -> bool:
        """Text was given, but nothing searchable in it (only punctuation, say)."""
        return not self.is_browse and not self.items and not self.excluded


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` into required items and excluded items; never raises."""
    text = str(text or "")
    items: list[Item] = []
    excluded: list[Item] = []
    for match in TOKEN.finditer(text.translate(QUOTES)):
        found = words(match.group("phrase") if match.group("phrase") is not None else match.group("word"))
        if not found:
            continue
        # "e-mail" or "foo:bar" are one thing to the person typing them: keep their words adjacent.
        item = Item(tuple(found[:MAX_PHRASE_WORDS]))
        target = excluded if match.group("minus") else items
        if item not in target and len(target) < MAX_ITEMS:
            target.append(item)
    all_words = tuple(dict.fromkeys(word for item in items for word in item.words))
    return ParsedQuery(text=text, items=tuple(items), excluded=tuple(excluded), words=all_words)


def prefix_words(text: str) -> list[str]:
    """The words of an as-you-type query (the last one possibly incomplete)."""
    return [word[:MAX_WORD_LENGTH] for word in words(str(text or ""))][:MAX_ITEMS]
