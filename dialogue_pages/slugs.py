"""Readable ASCII slugs from Danish, Swedish and other Latin-script titles.

Django's ``slugify`` without unicode keeps only what Unicode decomposes into ASCII, so
"Østerbro" becomes "sterbro" and "Færgen" "frgen". Wagtail's admin avoids that in the browser
(its urlify maps ø to o and æ to ae when ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is False); these
functions do the same on the server, with the same letters, so admin and server agree.
"""

import unicodedata

from django.utils.text import slugify

# Latin letters Unicode does not decompose into a base letter and a mark; the rest (å, ä, ö, ü, é…)
# lose their marks by NFKD decomposition. The values are those of Wagtail's admin urlify.
UNDECOMPOSABLE_LETTERS = str.maketrans({
    "Æ": "AE", "æ": "ae",
    "Ø": "O", "ø": "o",
    "Ð": "D", "ð": "d",
    "Þ": "TH", "þ": "th",
    "ß": "ss",
    "Œ": "OE", "œ": "oe",
    "Ł": "L", "ł": "l",
    "Đ": "Dj", "đ": "dj",
})


def transliterate(text: str) -> str:
    """The text with Latin letters written without their marks: ø→o, æ→ae, å→a, ä→a, é→e."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSABLE_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def ascii_slug(value: object) -> str:
    """An ASCII slug that keeps every Latin letter readable: "Borgermøde på Østerbro" → "borgermode-pa-osterbro"."""
    return slugify(transliterate(str(value)))
