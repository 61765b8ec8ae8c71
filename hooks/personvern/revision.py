"""Revision stamps: effective dates and the site's own words, localised per language."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date as babel_format_date

BABEL_LOCALES = {"nb": "nb_NO", "en": "en_GB"}
"""The Babel locale that writes dates for each language: "24. november 2026", "24 November 2026"."""


@lru_cache(maxsize=None)
def _all_labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).with_name("labels.yml")).read_text(encoding="utf-8"))


def labels(language: str) -> dict[str, str]:
    """The site's words around the statement, in `language`."""
    return _all_labels()[language]


def format_date(day: dt.date, language: str) -> str:
    return babel_format_date(day, "long", locale=BABEL_LOCALES.get(language, language))


def effective_text(day: dt.date, language: str) -> str:
    return labels(language)["effective_from"].format(date=format_date(day, language))
