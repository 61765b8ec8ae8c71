"""Markup that has no place in a privacy statement: scripts, event handlers, javascript: links, remote embeds."""
from __future__ import annotations

import re

from .problems import Problem

_TAG = re.compile(r"<[a-z][^>]*>", re.I)
_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.I)
_RULES = (
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I),
     "raw <{0}> is not allowed", "remove it; the statement is text, and the site runs no code from the text"),
    # Where a link goes: a Markdown link, an HTML attribute, an autolink or a link definition.
    (re.compile(r"(?:\]\(\s*<?|\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*|<|^\s*\[[^\]]+\]:\s*)(javascript|vbscript)\s*:",
                re.I | re.M),
     '"{0}:" links are not allowed', "link to an https:// or mailto: address instead"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]*)|<img\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\s\"'>]*)", re.I),
     "an image from another site is not allowed ({0})",
     "save the image under docs/ and link to it there; the site fetches nothing from third parties"),
)


def check(shown: str, text: str, first_line: int = 1) -> list[Problem]:
    """Every unsafe construct in `text`, whose first line is `first_line` of the file, in the order they appear."""
    found = []
    for pattern, what, todo in _RULES:
        for match in pattern.finditer(text):
            group = 1 if match.group(1) else len(match.groups())
            found.append((match.start(group), what.format(match.group(group)), todo))
    for tag in _TAG.finditer(text):  # a tag may span lines and carry several handlers
        for handler in _HANDLER.finditer(tag.group(0)):
            found.append((tag.start() + handler.start(1), f'inline event handler "{handler.group(1)}" is not allowed',
                          "remove the attribute"))
    return [Problem(shown, first_line + text.count("\n", 0, position), what, todo) for position, what, todo in sorted(found)]
