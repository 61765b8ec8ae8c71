"""Revision stamps: effective dates and the site's own words, localised per language."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from zoneinfo import ZoneInfo

from . import datafiles, messages
from .problems import Invalid, Problem

BABEL_LOCALES = {"nb": "nb_NO", "en": "en_GB"}
"""The Babel locale that writes dates for each language: "24. november 2026", "24 November 2026"."""


@lru_cache(maxsize=None)
def _all_labels() -> dict[str, dict[str, str]]:
    return datafiles.load("labels.yml")


def labels(language: str) -> dict[str, str]:
    """The site's words around the statement, in `language`."""
    return _all_labels()[language]


def format_date(day: dt.date, language: str) -> str:
    from babel.dates import format_date as babel_format_date  # here, not at the top: a check without problems shows no date
    return babel_format_date(day, "long", locale=BABEL_LOCALES.get(language, language))


def effective_text(day: dt.date, language: str) -> str:
    return labels(language)["effective_from"].format(date=format_date(day, language))


TODAY_VARIABLE = "PERSONVERN_TODAY"
"""Environment variable that sets the build date (YYYY-MM-DD), for tests and previews of upcoming versions."""
TIME_ZONE = "Europe/Oslo"
"""Whose calendar decides which version is in force: a version takes effect at midnight in Norway."""


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today in Norway, whatever the machine's time zone, or the date PERSONVERN_TODAY gives."""
    value = environ.get(TODAY_VARIABLE)
    if not value:
        return dt.datetime.now(ZoneInfo(TIME_ZONE)).date()
    try:
        return parse_date(value)
    except ValueError:
        raise Invalid([messages.problem(TODAY_VARIABLE, None, "revision.today", value=repr(value))]) from None


def parse_date(value: str) -> dt.date:
    """YYYY-MM-DD and nothing else, as the release file and front matter write dates; raises ValueError. (Python's
    own reader also takes 20270101 and 2027-W01-1.)"""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    return dt.date.fromisoformat(value)
