"""Wordings the transparency guidance of Datatilsynet and the EDPB (WP260 rev.01) advises against, found in the
statement as written, with the file and line. A hint is advice for the editor, never an error."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import requirements
from .project import Project

_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_HEADING = re.compile(r"^[ \t]{0,3}#")


@dataclass(frozen=True)
class Hint:
    path: str
    line: int
    key: str
    quote: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: hint: {self.message}"


def find(project: Project) -> list[Hint]:
    """Every hint in the current statement, language by language, in line order."""
    found = []
    for language in project.languages:
        doc = project.statement.docs[language]
        lines = doc.raw.split("\n")
        starts = [h.line for h in project.statement.outlines[language].headings if h.level == 2]
        fenced = False
        for number in range(doc.body_line, len(lines) + 1):
            line = lines[number - 1]
            if _FENCE.match(line):
                fenced = not fenced
            if fenced or _FENCE.match(line) or _HEADING.match(line):
                continue
            for hint in requirements.load().hints:
                match = hint.patterns[language].search(line)
                if match and not _excused(hint, _section(lines, starts, number), language):
                    quote = " ".join(match.group(0).split())
                    found.append(Hint(doc.shown, number, hint.key, quote, hint.message[language].format(quote=quote)))
    return found


def _section(lines: list[str], starts: list[int], number: int) -> str:
    """The source text of the level-2 section that holds line `number` (the intro before the first one)."""
    start = max((s for s in starts if s <= number), default=1)
    end = min((s for s in starts if s > number), default=len(lines) + 1)
    return "\n".join(lines[start - 1:end - 1])


def _excused(hint: requirements.Hint, section: str, language: str) -> bool:
    return any(patterns[language].search(section) for patterns in hint.unless_in_section)
