"""Template filters of the search page."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MARK_TAG = re.compile(r"(</?mark>)")


@register.filter
def marked(snippet: str) -> SafeString:
    """A search snippet as HTML: its ``<mark>`` tags kept, any other ``<`` or ``>`` escaped.

    The service already hands over escaped text with ``<mark>`` around matches; escaping what is not a
    mark tag once more keeps the page safe even if a backend ever returned raw text.
    """
    parts = MARK_TAG.split(str(snippet or ""))
    opened = 0
    html = []
    for part in parts:
        if part == "<mark>":
            opened += 1
            html.append(part)
        elif part == "</mark>":
            if opened:
                opened -= 1
                html.append(part)
        else:
            html.append(part.replace("<", "&lt;").replace(">", "&gt;"))
    html.extend("</mark>" for _ in range(opened))
    return mark_safe("".join(html))  # noqa: S308 (built above: only balanced <mark> tags are left unescaped)
