"""Markup that has no place in a privacy statement: scripts, event handlers, javascript: links, remote embeds."""
from __future__ import annotations

import re

from . import messages
from .problems import Problem

_TAG = re.compile(r"<[a-z][^>]*>", re.I)
_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.I)
_RULES = (
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I), "safety.raw_tag"),
    # Where a link goes: a Markdown link, an HTML attribute, an autolink or a link definition.
    (re.compile(r"(?:\]\(\s*<?|\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*|<|^\s*\[[^\]]+\]:\s*)(javascript|vbscript)\s*:",
                re.I | re.M),
     "safety.script_link"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]*)|<img\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\s\"'>]*)", re.I),
     "safety.remote_image"),
)


def check(shown: str, text: str, first_line: int = 1) -> list[Problem]:
    """Every unsafe construct in `text`, whose first line is `first_line` of the file, in the order they appear."""
    found = []
    for pattern, key in _RULES:
        for match in pattern.finditer(text):
            group = 1 if match.group(1) else len(match.groups())
            found.append((match.start(group), key, match.group(group)))
    for tag in _TAG.finditer(text):  # a tag may span lines and carry several handlers
        for handler in _HANDLER.finditer(tag.group(0)):
            found.append((tag.start() + handler.start(1), "safety.handler", handler.group(1)))
    return [messages.problem(shown, first_line + text.count("\n", 0, position), key, found=value)
            for position, key, value in sorted(found)]
