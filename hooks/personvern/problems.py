"""A problem found in the editors' files, reported as `path:line: what is wrong — what to do`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem, shown as one line: `path:line: what — todo`."""

    path: str
    """The file as editors know it, relative to the project: `docs/index.en.md`."""
    line: int | None
    """1-based line in the file, front matter included; None when the file as a whole is at fault."""
    what: str
    """What is wrong."""
    todo: str
    """What to do about it."""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return " ".join(f"{where}: {self.what} — {self.todo}".splitlines())  # one line, whatever a message quotes


class Invalid(Exception):
    """The files cannot be published; `problems` says why, every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the privacy statement")
