"""Cutting a new version: what `make release` writes, and when it refuses and writes nothing."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import TODAY

from personvern import project as project_module
from personvern.problems import Invalid
from personvern.release import EXAMPLE_SUMMARY, main
from personvern.versions import fingerprint

SECOND = dt.date(2027, 1, 1)
SUMS = "docs/versions/SHA256SUMS"
SAME_TEXT = "docs/index.md: the text is the same as version 1 — change the text before you publish a new version"
STALE = ("docs/index.en.md: the nb text has changed but this translation has not; it may be out of date — "
         "update docs/index.en.md to match docs/index.md; if it needs no change, write \"translation_unchanged: true\" in "
         "docs/release.yml, or give `make release` RELEASE_ARGS=--translation-unchanged")
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])
FILES = {"nb": "2.md", "en": "2.en.md"}


# --- helpers ------------------------------------------------------------------------------------------------------

def edit(tiny, *languages: str) -> None:
    for language in languages:
        if language == "nb":
            tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
        else:
            tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")


def snapshot(tiny) -> dict[str, bytes]:
    """Every file under docs/, to show that a refused release wrote nothing."""
    return {p.relative_to(tiny.root).as_posix(): p.read_bytes() for p in sorted(tiny.docs.rglob("*")) if p.is_file()}


def refused(tiny, effective=SECOND, nb="Endret ordlyd.", en="Changed wording.", **options) -> list[str]:
    """The problems of a release that must fail, after checking that it changed no file."""
    before = snapshot(tiny)
    with pytest.raises(Invalid) as raised:
        tiny.release(effective, nb, en, **options)
    assert snapshot(tiny) == before
    return [str(problem) for problem in raised.value.problems]


def split(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


def load(tiny, strict: bool = True):
    return project_module.load(tiny.docs, tiny.root, TODAY, strict)


# --- what a release writes ----------------------------------------------------------------------------------------

def test_release_archives_both_languages_and_appends_fingerprints(tiny):
    old_sums = tiny.read(SUMS)
    edit(tiny, "nb", "en")
    written = tiny.release(SECOND, " Endret ordlyd. ", "Changed wording.")
    folder = tiny.docs / "versions"
    assert written == [folder / "2.md", folder / "2.en.md", folder / "SHA256SUMS"]
    assert tiny.read(SUMS) == old_sums + "".join(
        f"{fingerprint(tiny.read(f'docs/versions/{name}'))}  {name}\n" for name in ("2.md", "2.en.md"))
    project = load(tiny)  # strict: everything released, nothing stale
    assert [v.number for v in project.versions] == [1, 2]
    assert project.unreleased == []


@pytest.mark.parametrize(("language", "title", "summary"), [
    ("nb", "Personvernerklæring", "Endret ordlyd."),
    ("en", "Privacy statement", "Changed wording."),
])
def test_archived_front_matter(tiny, language, title, summary):
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    meta, _ = split(tiny.read(f"docs/versions/{FILES[language]}"))
    description = split(tiny.read("docs/" + FILES[language].replace("2", "index")))[0]["description"]
    assert meta == {"title": title, "version": 2, "effective": SECOND, "released": TODAY, "summary": summary,
                    "description": description}


@pytest.mark.parametrize(("language", "facts"), [
    ("nb", ["Hos Nordlys Elektro lager vi lykter til lange vinterkvelder.",
            "Nettsiden drives av Nordlys Elektro AS med organisasjonsnummer 123 456 785.",
            "- Lampeteller\n- Vinterlys\n",
            "Send en linje til post@nordlys-elektro.no eller ring butikken på 55 12 34 00."]),
    ("en", ["At Nordlys Elektro we make lanterns for long winter evenings.",
            "The site is run by Nordlys Elektro AS with organisation number 123 456 785.",
            "- Lampeteller\n- Vinterlys\n",
            "Drop a line to post@nordlys-elektro.no or ring the shop on 55 12 34 00."]),
])
def test_archived_text_has_the_facts_written_in(tiny, language, facts):
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    _, body = split(tiny.read(f"docs/versions/{FILES[language]}"))
    assert [fact for fact in facts if fact not in body] == []
    assert "{{" not in body and "{%" not in body and "}}" not in body and "%}" not in body


def test_archived_text_is_the_rendered_current_text(tiny):
    edit(tiny, "nb", "en")
    project = load(tiny, strict=False)
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    for language, name in FILES.items():
        assert split(tiny.read(f"docs/versions/{name}"))[1] == project.statement.text[language]


def test_notes_are_archived_per_language(tiny):
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.", notes={"nb": ["Ny setning.", "Ny liste."], "en": []})
    assert split(tiny.read("docs/versions/2.md"))[0]["notes"] == ["Ny setning.", "Ny liste."]
    assert "notes" not in split(tiny.read("docs/versions/2.en.md"))[0]


def test_a_translation_fix_alone_can_be_released(tiny):
    edit(tiny, "en")
    tiny.release(SECOND, "Rettet den engelske teksten.", "Corrected the English text.")
    assert "translation" not in split(tiny.read("docs/versions/2.en.md"))[0]
    assert load(tiny).warnings == []


def test_fingerprints_are_appended_on_their_own_lines_when_the_file_lacks_a_final_newline(tiny):
    tiny.write(SUMS, tiny.read(SUMS).rstrip("\n"))  # as an editor's text editor may save it
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    assert len(tiny.read(SUMS).splitlines()) == 4
    assert load(tiny).versions[-1].number == 2


# --- when a release refuses ---------------------------------------------------------------------------------------

def test_refuses_an_unchanged_text(tiny):
    assert refused(tiny) == [SAME_TEXT]


def test_refuses_an_effective_date_before_the_release_date(tiny):
    edit(tiny, "nb", "en")
    assert refused(tiny, TODAY - dt.timedelta(days=1)) == [
        "--effective: the effective date 2026-11-24 is before the release date 2026-11-25: a version cannot take "
        "effect retroactively — choose 2026-11-25 or a later date"
    ]


def test_refuses_an_effective_date_before_the_latest_version(tiny):
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    assert refused(tiny, dt.date(2026, 12, 31)) == [
        "--effective: the effective date 2026-12-31 is before version 2's (2027-01-01) — choose 2027-01-01 "
        "(a correction of version 2) or a later date"
    ]


@pytest.mark.parametrize("language, expected", [
    ("en", "--effective: the effective date 2207-01-01 is more than a year after the release date 2026-11-25 — check the "
           "year: an archived version can never be changed or removed, and every later version would have to take effect "
           "on 2207-01-01 or later; choose a date no later than 2027-11-26"),
    ("nb", "--effective: datoen 2207-01-01 er mer enn ett år etter utgivelsesdatoen 2026-11-25 — sjekk årstallet: en "
           "arkivert versjon kan aldri endres eller fjernes, og hver senere versjon måtte da gjelde fra 2207-01-01 eller "
           "senere; velg en dato senest 2027-11-26"),
])
def test_refuses_an_effective_date_more_than_a_year_ahead_a_typo_that_could_never_be_undone(tiny, monkeypatch, language,
                                                                                           expected):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    edit(tiny, "nb", "en")
    assert refused(tiny, dt.date(2207, 1, 1)) == [expected]
    assert refused(tiny, dt.date(9999, 12, 31))[0].startswith("--effective:")


def test_a_year_ahead_is_allowed(tiny):
    edit(tiny, "nb", "en")
    tiny.release(TODAY + dt.timedelta(days=366), "Endret ordlyd.", "Changed wording.")
    assert load(tiny).versions[-1].effective == dt.date(2027, 11, 26)


@pytest.mark.parametrize("effective", [TODAY, SECOND])
def test_a_correction_may_take_effect_on_the_same_day_as_the_version_it_corrects(tiny, effective):
    edit(tiny, "nb", "en")
    tiny.release(effective, "Endret ordlyd.", "Changed wording.")
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    tiny.release(effective, "Rettet versjon 2.", "Corrected version 2.")
    project = load(tiny)
    assert [(v.number, v.effective) for v in project.versions[1:]] == [(2, effective), (3, effective)]
    assert load(tiny).in_force.number == (3 if effective == TODAY else 1)


@LANGUAGES
@pytest.mark.parametrize("example", ["Kort sammendrag av endringen.", "Short summary of the change.",
                                     "  kort sammendrag av endringen ", "SHORT SUMMARY OF THE CHANGE"])
def test_refuses_the_readme_example_as_a_summary(tiny, language, example):
    edit(tiny, "nb", "en")
    summaries = {"nb": "Endret ordlyd.", "en": "Changed wording.", language: example}
    assert refused(tiny, **summaries) == [
        f"--summary-{language}: the summary in {language} is the README's example ({example.strip()}) — write what "
        "changed in this version"
    ]


def test_the_example_summaries_are_the_ones_the_readme_shows():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "summary: " + EXAMPLE_SUMMARY["nb"] in readme  # the example front matter
    assert [example in readme for example in EXAMPLE_SUMMARY.values()] == [True, True]


@LANGUAGES
@pytest.mark.parametrize("empty", ["", "   \n"])
def test_refuses_an_empty_summary(tiny, language, empty):
    edit(tiny, "nb", "en")
    summaries = {"nb": "Endret ordlyd.", "en": "Changed wording.", language: empty}
    assert refused(tiny, **summaries) == [
        f'--summary-{language}: no summary of the change in {language} — give SUMMARY_{language.upper()}="…" to `make release` (--summary-{language} to the command)'
    ]


def test_lists_every_reason_at_once(tiny):
    assert refused(tiny, TODAY - dt.timedelta(days=2), "", "") == [
        SAME_TEXT,
        "--effective: the effective date 2026-11-23 is before the release date 2026-11-25: a version cannot take "
        "effect retroactively — choose 2026-11-25 or a later date",
        '--summary-nb: no summary of the change in nb — give SUMMARY_NB="…" to `make release` (--summary-nb to the command)',
        '--summary-en: no summary of the change in en — give SUMMARY_EN="…" to `make release` (--summary-en to the command)',
    ]


def _contact_line(tiny, path: str, heading: str) -> int:
    return tiny.read(path).split("\n").index(heading) + 1


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    ("docs/index.md", "title: Personvernerklæring", "title:",
     lambda tiny: 'docs/index.md:2: the front matter field "title" is missing or empty — add "title: …" between the "---" lines'),
    ("docs/index.en.md", "Drop a line to {{ controller.email }} or ring the shop on {{ controller.phone }}.", "Drop us a line.",
     lambda tiny: f"docs/index.en.md:{_contact_line(tiny, 'docs/index.en.md', '## Contact {#contact}')}: the contact section "
                  "has no e-mail address or phone number — write {{ controller.email }} or {{ controller.phone }} in the section"),
])
def test_refuses_an_invalid_statement(tiny, path, old, new, expected):
    edit(tiny, "nb", "en")
    tiny.edit(path, old, new)
    assert refused(tiny) == [expected(tiny)]


def test_refuses_a_source_change_without_its_translation(tiny):
    edit(tiny, "nb")
    assert refused(tiny) == [STALE]


def test_translation_unchanged_lets_a_source_change_through_and_is_recorded(tiny):
    edit(tiny, "nb")
    tiny.release(SECOND, "Endret ordlyd.", "No change to the English text.", translation_unchanged=True)
    assert split(tiny.read("docs/versions/2.en.md"))[0]["translation"] == "unchanged"
    assert "translation" not in split(tiny.read("docs/versions/2.md"))[0]
    project = load(tiny)
    assert (project.unreleased, project.warnings) == ([], [])


def test_translation_unchanged_is_not_recorded_when_the_translation_did_change(tiny):
    edit(tiny, "nb", "en")
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.", translation_unchanged=True)
    assert "translation" not in split(tiny.read("docs/versions/2.en.md"))[0]


def test_an_old_version_with_a_stale_translation_does_not_block_later_releases(tiny):
    """A hand-made version 2 whose English text did not change; it is published and can't be fixed any more."""
    edit(tiny, "nb")
    tiny.release(SECOND, "Endret ordlyd.", "No change.", translation_unchanged=True)
    tiny.edit("docs/versions/2.en.md", "translation: unchanged\n", "")
    tiny.write(SUMS, "".join(line + "\n" for line in tiny.read(SUMS).splitlines()[:-1])
               + f"{fingerprint(tiny.read('docs/versions/2.en.md'))}  2.en.md\n")
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    tiny.release(dt.date(2027, 6, 1), "Tydeligere rettigheter.", "Clearer rights.")
    assert (tiny.docs / "versions" / "3.md").exists()


# --- the command editors run --------------------------------------------------------------------------------------

@pytest.fixture
def cli(tiny, monkeypatch):
    """Runs `personvern-release` in the tiny site's folder on TODAY."""
    monkeypatch.chdir(tiny.root)
    monkeypatch.setenv("PERSONVERN_TODAY", TODAY.isoformat())
    return lambda *args: main(["--effective", "2027-01-01", "--summary-nb", "Endret ordlyd.",
                               "--summary-en", "Changed wording.", *args])


def test_cli_publishes_and_says_what_it_wrote(tiny, cli, capsys):
    edit(tiny, "nb", "en")
    assert cli("--note-nb", "Ny setning.", "--note-en", "New sentence.") == 0
    out, err = capsys.readouterr()
    assert (out, err) == (
        "wrote docs/versions/2.md\nwrote docs/versions/2.en.md\nwrote docs/versions/SHA256SUMS\n"
        "Commit these files in the same pull request as the text change.\n", "")
    assert split(tiny.read("docs/versions/2.md"))[0] == {
        "title": "Personvernerklæring", "version": 2, "effective": SECOND, "released": TODAY,
        "summary": "Endret ordlyd.", "description": split(tiny.read("docs/index.md"))[0]["description"],
        "notes": ["Ny setning."]}
    assert split(tiny.read("docs/versions/2.en.md"))[0]["notes"] == ["New sentence."]


def test_cli_passes_translation_unchanged_on(tiny, cli, capsys):
    edit(tiny, "nb")
    assert cli("--translation-unchanged") == 0
    assert split(tiny.read("docs/versions/2.en.md"))[0]["translation"] == "unchanged"


def test_cli_prints_every_problem_and_publishes_nothing(tiny, cli, capsys):
    before = snapshot(tiny)
    assert cli() == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{SAME_TEXT}\nNothing was published: 1 problem(s).\n")
    assert snapshot(tiny) == before


def test_cli_reports_an_invalid_statement(tiny, cli, capsys):
    tiny.edit("docs/index.md", "title: Personvernerklæring", "title:")
    assert cli() == 1
    assert capsys.readouterr().err == (
        'docs/index.md:2: the front matter field "title" is missing or empty — add "title: …" between the "---" lines\n'
        "Nothing was published: 1 problem(s).\n")


def test_cli_rejects_a_date_that_is_not_a_date(tiny, monkeypatch, capsys):
    monkeypatch.chdir(tiny.root)
    before = snapshot(tiny)
    with pytest.raises(SystemExit) as exited:
        main(["--effective", "1.1.2027", "--summary-nb", "x", "--summary-en", "y"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith("argument --effective: '1.1.2027' is not a date; write YYYY-MM-DD\n")
    assert snapshot(tiny) == before


def test_cli_uses_the_docs_option(tiny, monkeypatch, capsys):
    monkeypatch.chdir(Path(tiny.root).parent)
    monkeypatch.setenv("PERSONVERN_TODAY", TODAY.isoformat())
    edit(tiny, "nb", "en")
    assert main(["--effective", "2027-01-01", "--summary-nb", "Endret.", "--summary-en", "Changed.",
                 "--docs", str(tiny.docs)]) == 0
    assert (tiny.docs / "versions" / "2.en.md").exists()


# --- a safe release: checked first, one at a time, atomic ---------------------------------------------------------

def test_summaries_and_notes_are_plain_text_named_by_their_argument(tiny):
    edit(tiny, "nb", "en")
    assert refused(tiny, SECOND, "Endret <script>alert(1)</script> ordlyd.", "Changed\u202e wording.",
                   notes={"nb": ["Ny setning.", " "], "en": ["x" * 5001]}) == [
        '--summary-nb: contains HTML ("<script>alert(1)</script> ordl…") — remove the markup: this field is plain text, '
        "shown exactly as written",
        "--note-nb: the text is empty — write it, or leave --note-nb out",
        "--summary-en: contains the character U+202E (RIGHT-TO-LEFT OVERRIDE), which is invisible or not allowed in "
        "the text — delete it: retype the text around it if you cannot see it",
        "--note-en: the text has 5001 characters; at most 5000 are allowed — write it shorter, and split long details "
        "into several notes (notes_… in docs/release.yml, --note-… to the command)",
    ]


def test_the_new_files_are_checked_with_the_loader_the_build_uses(tiny, monkeypatch):
    """Whatever the build checks in an archived text (typed plain-text fields, scripts) applies to a release, even
    past the release's own checks of its arguments."""
    from personvern import release
    monkeypatch.setattr(release, "_argument_problems", lambda place, values: [])
    edit(tiny, "nb", "en")
    assert refused(tiny, SECOND, "Endret <script>alert(1)</script> ordlyd.", "Changed wording.") == [
        'docs/versions/2.md:6: "summary" contains HTML ("<script>alert(1)</script> ordl…") — remove the markup: this '
        "field is plain text, shown exactly as written",
    ]


def test_a_second_release_while_one_holds_the_lock_is_refused(tiny):
    import fcntl
    import os

    edit(tiny, "nb", "en")
    handle = os.open(tiny.docs, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        assert refused(tiny) == [
            "docs: another release is running in this folder — wait until it has finished, then check whether you still need this one"
        ]
    finally:
        os.close(handle)
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")  # the lock is gone with its holder
    assert (tiny.docs / "versions" / "2.md").exists()


def test_two_releases_at_the_same_time_never_both_succeed(tiny):
    import os
    import subprocess
    import sys

    edit(tiny, "nb", "en")
    env = dict(os.environ, PERSONVERN_TODAY=TODAY.isoformat())
    command = [sys.executable, "-m", "personvern.cli", "release", "--effective", "2027-01-01",
               "--summary-nb", "Endret ordlyd.", "--summary-en", "Changed wording."]
    runs = [subprocess.Popen(command, cwd=tiny.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    assert sorted(code for code, _ in results) == [0, 1, 1, 1], results
    for code, err in results:
        assert code == 0 or err.splitlines()[0] in (
            SAME_TEXT.replace("1", "2"),
            "docs: another release is running in this folder — wait until it has finished, then check whether you still need this one"), err
    assert sorted(p.name for p in (tiny.docs / "versions").iterdir()) == [
        "1.en.md", "1.md", "2.en.md", "2.md", "SHA256SUMS", "index.en.md", "index.md"]
    assert load(tiny).versions[-1].number == 2


@pytest.mark.parametrize("fails_at", [1, 2, 3])
def test_a_release_that_fails_while_writing_leaves_nothing(tiny, monkeypatch, fails_at):
    import os

    edit(tiny, "nb", "en")
    before = snapshot(tiny)
    calls = []
    real = os.replace

    def replace(source, target):
        calls.append(target)
        if len(calls) == fails_at:
            raise KeyboardInterrupt  # as Ctrl-C would, or a full disk
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    assert snapshot(tiny) == before
    assert sorted(p.name for p in (tiny.docs / "versions").iterdir() if p.name.startswith(".")) == []


def test_each_file_is_written_under_a_temporary_name_and_renamed_sha256sums_last(tiny, monkeypatch):
    import os

    edit(tiny, "nb", "en")
    renamed = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda source, target: (renamed.append((Path(source).name[:17], Path(target).name)),
                                                               real(source, target)))
    tiny.release(SECOND, "Endret ordlyd.", "Changed wording.")
    assert [target for _, target in renamed] == ["2.md", "2.en.md", "SHA256SUMS"]
    assert all(source.startswith(f".release-{target}."[:17]) for source, target in renamed)


def test_cli_refuses_a_release_date_in_the_future(tiny):
    edit(tiny, "nb", "en")
    result = tiny.cli("personvern.cli", "release", "--effective", "2099-02-01", "--summary-nb", "Endret ordlyd.",
                      "--summary-en", "Changed wording.", today=dt.date(2099, 1, 1))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("PERSONVERN_TODAY: the release date 2099-01-01 is in the future (today is ")
    assert result.stderr.splitlines()[0].endswith(") — unset PERSONVERN_TODAY: a version is released on the day it is written")


@pytest.mark.parametrize(("argument", "value", "expected"), [
    ("--summary-nb", b"Endret \xff ordlyd.", "--summary-nb: the value is not valid UTF-8 text (byte 0xff)"),
    ("--summary-en", b"Changed \xe6.", "--summary-en: the value is not valid UTF-8 text (byte 0xe6)"),
    ("--note-nb", b"Bl\xe5", "--note-nb: the value is not valid UTF-8 text (byte 0xe5)"),
])
def test_cli_arguments_that_are_not_utf8_are_one_line(tiny, argument, value, expected):
    import os
    import subprocess
    import sys

    edit(tiny, "nb", "en")
    before = snapshot(tiny)
    arguments = {"--summary-nb": b"Endret.", "--summary-en": b"Changed.", argument: value}
    command = [sys.executable.encode(), b"-m", b"personvern.cli", b"release", b"--effective", b"2027-01-01"]
    for name, text in arguments.items():
        command += [name.encode(), text]
    env = dict(os.environ, PERSONVERN_TODAY=TODAY.isoformat(), LC_ALL="C.UTF-8")
    result = subprocess.run(command, cwd=tiny.root, env=env, capture_output=True)
    assert (result.returncode, result.stderr.decode()) == (
        2, f"{expected} — type it again in a terminal that uses UTF-8\n")
    assert snapshot(tiny) == before


def test_a_lone_surrogate_in_the_facts_is_a_message_not_a_crash(tiny):
    edit(tiny, "nb", "en")
    tiny.edit("docs/facts.yml", "phone: 55 12 34 00", 'phone: "55 12 \\ud800 00"')
    before = snapshot(tiny)
    result = tiny.cli("personvern.cli", "release", "--effective", "2027-01-01", "--summary-nb", "Endret.",
                      "--summary-en", "Changed.")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert all(": " in line and " — " in line for line in result.stderr.splitlines()[:-1]), result.stderr
    assert snapshot(tiny) == before


def test_a_file_the_system_will_not_replace_is_one_problem_after_the_rollback(tiny, monkeypatch):
    from personvern import writing
    edit(tiny, "nb", "en")
    replace = writing.os.replace

    def refuse_sums(source, target):
        if Path(target).name == "SHA256SUMS":
            raise PermissionError(1, "Operation not permitted", str(source), None, str(target))
        replace(source, target)

    monkeypatch.setattr(writing.os, "replace", refuse_sums)
    assert refused(tiny) == [
        "docs/versions/SHA256SUMS: the release could not write this file (Operation not permitted), and nothing was "
        "changed — make the file and its folder writable (check their permissions, and whether the disk is full), then "
        "run the release again"]
    assert not [p for p in tiny.docs.rglob("*.tmp")]
