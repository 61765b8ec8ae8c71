"""Markup that has no place in a privacy statement: scripts, event handlers, javascript: links, remote embeds."""
from __future__ import annotations

import re

from .problems import Problem

_RULES = (
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I),
     "raw <{0}> is not allowed", "remove it; the statement is text, and the site runs no code from the text"),
    (re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I),
     'inline event handler "{0}" is not allowed', "remove the attribute"),
    (re.compile(r"\b(javascript|vbscript)\s*:", re.I),
     '"{0}:" links are not allowed', "link to an https:// or mailto: address instead"),
    (re.compile(r"(!\[[^\]]*\]\(\s*(?:https?:)?//[^)\s]*|<img\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^\s\"'>]*)", re.I),
     "an image from another site is not allowed ({0})", "save the image under docs/ and link to it there; the site fetches nothing from third parties"),
)


def check(shown: str, text: str, first_line: int = 1) -> list[Problem]:
    """Every unsafe construct in `text`, whose first line is `first_line` of the file."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for pattern, what, todo in _RULES:
            for match in pattern.finditer(line):
                problems.append(Problem(shown, number, what.format(match.group(1)), todo))
    return problems
