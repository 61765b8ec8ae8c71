"""Which characters an editor may write: one allow-list of Unicode categories for every text the project reads.

Letters, marks, digits, punctuation, symbols and the space separators (Zs, the no-break space among them) are text.
A line break, and a tab where the format has a use for one, are layout. Everything else is refused: control
characters, format characters (U+200B zero width space, U+200F right-to-left mark, U+00AD soft hyphen, U+FEFF
inside a text, the bidirectional overrides), the line and paragraph separators U+2028 and U+2029, private use,
code points Unicode has not assigned, and lone surrogates. They are invisible, or shown differently from one
program to the next, so two versions of a legal text could look the same and differ, or hide words.

What is assigned is what the Python running the check knows (unicodedata.unidata_version): a character newer than
that is refused as unassigned until Python learns it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from . import messages

ALLOWED = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
                     "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs"})
"""The Unicode general categories of text: L*, M*, N*, P*, S* and Zs."""
FILE_LAYOUT = "\n\t"
"""Layout a file may hold: line breaks, and tabs (Markdown indents with them; YAML reports a tab where it takes none)."""
LINE_BREAK = "\n"
"""Layout a value of several lines may hold. A field's value takes no tab: it would look like a space."""

UNLOOKED = " -~\u00c0-\u00ff"
"""Ranges known to be text, so that a Norwegian text is checked at the speed of a regular expression: printable
ASCII and the letters of Latin-1 (with × and ÷, which are symbols). A test holds every character in them to ALLOWED."""
_LOOK = re.compile(f"[^{UNLOOKED}]")


@lru_cache(maxsize=4096)
def allowed(char: str) -> bool:
    """Whether `char` is text by its Unicode category."""
    return unicodedata.category(char) in ALLOWED


def refused(text: str, layout: str = FILE_LAYOUT) -> Iterator[tuple[int, str]]:
    """(index, character) of every character of `text` outside the allow-list, the characters in `layout` aside."""
    for match in _LOOK.finditer(text):
        char = match.group()
        if char not in layout and not allowed(char):
            yield match.start(), char


def first_refused(text: str, layout: str = FILE_LAYOUT) -> tuple[int, str] | None:
    return next(refused(text, layout), None)


def described(char: str) -> dict[str, str]:
    """The values messages name a character by: `code` (200B) and `name` (ZERO WIDTH SPACE, or what kind of character
    it is when Unicode gives it no name: a control character, private use, unassigned, a lone surrogate)."""
    name = unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        key = f"characters.unnamed.{category}"
        name = messages.text(key if key in messages.catalogue() else "characters.unnamed")
    return {"code": f"{ord(char):04X}", "name": name}


def visible(text: str) -> str:
    """`text` for a message, each character outside the allow-list written as Python writes it (\\u200b), so that a
    message never hides or reorders what it quotes."""
    return "".join(char if allowed(char) else ascii(char)[1:-1] for char in text)
