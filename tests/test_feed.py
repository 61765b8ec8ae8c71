"""The Atom feed per language and versions.json: read back the way subscribers' programs read them."""
import datetime as dt
import hashlib
import json

import feedparser
import pytest
from conftest import TODAY

from personvern import feed
from personvern import project as project_module

SITE = "https://example.org/personvern/"
NAME = "Nordlys Elektro"
SECOND = dt.date(2027, 1, 1)
PREFIX = {"nb": SITE, "en": f"{SITE}en/"}
TITLE = {"nb": "Nordlys Elektro: endringer i personvernerklæringen", "en": "Nordlys Elektro: changes to the privacy statement"}
ENTRIES = {
    "nb": [("Versjon 2: Gjelder fra 1. januar 2027", "Endret ordlyd & «nytt» avsnitt < 2 sider."),
           ("Versjon 1: Gjelder fra 25. november 2026", "Første versjon.")],
    "en": [("Version 2: Effective 1 January 2027", 'Changed wording & "new" paragraph < 2 pages.'),
           ("Version 1: Effective 25 November 2026", "First version.")],
}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])


@pytest.fixture
def two(tiny):
    """Version 2 released on 2026-12-01, taking effect on SECOND; its summaries need escaping in XML."""
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    tiny.today = dt.date(2026, 12, 1)
    tiny.release(SECOND, ENTRIES["nb"][0][1], ENTRIES["en"][0][1])
    return tiny


def load(tiny, today: dt.date = TODAY):
    return project_module.load(tiny.docs, tiny.root, today)


def fingerprints(tiny, number: int) -> dict[str, str]:
    """The SHA-256 of each archived file, as `sha256sum docs/versions/N.md` prints it."""
    return {language: hashlib.sha256((tiny.docs / "versions" / f"{number}{suffix}.md").read_bytes()).hexdigest()
            for language, suffix in (("nb", ""), ("en", ".en"))}


def parsed(tiny, language: str, today: dt.date = TODAY):
    result = feedparser.parse(feed.atom(load(tiny, today), language, SITE, NAME))
    assert not result.bozo, result.get("bozo_exception")
    return result


@LANGUAGES
def test_feed_is_valid_atom_in_its_language(two, language):
    result = parsed(two, language)
    assert result.version == "atom10"
    assert result.feed.language == language
    assert result.feed.title == TITLE[language]
    assert result.feed.id == f"{PREFIX[language]}versions/"
    assert {(link.rel, link.href) for link in result.feed.links} == {
        ("self", f"{PREFIX[language]}feed.xml"),
        ("alternate", f"{PREFIX[language]}versions/"),
    }
    assert result.feed.author == NAME
    assert result.feed.updated == "2026-12-01T00:00:00Z"


@LANGUAGES
def test_feed_entries_are_newest_first_with_title_link_and_summary(two, language):
    entries = parsed(two, language).entries
    assert [(e.title, e.link, e.id, e.summary) for e in entries] == [
        (title, f"{PREFIX[language]}versions/{number}/", f"{PREFIX[language]}versions/{number}/", summary)
        for (title, summary), number in zip(ENTRIES[language], [2, 1])
    ]
    assert [e.published for e in entries] == ["2026-12-01T00:00:00Z", "2026-11-25T00:00:00Z"]


@LANGUAGES
def test_each_entry_links_its_version_and_what_changed_with_the_version_as_the_alternate(two, language):
    changes = {"nb": "Hva er endret", "en": "What changed"}[language]
    for entry, number in zip(parsed(two, language).entries, [2, 1]):
        version = f"{PREFIX[language]}versions/{number}/"
        assert entry.link == version
        assert [(link.rel, link.type, link.href, link.get("title")) for link in entry.links] == [
            ("alternate", "text/html", version, None),
            ("related", "text/html", f"{version}#what-changed", changes),
        ]


@LANGUAGES
def test_feed_with_one_version(tiny, language):
    entries = parsed(tiny, language).entries
    assert [(e.title, e.summary) for e in entries] == [ENTRIES[language][1]]


@LANGUAGES
def test_feed_declares_utf8_and_keeps_norwegian_letters(tiny, language):
    data = feed.atom(load(tiny), language, SITE, NAME)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert ENTRIES[language][1][1].encode("utf-8") in data


def versions_document(tiny, today: dt.date = TODAY) -> dict:
    text = feed.versions_json(load(tiny, today), SITE)
    assert text.endswith("\n")
    return json.loads(text)


@pytest.mark.parametrize(("today", "current", "statuses"), [
    (TODAY, 1, ["current", "upcoming"]),
    (SECOND, 2, ["past", "current"]),
])
def test_versions_json_lists_every_version_in_both_languages(two, today, current, statuses):
    assert versions_document(two, today) == {
        "current": current,
        "generated": today.isoformat(),
        "statement": {"nb": SITE, "en": f"{SITE}en/"},
        "feed": {"nb": f"{SITE}feed.xml", "en": f"{SITE}en/feed.xml"},
        "versions": [
            {"version": 1, "effective": "2026-11-25", "status": statuses[0],
             "summary": {"nb": "Første versjon.", "en": "First version."},
             "fingerprint": fingerprints(two, 1),
             "url": {"nb": f"{SITE}versions/1/", "en": f"{SITE}en/versions/1/"}},
            {"version": 2, "effective": "2027-01-01", "status": statuses[1],
             "summary": {"nb": ENTRIES["nb"][0][1], "en": ENTRIES["en"][0][1]},
             "fingerprint": fingerprints(two, 2),
             "url": {"nb": f"{SITE}versions/2/", "en": f"{SITE}en/versions/2/"}},
        ],
    }


def test_versions_json_keeps_norwegian_letters_readable(tiny):
    assert "Første versjon." in feed.versions_json(load(tiny), SITE)
