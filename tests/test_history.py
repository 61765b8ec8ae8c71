"""What the pages around the statement show: the revision stamp, the changelog and each archived version."""
import datetime as dt

import pytest
from conftest import TODAY

from personvern import diff, history
from personvern import project as project_module
from personvern.diff import Changes

SECOND = dt.date(2027, 1, 1)
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])

STAMP = {
    (1, "nb"): {"number": 1, "version": "Versjon 1", "datetime": "2026-11-25", "date": "25. november 2026",
                "effective": "Gjelder fra 25. november 2026"},
    (1, "en"): {"number": 1, "version": "Version 1", "datetime": "2026-11-25", "date": "25 November 2026",
                "effective": "Effective 25 November 2026"},
    (2, "nb"): {"number": 2, "version": "Versjon 2", "datetime": "2027-01-01", "date": "1. januar 2027",
                "effective": "Gjelder fra 1. januar 2027"},
    (2, "en"): {"number": 2, "version": "Version 2", "datetime": "2027-01-01", "date": "1 January 2027",
                "effective": "Effective 1 January 2027"},
}
PREFIX = {"nb": "", "en": "en/"}
SUMMARY = {(1, "nb"): "Første versjon.", (1, "en"): "First version.",
           (2, "nb"): "Endret ordlyd.", (2, "en"): "Changed wording."}


def load(tiny, today: dt.date = TODAY):
    return project_module.load(tiny.docs, tiny.root, today)


@pytest.fixture
def two(tiny):
    """The tiny site with version 2 released on TODAY, taking effect on SECOND."""
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    tiny.release(SECOND, SUMMARY[2, "nb"], SUMMARY[2, "en"], notes={"nb": ["Ny ordlyd."], "en": ["New wording."]})
    return tiny


# --- the current statement ----------------------------------------------------------------------------------------

@LANGUAGES
def test_current_page_stamps_the_version_in_force(tiny, language):
    assert history.current_page(load(tiny), language) == {
        "kind": "current",
        "stamp": STAMP[1, language],
        "history_url": f"{PREFIX[language]}versions/",
        "upcoming": [],
        "today": None,
        "draft": False,
    }


@LANGUAGES
def test_current_page_announces_an_upcoming_version(two, language):
    page = history.current_page(load(two), language)
    assert page["stamp"] == STAMP[1, language]
    assert page["upcoming"] == [dict(STAMP[2, language], url=f"{PREFIX[language]}versions/2/")]
    assert page["today"] == {"nb": "Versjon 1 gjelder i dag, og har gjeldt siden 25. november 2026.",
                             "en": "Version 1 applies today, and has applied since 25 November 2026."}[language]


@pytest.mark.parametrize("today", [SECOND, SECOND + dt.timedelta(days=400)])
@LANGUAGES
def test_an_upcoming_version_becomes_current_on_its_date(two, language, today):
    page = history.current_page(load(two, today), language)
    assert page["stamp"] == STAMP[2, language]
    assert page["upcoming"] == []


@LANGUAGES
def test_the_day_before_its_date_a_version_is_still_upcoming(two, language):
    page = history.current_page(load(two, SECOND - dt.timedelta(days=1)), language)
    assert (page["stamp"]["number"], [v["number"] for v in page["upcoming"]]) == (1, [2])


@LANGUAGES
def test_before_the_first_version_takes_effect_it_is_shown_but_not_announced_as_new(tiny, language):
    page = history.current_page(load(tiny, TODAY - dt.timedelta(days=1)), language)
    assert page["stamp"] == STAMP[1, language]
    assert page["upcoming"] == []


@LANGUAGES
def test_an_unreleased_change_makes_the_current_page_a_draft(tiny, language):
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    page = history.current_page(load(tiny), language)
    assert (page["draft"], page["stamp"]) == (True, STAMP[1, language])


# --- the changelog ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "statuses"), [
    (TODAY, ["upcoming", "current"]),
    (SECOND, ["current", "past"]),
])
@LANGUAGES
def test_changelog_lists_versions_newest_first_with_their_status(two, language, today, statuses):
    log = history.changelog(load(two, today), language)
    assert log["kind"] == "changelog"
    assert log["current_url"] == PREFIX[language]
    assert [(e["number"], e["status"]) for e in log["entries"]] == list(zip([2, 1], statuses))


@LANGUAGES
def test_changelog_entries_carry_stamp_url_summary_and_notes(two, language):
    first, second = reversed(history.changelog(load(two), language)["entries"])
    assert second == dict(STAMP[2, language], url=f"{PREFIX[language]}versions/2/", status="upcoming",
                          summary=SUMMARY[2, language], notes=[{"nb": "Ny ordlyd.", "en": "New wording."}[language]],
                          since=None)
    assert first == dict(STAMP[1, language], url=f"{PREFIX[language]}versions/1/", status="current",
                         summary=SUMMARY[1, language], notes=[], since=None)


# --- archived versions --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "number", "language", "status", "period"), [
    (SECOND, 1, "nb", "past", "Versjon 1 gjaldt fra 25. november 2026 til og med 31. desember 2026."),
    (SECOND, 1, "en", "past", "Version 1 was in force from 25 November 2026 to 31 December 2026 inclusive."),
    (TODAY, 1, "nb", "current", "Versjon 1 er den gjeldende versjonen, og gjelder fra 25. november 2026."),
    (TODAY, 1, "en", "current", "Version 1 is the current version, in force since 25 November 2026."),
    (SECOND, 2, "nb", "current", "Versjon 2 er den gjeldende versjonen, og gjelder fra 1. januar 2027."),
    (SECOND, 2, "en", "current", "Version 2 is the current version, in force since 1 January 2027."),
    (TODAY, 2, "nb", "upcoming", "Versjon 2 har ikke trådt i kraft ennå. Den gjelder fra 1. januar 2027."),
    (TODAY, 2, "en", "upcoming", "Version 2 has not taken effect yet. It takes effect on 1 January 2027."),
])
def test_archived_page_says_when_the_version_applied(two, today, number, language, status, period):
    page = history.archived_page(load(two, today), language, number)
    assert (page["status"], page["period"]) == (status, period)
    applying = 1 if today == TODAY else 2
    assert page["today"] == (None if status == "current" else {
        (1, "nb"): "Versjon 1 gjelder i dag, og har gjeldt siden 25. november 2026.",
        (1, "en"): "Version 1 applies today, and has applied since 25 November 2026.",
        (2, "nb"): "Versjon 2 gjelder i dag, og har gjeldt siden 1. januar 2027.",
        (2, "en"): "Version 2 applies today, and has applied since 1 January 2027."}[applying, language])
    assert {k: page[k] for k in STAMP[number, language]} == STAMP[number, language]


@LANGUAGES
def test_the_first_archived_version_has_no_changes(two, language):
    page = history.archived_page(load(two), language, 1)
    assert (page["previous"], page["changes"]) == (None, None)
    assert (page["kind"], page["summary"], page["notes"]) == ("archived", SUMMARY[1, language], [])
    assert (page["current_url"], page["history_url"]) == (PREFIX[language], f"{PREFIX[language]}versions/")


@pytest.mark.parametrize(("language", "sentence"), [
    ("nb", "Hos Nordlys Elektro lager vi lykter til lange vinterkvelder."),
    ("en", "At Nordlys Elektro we make lanterns for long winter evenings."),
])
def test_a_later_archived_version_shows_what_changed_in_its_language(two, language, sentence):
    page = history.archived_page(load(two), language, 2)
    assert page["previous"] == 1
    changes = page["changes"]
    assert isinstance(changes, Changes)
    assert [(c.id, c.kind, [b.kind for b in c.blocks]) for c in changes.sections] == [("", "changed", ["changed"])]
    assert "".join(p.text for p in changes.sections[0].blocks[0].pieces if p.kind != "del") == sentence
    assert changes.unchanged == 4


# --- what changed since a version, up to the version in force ------------------------------------------------------

THIRD = dt.date(2027, 2, 1)


@pytest.fixture
def three(two):
    """Version 3, adding a right, released on TODAY and taking effect on THIRD."""
    two.edit("docs/index.md", "- Rett til sletting", "- Rett til sletting\n- Rett til retting")
    two.edit("docs/index.en.md", "- Right to erasure", "- Right to erasure\n- Right to rectification")
    two.release(THIRD, "Ny rettighet.", "New right.")
    return two


@pytest.mark.parametrize(("today", "compared"), [
    (TODAY - dt.timedelta(days=1), []),  # no version in force yet
    (TODAY, [3]),                        # 1 in force; 2, next, says it in its own changes
    (SECOND, [1]),                       # 2 in force; 3 is next
    (THIRD, [1, 2]),
])
@LANGUAGES
def test_only_versions_other_than_the_one_in_force_and_the_next_are_compared_with_it(three, today, compared, language):
    project = load(three, today)
    assert [n for n in (1, 2, 3) if history.archived_page(project, language, n)["since"] is not None] == compared
    assert [(e["number"], e["since"]) for e in reversed(history.changelog(project, language)["entries"]) if e["since"]] == [
        (n, {"upcoming": n > project.in_force.number}) for n in compared]


@LANGUAGES
def test_an_earlier_version_shows_what_changed_up_to_the_version_in_force(three, language):
    project = load(three, THIRD)
    since = history.archived_page(project, language, 1)["since"]
    assert (since["number"], since["upcoming"]) == (3, False)
    one, three_ = (project.version(n).docs[language].body for n in (1, 3))
    assert since["changes"] == diff.compare(one, three_)
    assert [c.id for c in since["changes"].sections] == ["", "rights"]
    assert history.archived_page(project, language, 2)["since"]["changes"] == history.archived_page(project, language, 3)["changes"]


@LANGUAGES
def test_a_later_upcoming_version_shows_what_will_change_from_the_version_in_force(three, language):
    project = load(three, TODAY)
    since = history.archived_page(project, language, 3)["since"]
    assert (since["number"], since["upcoming"]) == (1, True)
    assert since["changes"] == diff.compare(*(project.version(n).docs[language].body for n in (1, 3)))
