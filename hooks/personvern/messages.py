"""Every message an editor can meet, in Norwegian and English, from one catalogue file (messages.yml).

Norwegian is the default; PERSONVERN_LANG=en switches to English. Only the words change: a problem keeps its
`file:line: ` prefix in every language.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache

from . import datafiles
from .problems import Problem

LANGUAGE_VARIABLE = "PERSONVERN_LANG"
"""Environment variable choosing the language of messages: nb (the default) or en."""


@lru_cache(maxsize=None)
def _catalogues() -> dict[str, dict[str, str]]:
    from . import cache  # here, not at the top: the cache asks this module for the editor's language
    return cache.package_data("messages.yml", lambda: datafiles.load("messages.yml"))


def language(environ: Mapping[str, str] = os.environ) -> str:
    """The editor's language: PERSONVERN_LANG when it names a published language, else the default."""
    from . import layout  # layout's own messages come from here
    chosen = environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return chosen if chosen in layout.LANGUAGES else layout.DEFAULT


def catalogue(chosen: str | None = None) -> dict[str, str]:
    """Every message in one language, by key."""
    return _catalogues()[chosen or language()]


def text(key: str, /, **values) -> str:
    """The message `key` in the editor's language, with `values` filled in."""
    return catalogue()[key].format(**values)


def problem(path: str, line: int | None, key: str, /, **values) -> Problem:
    """The problem `key` ("what is wrong — what to do" in the catalogue) at `path:line`, in the editor's language."""
    what, _, todo = catalogue()[key].partition(" — ")
    return Problem(path, line, what.format(**values), todo.format(**values))


def from_english(said: str, prefix: str) -> str:
    """What a library said in English (PyYAML, datetime), in the editor's language: the entry under `prefix` whose
    English reads as `said`, its {values} taken from `said`; `said` as it is when no entry reads so."""
    for key, english in catalogue("en").items():
        if key.startswith(prefix):
            match = _pattern(english).fullmatch(said)
            if match:
                return text(key, **match.groupdict())
    return said


@lru_cache(maxsize=None)
def _pattern(english: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", english.replace("{{", "\0").replace("}}", "\1"))
    return re.compile("".join(re.escape(part.replace("\0", "{").replace("\1", "}")) if i % 2 == 0 else f"(?P<{part}>.+?)"
                              for i, part in enumerate(parts)))
