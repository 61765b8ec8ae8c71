"""The version history as visitors see it, in both languages: stamp, changelog, archived texts, feeds."""
import datetime as dt
import json
import re

import feedparser
import pytest

from conftest import SITE_URL

NEXT = dt.date(2027, 1, 1)


def release_second_version(tiny):
    tiny.edit("docs/index.md", "lager vi lamper til lange", "lager vi lykter til svært lange")
    tiny.edit("docs/index.en.md", "we make lamps for long", "we make good lamps for very long")
    tiny.release(NEXT, "Skjerpet innledningen.", "Sharpened the introduction.")


def stamp(html):
    return re.sub(r"\s+", " ", re.search(r'<p class="pv-stamp">(.*?)</p>', html, re.S).group(1)).strip()


def test_current_page_shows_localised_effective_date_version_and_history_link(tiny):
    result = tiny.build()
    assert result.ok, result.messages
    assert stamp(result.html("index.html")) == (
        'Gjelder fra <time datetime="2026-11-25">25. november 2026</time> · '
        '<span class="pv-version">Versjon 1</span> · <a href="versions/">Tidligere versjoner og endringer</a>')
    assert stamp(result.html("en/index.html")) == (
        'Effective <time datetime="2026-11-25">25 November 2026</time> · '
        '<span class="pv-version">Version 1</span> · <a href="versions/">Earlier versions and changes</a>')


def test_upcoming_version_is_announced_and_the_text_in_force_is_shown(tiny):
    release_second_version(tiny)
    result = tiny.build()
    assert result.ok, result.messages
    nb, en = result.html("index.html"), result.html("en/index.html")
    assert "lager vi lamper" in nb and "svært lange" not in nb
    assert "we make lamps" in en and "very long" not in en
    assert 'En ny versjon av personvernerklæringen gjelder fra <time datetime="2027-01-01">1. januar 2027</time>.' in nb
    assert '<a href="versions/2/">Les den nye versjonen (versjon 2)</a>' in nb
    assert 'A new version of this privacy statement takes effect on <time datetime="2027-01-01">1 January 2027</time>.' in en
    assert '<a href="versions/2/">Read the new version (version 2)</a>' in en
    assert "Versjon 2 har ikke trådt i kraft ennå. Den gjelder fra 1. januar 2027." in result.html("versions/2/index.html")
    assert "Version 2 has not taken effect yet. It takes effect on 1 January 2027." in result.html("en/versions/2/index.html")


def test_upcoming_version_becomes_current_on_its_effective_date(tiny):
    release_second_version(tiny)
    tiny.today = NEXT
    result = tiny.build()
    assert result.ok, result.messages
    nb, en = result.html("index.html"), result.html("en/index.html")
    assert "svært lange" in nb and "very long" in en
    assert "pv-notice--upcoming" not in nb and "pv-notice--upcoming" not in en
    assert 'Gjelder fra <time datetime="2027-01-01">1. januar 2027</time>' in stamp(nb)
    assert 'Effective <time datetime="2027-01-01">1 January 2027</time>' in stamp(en)
    assert "Versjon 1 gjaldt fra 25. november 2026 til og med 31. desember 2026." in result.html("versions/1/index.html")
    assert "Version 1 was in force from 25 November 2026 to 31 December 2026 inclusive." in result.html("en/versions/1/index.html")


@pytest.mark.parametrize("prefix, words", [("", ("Endringer fra versjon 1", "[Lagt til: ", "[Fjernet: ")),
                                           ("en/", ("Changes from version 1", "[Added: ", "[Removed: "))])
def test_archived_version_shows_what_changed_word_by_word(tiny, prefix, words):
    release_second_version(tiny)
    html = tiny.build().html(f"{prefix}versions/2/index.html")
    heading, added, removed = words
    assert f'<h2 id="what-changed">{heading}</h2>' in html
    changes = html[html.index('<div class="pv-changes">'):html.index('<h2 id="text">')]
    inserted = [re.sub(r"<[^>]+>|\[[^:]+: |\]", "", ins) for ins in re.findall(r"<ins>(.*?)</ins>", changes)]
    deleted = [re.sub(r"<[^>]+>|\[[^:]+: |\]", "", d) for d in re.findall(r"<del>(.*?)</del>", changes)]
    if prefix:
        assert (inserted, deleted) == (["good ", " very"], [])
    else:
        assert (inserted, deleted) == (["lykter", " svært"], ["lamper"])
    assert added in changes


def test_changelog_lists_versions_newest_first_with_status_and_links(tiny):
    release_second_version(tiny)
    result = tiny.build()
    for prefix, statuses, summaries in (("", ["Kommende", "Gjeldende"], ["Skjerpet innledningen.", "Første versjon."]),
                                        ("en/", ["Upcoming", "Current"], ["Sharpened the introduction.", "First version."])):
        html = result.html(f"{prefix}versions/index.html")
        assert re.findall(r'<span class="pv-status">(.*?)</span>', html) == statuses
        assert [s for s in summaries if s in html] == summaries
        assert html.index(summaries[0]) < html.index(summaries[1])
        assert '<a href="2/#what-changed">' in html and '<a href="1/">' in html


def test_archived_versions_stay_out_of_the_navigation_and_the_current_page_does_not_grow(tiny):
    first = tiny.build().html("index.html")
    for number in range(2, 7):
        tiny.edit("docs/index.md", "lager vi lamper", "lager vi lamper igjen")
        tiny.edit("docs/index.en.md", "we make lamps", "we make lamps again")
        tiny.release(dt.date(2026, 11, 25) + dt.timedelta(days=number), f"Versjon {number}.", f"Version {number}.")
    tiny.today = dt.date(2027, 1, 1)
    later = tiny.build().html("index.html")
    for html in (first, later):
        assert re.findall(r'href="[^"]*versions/\d+/', html) == []
    without_stamp = [re.sub(r'<p class="pv-stamp">.*?</p>', "", html, flags=re.S) for html in (first, later)]
    assert without_stamp[1].replace(" igjen" * 5, "") == without_stamp[0], "the current page changed with the number of versions"


def test_atom_feeds_parse_and_list_versions_in_each_language(tiny):
    release_second_version(tiny)
    tiny.build()
    for prefix, language, title in (("", "nb", "Versjon 2: Gjelder fra 1. januar 2027"),
                                    ("en/", "en", "Version 2: Effective 1 January 2027")):
        feed = feedparser.parse((tiny.site / prefix / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.language == language
        assert [e.title for e in feed.entries][0] == title
        assert [e.link for e in feed.entries] == [f"{SITE_URL}{prefix}versions/2/",
                                                  f"{SITE_URL}{prefix}versions/1/"]
        for entry in feed.entries:  # the "what changed" link lands on a section of the version's page
            related = [link.href for link in entry.links if link.rel == "related"]
            page, anchor = related[0].removeprefix(SITE_URL).split("#")
            assert f'id="{anchor}"' in tiny.site.joinpath(page, "index.html").read_text(encoding="utf-8")


def test_versions_json_lists_both_languages(tiny):
    release_second_version(tiny)
    tiny.build()
    data = json.loads((tiny.site / "versions.json").read_text(encoding="utf-8"))
    assert data["current"] == 1
    assert [(v["version"], v["effective"], v["status"]) for v in data["versions"]] == [
        (1, "2026-11-25", "current"), (2, "2027-01-01", "upcoming")]
    assert data["versions"][1]["url"] == {"nb": f"{SITE_URL}versions/2/",
                                          "en": f"{SITE_URL}en/versions/2/"}
    assert data["versions"][1]["summary"] == {"nb": "Skjerpet innledningen.", "en": "Sharpened the introduction."}


def test_unreleased_text_shows_a_draft_banner_in_serve(tiny):
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi store lamper")
    tiny.edit("docs/index.en.md", "we make lamps", "we make big lamps")
    result = tiny.build(strict=False, command="serve")
    assert result.ok
    assert result.messages == [
        "docs/index.md: the text differs from version 1 and is not published — publish it as a new version: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`; or undo the change",
        "docs/index.en.md: the text differs from version 1 and is not published — publish it as a new version: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`; or undo the change",
    ]
    assert "Utkast: teksten er endret" in result.html("index.html") and "store lamper" in result.html("index.html")
    assert "Draft: the text has changed" in result.html("en/index.html") and "big lamps" in result.html("en/index.html")


def test_changed_norwegian_with_unchanged_english_warns_that_the_translation_may_be_stale(tiny):
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi store lamper")
    result = tiny.build(strict=False, command="serve")
    assert "docs/index.en.md: the nb text has changed but this translation has not; it may be out of date — update docs/index.en.md to match docs/index.md; if it needs no change, write \"translation_unchanged: true\" in docs/release.yml, or give `make release` RELEASE_ARGS=--translation-unchanged" in result.messages


def test_root_404_is_norwegian_and_english_one_is_under_en(tiny):
    result = tiny.build()
    assert '<html lang="nb"' in result.html("404.html") and "<h1>Siden finnes ikke</h1>" in result.html("404.html")
    assert '<html lang="en"' in result.html("en/404.html") and "<h1>Page not found</h1>" in result.html("en/404.html")


def changes_since(html: str) -> tuple[str, list[str], list[str]] | None:
    """The heading of "what changed since" and its inserted and deleted words, or None without the section."""
    match = re.search(r'<h2 id="changes-since">(.*?)</h2>(.*?)<h2 id="text">', html, re.S)
    if match is None:
        return None
    words = [[re.sub(r"<[^>]+>|\[[^:]+: |\]", "", m) for m in re.findall(rf"<{tag}>(.*?)</{tag}>", match.group(2))]
             for tag in ("ins", "del")]
    return match.group(1), *words


@pytest.mark.parametrize("prefix, since, coming, empty, link_since, link_coming", [
    ("", "Endringer fra denne versjonen til versjonen som gjelder nå (versjon 2)",
     "Endringer fra versjonen som gjelder nå (versjon 2)",
     "Teksten er den samme som i versjonen som gjelder nå.",
     "Endringer fram til gjeldende versjon", "Endringer fra gjeldende versjon"),
    ("en/", "Changes from this version to the version in force today (version 2)",
     "Changes from the version in force today (version 2)",
     "The text is the same as in the version in force today.",
     "Changes up to the current version", "Changes from the current version"),
])
def test_archived_pages_show_what_changed_since_them_up_to_the_version_in_force(tiny, prefix, since, coming, empty,
                                                                               link_since, link_coming):
    release_second_version(tiny)
    tiny.edit("docs/index.md", "- Rett til sletting", "- Rett til sletting\n- Rett til retting")
    tiny.edit("docs/index.en.md", "- Right to erasure", "- Right to erasure\n- Right to rectification")
    tiny.release(dt.date(2027, 2, 1), "Ny rettighet.", "New right.")
    tiny.edit("docs/index.md", "- Rett til retting\n", "")  # version 4 takes it back: the same text as version 2
    tiny.edit("docs/index.en.md", "- Right to rectification\n", "")
    tiny.release(dt.date(2027, 3, 1), "Tatt ut igjen.", "Taken out again.")
    tiny.today = NEXT
    result = tiny.build()
    assert result.ok, result.messages
    pages = {n: result.html(f"{prefix}versions/{n}/index.html") for n in (1, 2, 3, 4)}
    first = changes_since(pages[1])
    assert first[0] == since and len(first[1]) == 2
    assert first == (since, *changes_since(pages[2].replace('id="what-changed"', 'id="changes-since"'))[1:])
    assert changes_since(pages[2]) is None  # the version in force
    assert changes_since(pages[3]) is None  # the next: its changes from version 2 say it
    assert re.sub(r"\s+", " ", pages[4][pages[4].index('<h2 id="changes-since">'):pages[4].index('<h2 id="text">')]) == (
        f'<h2 id="changes-since">{coming}</h2> <p>{empty}</p> ')
    links = re.findall(r'<a href="(\d)/#changes-since">([^<]*)</a>', result.html(f"{prefix}versions/index.html"))
    assert links == [("4", link_coming), ("1", link_since)]  # newest first; none to version 2 (in force) or 3 (next)
