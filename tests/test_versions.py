"""The archive of published versions, and the project's view of what is released: no MkDocs build."""
import datetime as dt

import pytest
import yaml
from conftest import SUMS, TODAY, archive_problems, sums, write_sums

from personvern import project as project_module
from personvern import archive, versions
from personvern.problems import Invalid
from personvern.versions import Version, fingerprint

LANGUAGE_FILES = pytest.mark.parametrize("name", ["1.md", "1.en.md"])

CORRECTION = ("publish a correction as a new version instead: edit docs/index.md and run `make release` "
              "(README › Ny versjon)")
UNRELEASED = ("{path}: the text differs from version 1 and is not published — publish it as a new version: write "
              "docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`; or undo the change")
STALE_CURRENT = ("docs/index.en.md: the nb text has changed but this translation has not; it may be out of date — "
                 "update docs/index.en.md to match docs/index.md; if it needs no change, write "
                 "\"translation_unchanged: true\" in docs/release.yml, or give `make release` RELEASE_ARGS=--translation-unchanged")
STALE_VERSION = ("docs/versions/2.en.md: the nb text changed in version 2 but this translation did not; it may be out "
                 "of date — if version 2 is not published yet, delete docs/versions/2.md and docs/versions/2.en.md and "
                 "their lines in docs/versions/SHA256SUMS, update the translation, and release again (`make release "
                 "RELEASE_ARGS=--translation-unchanged` if it needs no change); if it is published, publish the "
                 "corrected translation as a new version")


# --- helpers ------------------------------------------------------------------------------------------------------



def forget_fingerprint(tiny, name: str) -> None:
    kept = [line for line in sums(tiny) if not line.endswith(f"  {name}")]
    assert len(kept) == len(sums(tiny)) - 1, f"{name} has no fingerprint to forget"
    write_sums(tiny, kept)


def record_fingerprint(tiny, name: str) -> None:
    write_sums(tiny, [line for line in sums(tiny) if not line.endswith(f"  {name}")]
               + [f"{fingerprint(tiny.read(f'docs/versions/{name}'))}  {name}"])


def rewrite(tiny, name: str, old: str, new: str) -> None:
    """Edits an archived text and records its new fingerprint: an archive made by hand, not by `make release`."""
    tiny.edit(f"docs/versions/{name}", old, new)
    record_fingerprint(tiny, name)


def set_field(tiny, name: str, field: str, line: str | None) -> None:
    """Replaces the front matter line of `field` in an archived text with `line`, or drops it when None."""
    path = f"docs/versions/{name}"
    old = next(text for text in tiny.read(path).split("\n") if text.startswith(f"{field}:"))
    rewrite(tiny, name, f"{old}\n", "" if line is None else f"{line}\n")


def line_of(tiny, path: str, needle: str) -> int:
    return next(number for number, line in enumerate(tiny.read(path).split("\n"), start=1) if needle in line)


def edit_statement(tiny, language: str) -> None:
    if language == "nb":
        tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    else:
        tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")


def release_second(tiny, effective: str = "2027-01-01", **options) -> None:
    edit_statement(tiny, "nb")
    edit_statement(tiny, "en")
    tiny.release(effective, "Endret ordlyd.", "Changed wording.", **options)


def load(tiny, today: dt.date = TODAY, strict: bool = False):
    return project_module.load(tiny.docs, tiny.root, today, strict)


# --- loading ------------------------------------------------------------------------------------------------------

def test_loads_every_version_oldest_first_in_both_languages(tiny):
    release_second(tiny, notes={"nb": ["Ny setning."], "en": ["New sentence."]})
    problems = []
    loaded = versions.load(tiny.docs / "versions", tiny.root, problems)
    assert problems == []
    assert [(v.number, v.effective, sorted(v.docs)) for v in loaded] == [
        (1, TODAY, ["en", "nb"]),
        (2, dt.date(2027, 1, 1), ["en", "nb"]),
    ]
    first, second = loaded
    assert [first.summary("nb"), first.summary("en")] == ["Første versjon.", "First version."]
    assert [second.summary("nb"), second.summary("en")] == ["Endret ordlyd.", "Changed wording."]
    assert [first.notes("nb"), second.notes("nb"), second.notes("en")] == [[], ["Ny setning."], ["New sentence."]]
    assert second.released() == TODAY
    assert [d.shown for d in second.docs.values()] == ["docs/versions/2.md", "docs/versions/2.en.md"]
    assert "Hos Nordlys Elektro lager vi lykter til lange vinterkvelder." in second.docs["nb"].body
    assert "At Nordlys Elektro we make lanterns for long winter evenings." in second.docs["en"].body


def test_released_falls_back_to_the_effective_date(tiny):
    release_second(tiny)
    set_field(tiny, "2.md", "released", None)
    set_field(tiny, "2.en.md", "released", None)
    problems = []
    loaded = versions.load(tiny.docs / "versions", tiny.root, problems)
    assert problems == []
    assert [v.released() for v in loaded] == [TODAY, dt.date(2027, 1, 1)]


def test_no_archive_folder_means_no_versions(tmp_path):
    problems = []
    assert versions.load(tmp_path / "versions", tmp_path, problems) == []
    assert problems == []


# --- front matter of archived texts --------------------------------------------------------------------------------

@LANGUAGE_FILES
def test_a_version_number_not_matching_the_file_name_is_an_error(tiny, name):
    rewrite(tiny, name, "version: 1\n", "version: 2\n")
    line = line_of(tiny, f"docs/versions/{name}", "version: 2")
    assert archive_problems(tiny) == [
        f'docs/versions/{name}:{line}: "version: 2" does not match the file name — write "version: 1"'
    ]


@LANGUAGE_FILES
@pytest.mark.parametrize("value", ["soon", "25.11.2026", "2026-11-25 noon"])
def test_an_effective_date_that_is_not_a_date_is_an_error(tiny, name, value):
    rewrite(tiny, name, "2026-11-25", value)
    line = line_of(tiny, f"docs/versions/{name}", "effective:")
    assert archive_problems(tiny) == [
        f'docs/versions/{name}:{line}: "effective: {value}" is not a date — write the date as "effective: YYYY-MM-DD"'
    ]


@LANGUAGE_FILES
def test_an_effective_date_that_does_not_exist_is_an_error_not_a_crash(tiny, name):
    rewrite(tiny, name, "effective: 2026-11-25", "effective: 2026-11-31")
    line = line_of(tiny, f"docs/versions/{name}", "effective:")
    assert archive_problems(tiny) == [
        f'docs/versions/{name}:{line}: "effective: 2026-11-31" is not a real date (day is out of range for month) — '
        "write a date that exists, as YYYY-MM-DD"
    ]


def test_an_effective_date_with_a_time_is_an_error_not_a_crash(tiny):
    for name in ("1.md", "1.en.md"):
        rewrite(tiny, name, "2026-11-25", "2026-11-25T12:00:00")
    with pytest.raises(Invalid) as raised:
        load(tiny)
    assert [str(p) for p in raised.value.problems] == [
        f'docs/versions/{name}:{line_of(tiny, f"docs/versions/{name}", "effective:")}: "effective: 2026-11-25T12:00:00" '
        'is a date and time, not a date — write the date only, as "effective: 2026-11-25"'
        for name in ("1.md", "1.en.md")
    ]


@LANGUAGE_FILES
@pytest.mark.parametrize("field", ["version", "effective"])
def test_a_missing_field_is_reported_once(tiny, name, field):
    path = f"docs/versions/{name}"
    set_field(tiny, name, "released", "released: 2026-11-25")  # it may refer to the effective date's value
    set_field(tiny, name, field, None)
    assert archive_problems(tiny) == [
        f'{path}:1: the front matter field "{field}" is missing or empty — add "{field}: …" between the "---" lines'
    ]


def test_effective_dates_differing_between_languages_are_an_error(tiny):
    rewrite(tiny, "1.en.md", "2026-11-25", "2026-11-26")
    line = line_of(tiny, "docs/versions/1.en.md", "effective:")
    assert archive_problems(tiny) == [
        f"docs/versions/1.en.md:{line}: the effective date differs between languages (2026-11-25, 2026-11-26) — "
        "use the same effective date in every language"
    ]


def test_effective_dates_must_not_go_back(tiny):
    release_second(tiny, "2026-12-01")
    for name in ("2.md", "2.en.md"):
        rewrite(tiny, name, "2026-12-01", "2026-11-20")
        set_field(tiny, name, "released", "released: 2026-11-20")
    line = line_of(tiny, "docs/versions/2.md", "effective:")
    assert archive_problems(tiny) == [
        f"docs/versions/2.md:{line}: version 2 takes effect 2026-11-20, before version 1 (2026-11-25) — "
        "give each version the same effective date as the one before (a correction) or a later one"
    ]


def test_a_correction_takes_effect_on_the_same_day_and_replaces_the_version_it_corrects(tiny):
    release_second(tiny, "2027-01-01")
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    tiny.release("2027-01-01", "Rettet versjon 2.", "Corrected version 2.")
    project = load(tiny, strict=True)
    assert [(v.number, v.effective) for v in project.versions] == [(1, TODAY), (2, dt.date(2027, 1, 1)), (3, dt.date(2027, 1, 1))]
    second, third = project.versions[1:]
    assert [v.number for v in project.upcoming] == [3]
    assert versions.corrected_by(project.versions, second) is third
    assert versions.until(project.versions, project.versions[0]) == dt.date(2026, 12, 31)
    assert versions.until(project.versions, second) is None
    assert load(tiny, dt.date(2027, 1, 1)).in_force.number == third.number == 3


def test_a_version_released_after_it_took_effect_is_an_error(tiny):
    release_second(tiny, "2026-12-01")
    for name in ("2.md", "2.en.md"):
        set_field(tiny, name, "released", "released: 2026-12-02")
    line = line_of(tiny, "docs/versions/2.md", "released:")
    assert archive_problems(tiny) == [
        f"docs/versions/2.md:{line}: version 2 was released on 2026-12-02, after it took effect (2026-12-01): a version "
        "cannot take effect retroactively — if version 2 is not published yet, delete its files and their lines in "
        "docs/versions/SHA256SUMS and release it again with `make release`"
    ]


@pytest.mark.parametrize("language, expected", [
    ("en", "version 2 takes effect 2207-12-01, more than a year after its release (2026-11-25) — only a release writes "
           "the dates, and it refuses that one: if version 2 is not published yet, delete its files and their lines in "
           "docs/versions/SHA256SUMS and release it again with `make release`"),
    ("nb", "versjon 2 gjelder fra 2207-12-01, mer enn ett år etter utgivelsesdatoen (2026-11-25) — bare publiseringen "
           "skriver datoene, og den avviser den datoen: er versjon 2 ikke publisert ennå, slett filene og linjene deres i "
           "docs/versions/SHA256SUMS, og publiser den på nytt med `make release`"),
])
def test_a_version_made_by_hand_to_take_effect_more_than_a_year_ahead_is_an_error(tiny, monkeypatch, language, expected):
    """What `make release` refuses, a version written by hand with its fingerprints may not do either."""
    monkeypatch.setenv("PERSONVERN_LANG", language)
    release_second(tiny, "2026-12-01")
    for name in ("2.md", "2.en.md"):
        set_field(tiny, name, "effective", "effective: 2207-12-01")
    line = line_of(tiny, "docs/versions/2.md", "effective:")
    assert archive_problems(tiny) == [f"docs/versions/2.md:{line}: {expected}"]


def test_a_gap_in_the_numbering_is_an_error(tiny):
    release_second(tiny)
    folder = tiny.docs / "versions"
    for language in ("", ".en"):
        old, new = f"2{language}.md", f"3{language}.md"
        (folder / old).rename(folder / new)
        forget_fingerprint(tiny, old)
        rewrite(tiny, new, "version: 2\n", "version: 3\n")
    assert archive_problems(tiny) == [
        "docs/versions/3.md: version 3 follows version 1; version 2 is missing — number versions 1, 2, 3 … without gaps"
    ]


@pytest.mark.parametrize(("name", "old", "new", "reads"), [
    ("1.md", "Nordlys Elektro lager", "{{ controller.short_name }} lager", "Hos Nordlys Elektro lager vi lamper til lange vinterkvelder."),
    ("1.en.md", "Nordlys Elektro we", "{{ controller.short_name }} we", "At Nordlys Elektro we make lamps for long winter evenings."),
    ("1.md", "- Vinterlys", "{% for p in cookie_providers %}- {{ p.name }}{% endfor %}", "- Lampeteller- Vinterlys"),
    ("1.en.md", "- Vinterlys", "{% for p in cookie_providers %}- {{ p.name }}{% endfor %}", "- Lampeteller- Vinterlys"),
])
def test_a_placeholder_in_an_archived_text_is_an_error(tiny, name, old, new, reads):
    rewrite(tiny, name, old, new)
    line = line_of(tiny, f"docs/versions/{name}", new)
    assert archive_problems(tiny) == [
        f"docs/versions/{name}:{line}: an archived text contains a placeholder — write the fact itself "
        "(`make release` writes archived texts with the facts filled in)"
    ]
    problems = []
    versions.load(tiny.docs / "versions", tiny.root, problems, facts=yaml.safe_load(tiny.read("docs/facts.yml")))
    assert [str(problem) for problem in problems] == [
        f'docs/versions/{name}:{line}: an archived text contains a placeholder — write the fact itself; today it reads: '
        f'"{reads}" (`make release` writes archived texts with the facts filled in)'
    ]


# --- which version applies on a given day (dates injected, never the clock) ----------------------------------------

SERIES = [Version(1, dt.date(2026, 11, 25)), Version(2, dt.date(2027, 1, 1)), Version(3, dt.date(2027, 6, 1))]


@pytest.mark.parametrize(("today", "in_force", "upcoming"), [
    (dt.date(2026, 11, 24), None, [1, 2, 3]),
    (dt.date(2026, 11, 25), 1, [2, 3]),
    (dt.date(2026, 12, 31), 1, [2, 3]),
    (dt.date(2027, 1, 1), 2, [3]),
    (dt.date(2027, 5, 31), 2, [3]),
    (dt.date(2027, 6, 1), 3, []),
    (dt.date(2030, 1, 1), 3, []),
])
def test_in_force_and_upcoming(today, in_force, upcoming):
    found = versions.in_force(SERIES, today)
    assert (found.number if found else None) == in_force
    assert [v.number for v in versions.upcoming(SERIES, today)] == upcoming


@pytest.mark.parametrize(("number", "last_day"), [
    (1, dt.date(2026, 12, 31)),
    (2, dt.date(2027, 5, 31)),
    (3, None),
])
def test_until_is_the_day_before_the_next_version(number, last_day):
    assert versions.until(SERIES, SERIES[number - 1]) == last_day


def test_before_any_version_applies_the_page_shows_the_correction_of_the_first_not_the_first():
    series = [Version(1, dt.date(2027, 1, 1)), Version(2, dt.date(2027, 1, 1)), Version(3, dt.date(2027, 6, 1))]
    project = project_module.Project(("nb", "en"), TODAY, {}, None, series)
    assert project.in_force.number == 2
    assert [v.number for v in project.upcoming] == [2, 3]
    assert project_module.Project(("nb", "en"), TODAY, {}, None, SERIES).in_force.number == 1


def test_no_versions_apply_when_there_are_none():
    assert versions.in_force([], TODAY) is None
    assert versions.upcoming([], TODAY) == []


# --- project.load: what is released, and translations that may be out of date ------------------------------------

def test_a_released_project_has_nothing_unreleased(tiny):
    project = load(tiny, strict=True)
    assert project.unreleased == []
    assert project.warnings == []
    assert [v.number for v in project.versions] == [1]
    assert project.in_force is project.versions[0]


@pytest.mark.parametrize(("edited", "unreleased"), [
    (["nb"], ["nb"]),
    (["en"], ["en"]),
    (["nb", "en"], ["nb", "en"]),
])
def test_unreleased_text_is_detected_per_language(tiny, edited, unreleased):
    for language in edited:
        edit_statement(tiny, language)
    assert load(tiny).unreleased == unreleased


def test_a_changed_title_is_unreleased(tiny):
    tiny.edit("docs/index.en.md", "title: Privacy statement", "title: Privacy notice")
    assert load(tiny).unreleased == ["en"]


def test_a_changed_fact_makes_both_languages_unreleased(tiny):
    tiny.edit("docs/facts.yml", "phone: 55 12 34 00", "phone: 55 12 34 01")
    assert load(tiny).unreleased == ["nb", "en"]


def test_whitespace_at_line_ends_and_around_the_text_is_not_a_change(tiny):
    tiny.edit("docs/index.md", "lager vi lamper til lange vinterkvelder.", "lager vi lamper til lange vinterkvelder.   ")
    tiny.write("docs/index.en.md", tiny.read("docs/index.en.md") + "\n\n")
    project = load(tiny)
    assert (project.unreleased, project.warnings) == ([], [])


def test_strict_makes_unreleased_text_an_error(tiny):
    edit_statement(tiny, "nb")
    edit_statement(tiny, "en")
    assert load(tiny).warnings == []
    with pytest.raises(Invalid) as raised:
        load(tiny, strict=True)
    assert [str(p) for p in raised.value.problems] == [
        UNRELEASED.format(path="docs/index.md"),
        UNRELEASED.format(path="docs/index.en.md"),
    ]


def test_unreleased_source_change_with_unchanged_translation_warns(tiny):
    edit_statement(tiny, "nb")
    project = load(tiny)
    assert project.unreleased == ["nb"]
    assert [str(w) for w in project.warnings] == [STALE_CURRENT]
    with pytest.raises(Invalid) as raised:
        load(tiny, strict=True)
    assert [str(p) for p in raised.value.problems] == [UNRELEASED.format(path="docs/index.md"), STALE_CURRENT]


def test_a_translation_only_change_needs_no_warning(tiny):
    edit_statement(tiny, "en")
    assert load(tiny).warnings == []


def test_translation_unchanged_suppresses_the_stale_translation_warning(tiny):
    edit_statement(tiny, "nb")
    tiny.release("2027-01-01", "Endret ordlyd.", "No change in English.", translation_unchanged=True)
    assert "translation: unchanged" in tiny.read("docs/versions/2.en.md")
    project = load(tiny, strict=True)
    assert (project.unreleased, project.warnings) == ([], [])


def test_a_version_whose_translation_did_not_change_warns(tiny):
    edit_statement(tiny, "nb")
    tiny.release("2027-01-01", "Endret ordlyd.", "No change in English.", translation_unchanged=True)
    rewrite(tiny, "2.en.md", "translation: unchanged\n", "")
    project = load(tiny)
    assert project.unreleased == []
    assert [str(w) for w in project.warnings] == [STALE_VERSION]
    assert "fingerprint" not in STALE_VERSION.split(" — ")[1]  # no message asks to fingerprint an unreviewed file
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    tiny.release("2027-06-01", "Tydeligere rettigheter.", "Clearer rights.")
    assert load(tiny, strict=True).warnings == []  # once published and followed, a record is not nagged about


def test_a_version_whose_translation_changed_only_its_title_builds_strictly(tiny):
    """The English title changed, so `make release` let it through; the published archive can't be edited afterwards,
    so a warning about it (an error in `mkdocs build --strict`) could never be fixed."""
    edit_statement(tiny, "nb")
    tiny.edit("docs/index.en.md", "title: Privacy statement", "title: Privacy notice")
    tiny.release("2027-01-01", "Endret ordlyd.", "New title.")
    project = load(tiny, strict=True)
    assert (project.unreleased, project.warnings) == ([], [])


def test_invalid_statement_and_archive_problems_are_reported_together(tiny):
    tiny.edit("docs/index.md", "title: Personvernerklæring", "title:")
    tiny.edit("docs/versions/1.en.md", "The site is run by", "This site is run by")
    with pytest.raises(Invalid) as raised:
        load(tiny)
    assert [str(p) for p in raised.value.problems] == [
        'docs/index.md:2: the front matter field "title" is missing or empty — add "title: …" between the "---" lines',
        "docs/versions/1.en.md: this archived text does not match its fingerprint (docs/versions/SHA256SUMS:2): the text "
        "or that line was changed after it was published — restore the text (git checkout -- docs/versions/1.en.md); "
        "if the text is as published, restore the line instead (git checkout -- docs/versions/SHA256SUMS). "
        "`personvern verify-archive --base main` tells which one changed. Archived versions are legal records; "
        f"to change the text, {CORRECTION}",
    ]


def test_archive_front_matter_and_numbering_are_reported_in_norwegian(tiny, monkeypatch):
    rewrite(tiny, "1.md", "version: 1\n", "version: 2\n")
    line = line_of(tiny, "docs/versions/1.md", "version: 2")
    english = archive_problems(tiny)
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert archive_problems(tiny) == [f"docs/versions/1.md:{line}: «version: 2» stemmer ikke med filnavnet — skriv «version: 1»"]
    assert english == [f'docs/versions/1.md:{line}: "version: 2" does not match the file name — write "version: 1"']


def test_a_placeholder_in_an_archived_text_is_reported_in_norwegian_with_what_it_reads(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    rewrite(tiny, "1.md", "Nordlys Elektro lager", "{{ controller.short_name }} lager")
    line = line_of(tiny, "docs/versions/1.md", "{{ controller.short_name }} lager")
    problems = []
    versions.load(tiny.docs / "versions", tiny.root, problems, facts=yaml.safe_load(tiny.read("docs/facts.yml")))
    assert [str(problem) for problem in problems] == [
        f"docs/versions/1.md:{line}: en arkivert tekst inneholder en plassholder — skriv selve faktumet; i dag blir den "
        "til «Hos Nordlys Elektro lager vi lamper til lange vinterkvelder.» (`make release` skriver arkiverte tekster med faktaene fylt inn)"]


def test_a_release_date_written_by_hand_before_the_previous_versions_is_refused(tiny):
    """Only a release writes the day it was made, and days only go forward."""
    tiny.edit("docs/index.md", "Send en linje til", "Ny setning.\n\nSend en linje til")
    tiny.edit("docs/index.en.md", "Drop a line to", "New sentence.\n\nDrop a line to")
    tiny.release("2026-12-01")
    for name in ("2.md", "2.en.md"):
        tiny.edit(f"docs/versions/{name}", f"released: {tiny.today}", "released: 2026-11-01")
    tiny.write("docs/versions/SHA256SUMS", "".join(
        f"{archive.digest_of(path)}  {path.name}\n" for path in sorted((tiny.docs / "versions").glob("[0-9]*.md"))))
    problems = []
    versions.load(tiny.docs / "versions", tiny.root, problems)
    line = tiny.read("docs/versions/2.md").split("\n").index("released: 2026-11-01") + 1
    assert [str(p) for p in problems] == [
        f"docs/versions/2.md:{line}: version 2 says it was released 2026-11-01, before version 1 ({tiny.today}) — only a "
        "release writes the release date: delete version 2's files and their lines in SHA256SUMS, and publish it again "
        "with the release file or `make release`"]
