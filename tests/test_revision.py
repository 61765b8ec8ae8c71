"""Revision stamps: dates written the way each language writes them, and the site's words in both languages."""
import datetime as dt
import string

import pytest

from personvern.revision import effective_text, format_date, labels
from personvern.layout import LANGUAGES


@pytest.mark.parametrize(("day", "nb", "en"), [
    (dt.date(2026, 11, 25), "25. november 2026", "25 November 2026"),
    (dt.date(2027, 1, 1), "1. januar 2027", "1 January 2027"),
    (dt.date(2027, 3, 9), "9. mars 2027", "9 March 2027"),
])
def test_dates_are_written_as_each_language_writes_them(day, nb, en):
    assert format_date(day, "nb") == nb
    assert format_date(day, "en") == en


@pytest.mark.parametrize(("language", "expected"), [
    ("nb", "Gjelder fra 25. november 2026"),
    ("en", "Effective 25 November 2026"),
])
def test_effective_text(language, expected):
    assert effective_text(dt.date(2026, 11, 25), language) == expected


def test_labels_exist_for_every_published_language():
    for language in LANGUAGES:
        assert labels(language), language


def test_labels_have_the_same_keys_in_both_languages():
    assert sorted(labels("nb")) == sorted(labels("en"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(labels("nb")))
def test_labels_take_the_same_placeholders_in_both_languages(key):
    assert _fields(labels("nb")[key]) == _fields(labels("en")[key])


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_are_non_empty_text(language):
    empty = [key for key, value in labels(language).items() if not isinstance(value, str) or not value.strip()]
    assert empty == []


@pytest.mark.parametrize("value", ["20270101", "2027-W01-1", "2027-1-1", "2027-02-30", " 2027-01-01", "2027-01-01\n"])
def test_personvern_today_takes_only_yyyy_mm_dd(value):
    from personvern.problems import Invalid
    from personvern.revision import build_date
    with pytest.raises(Invalid) as raised:
        build_date({"PERSONVERN_TODAY": value})
    assert [p.path for p in raised.value.problems] == ["PERSONVERN_TODAY"]
