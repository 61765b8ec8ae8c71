"""Publishing from docs/release.yml: validated in the pull request, archived after the merge by the workflow's script."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from personvern import release_file
from personvern.problems import Invalid

RELEASE = """\
effective: 2027-01-01
summary_nb: Presisert innledningen.
summary_en: Clarified the introduction.
"""


def change_text(tiny) -> None:
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")


def problems_of(tiny, text: str) -> list[str]:
    tiny.write("docs/release.yml", text)
    with pytest.raises(Invalid) as raised:
        release_file.read(tiny.docs / "release.yml", "docs/release.yml")
    return [str(problem) for problem in raised.value.problems]


def test_a_valid_file_is_read_with_its_types(tiny):
    tiny.write("docs/release.yml", RELEASE + "notes_nb:\n  - Ny setning.\nnotes_en:\n  - New sentence.\n")
    request = release_file.read(tiny.docs / "release.yml", "docs/release.yml")
    assert request == release_file.Request(dt.date(2027, 1, 1), {"nb": "Presisert innledningen.", "en": "Clarified the introduction."},
                                           {"nb": ["Ny setning."], "en": ["New sentence."]}, False)


def test_every_fault_is_one_line_on_its_line(tiny):
    assert problems_of(tiny, "effective: 1. januar\nsummary_nb: <b>Ny</b> tekst.\nsummary: x\ntranslation_unchanged: ja\n") == [
        'docs/release.yml:1: "effective: 1. januar" is not a date — write the date as "effective: YYYY-MM-DD"',
        'docs/release.yml:2: "summary_nb" contains HTML ("<b>Ny</b> tekst.") — remove the markup: this field is plain text, '
        "shown exactly as written",
        'docs/release.yml:3: unknown field "summary" (did you mean "summary_nb"?) — use only effective, summary_nb, summary_en, '
        "notes_nb, notes_en, translation_unchanged",
        'docs/release.yml:4: "translation_unchanged" must be true or false — write "translation_unchanged: true", or leave the field out',
        'docs/release.yml:1: the field "summary_en" is missing or empty — add "summary_en: …"',
    ]


def test_a_date_that_does_not_exist_and_broken_yaml(tiny):
    assert problems_of(tiny, RELEASE.replace("2027-01-01", "2027-02-30")) == [
        'docs/release.yml:1: "effective: 2027-02-30" is not a real date (day is out of range for month) — write a date that exists, as YYYY-MM-DD']
    assert problems_of(tiny, RELEASE + "summary_en: [oops\n") == [
        "docs/release.yml:5: the file is not valid YAML (expected ',' or ']', but got '<stream end>') — write each field as \"name: value\" on its own line; put a text that contains \": \" in quotes, for example "
        "summary_en: \"Changed: the phone number\""]


def test_check_accepts_a_changed_text_with_a_release_file_and_says_what_it_publishes(tiny):
    change_text(tiny)
    assert tiny.cli("personvern.cli", "check").returncode == 1  # without the file, the text is unpublished
    tiny.write("docs/release.yml", RELEASE)
    result = tiny.cli("personvern.cli", "check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["docs/release.yml: publishes version 2, effective 2027-01-01", "docs: no problems"]
    assert not (tiny.docs / "versions" / "2.md").exists(), "the check changes nothing"


@pytest.mark.parametrize("language, line", [
    ("en", "docs/release.yml: publishes version 2, effective today ({today}) — merge it today: merged after midnight "
           "(Norwegian time) it would take effect before its release, and publishing stops until the date is changed"),
    ("nb", "docs/release.yml: publiserer versjon 2, som gjelder fra i dag ({today}) — slå den sammen i dag: slått sammen "
           "etter midnatt (norsk tid) ville den gjelde før den ble publisert, og publiseringen stopper til datoen er endret"),
])
def test_a_release_file_taking_effect_today_says_to_merge_today(tiny, monkeypatch, language, line):
    """The release date is the day of the merge: a version checked today for today is refused as retroactive
    tomorrow, and the publish workflow stops there."""
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE.replace("2027-01-01", tiny.today.isoformat()))
    monkeypatch.setenv("PERSONVERN_LANG", language)
    result = tiny.cli("personvern.cli", "check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == line.format(today=tiny.today.isoformat())


def test_a_release_file_for_a_text_already_published_is_left_over(tiny, monkeypatch):
    """After `make release`, or in a pull request that changes no text, the file has nothing left to publish."""
    tiny.write("docs/release.yml", RELEASE)
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/release.yml: the text is already published as version 1, so this file is left over — delete "
        "docs/release.yml; to publish a new version, change the text first",
        "1 problem(s). Fix them and check again."]
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert tiny.cli("personvern.cli", "check").stderr.splitlines()[0] == (
        "docs/release.yml: teksten er allerede publisert som versjon 1, så denne filen er til overs — slett "
        "docs/release.yml; vil du publisere en ny versjon, må du endre teksten først")


def test_check_reports_what_the_release_would_refuse(tiny):
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE.replace("2027-01-01", "2026-01-01"))
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"docs/release.yml:1: the effective date 2026-01-01 is before the release date {tiny.today}: a version cannot take "
        f"effect retroactively — choose {tiny.today} or a later date",
        "1 problem(s). Fix them and check again."]


def test_check_refuses_a_mistyped_year_on_the_line_of_the_date(tiny):
    """A version taking effect in 2207 could never be undone: every later one would have to take effect then too."""
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE.replace("2027-01-01", "2207-01-01"))
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    latest = tiny.today + dt.timedelta(days=366)
    assert result.stderr.splitlines() == [
        f"docs/release.yml:1: the effective date 2207-01-01 is more than a year after the release date {tiny.today} — "
        "check the year: an archived version can never be changed or removed, and every later version would have to "
        f"take effect on 2207-01-01 or later; choose a date no later than {latest}",
        "1 problem(s). Fix them and check again."]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_what_the_release_refuses_is_reported_on_the_line_of_the_field(tiny, monkeypatch, language):
    """Not on the text, and not as a command's argument: the editor wrote the date and the summary in this file."""
    from personvern.release import EXAMPLE_SUMMARY
    change_text(tiny)
    tiny.write("docs/release.yml", f"# ny versjon\nsummary_nb: {EXAMPLE_SUMMARY['nb']}\nsummary_en: Clarified the intro.\n"
                                   "effective: 2026-01-01\n")
    monkeypatch.setenv("PERSONVERN_LANG", language)
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == {
        "en": [f"docs/release.yml:4: the effective date 2026-01-01 is before the release date {tiny.today}: a version "
               f"cannot take effect retroactively — choose {tiny.today} or a later date",
               f"docs/release.yml:2: the summary in nb is the README's example ({EXAMPLE_SUMMARY['nb']}) — write what "
               "changed in this version"],
        "nb": [f"docs/release.yml:4: datoen 2026-01-01 er før utgivelsesdatoen {tiny.today}: en versjon kan ikke gjelde "
               f"bakover i tid — velg {tiny.today} eller en senere dato",
               f"docs/release.yml:2: sammendraget på nb er eksempelet fra README ({EXAMPLE_SUMMARY['nb']}) — skriv hva "
               "som er endret i denne versjonen"],
    }[language]


def test_a_wrong_date_is_reported_in_the_same_round_as_the_files_other_faults(tiny):
    change_text(tiny)
    tiny.write("docs/release.yml", "effective: 2026-01-01\nsummary_nb: Presisert.\nsummary_en: Clarified.\n"
                                   "translation_unchanged: ja\n")
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'docs/release.yml:4: "translation_unchanged" must be true or false — write "translation_unchanged: true", or '
        "leave the field out",
        f"docs/release.yml:1: the effective date 2026-01-01 is before the release date {tiny.today}: a version cannot "
        f"take effect retroactively — choose {tiny.today} or a later date",
        "2 problem(s). Fix them and check again."]


def test_the_job_summary_shows_version_dates_summaries_and_changed_sections(tiny, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("summary")
    change_text(tiny)
    tiny.edit("docs/index.md", "- Rett til sletting", "- Rett til sletting\n- Rett til dataportabilitet")
    tiny.edit("docs/index.en.md", "- Right to erasure", "- Right to erasure\n- Right to data portability")
    tiny.write("docs/release.yml", RELEASE)
    summary = tmp_path / "summary.md"
    result = subprocess.run([str(Path(os.sys.executable).parent / "personvern"), "check", "--format", "github"],
                            cwd=tiny.root, capture_output=True, text=True,
                            env=dict(os.environ, PERSONVERN_TODAY="2026-11-25", GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert "### docs/release.yml: version 2" in text
    assert "| Effective | 1 January 2027 (2027-01-01), in 37 days |" in text
    assert "| Summary (nb) | Presisert innledningen\\. |" in text
    assert "| Summary (en) | Clarified the introduction\\. |" in text
    assert "| Changed sections (nb) | Personvernerklæring, Dette kan du kreve |" in text
    assert "| Changed sections (en) | Privacy statement, What you can ask of us |" in text


def test_in_norwegian_the_check_and_its_summary_speak_norwegian(tiny, tmp_path_factory):
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE)
    summary = tmp_path_factory.mktemp("summary") / "summary.md"
    result = subprocess.run([str(Path(os.sys.executable).parent / "personvern"), "check", "--format", "github"],
                            cwd=tiny.root, capture_output=True, text=True,
                            env=dict(os.environ, PERSONVERN_TODAY="2026-11-25", GITHUB_STEP_SUMMARY=str(summary),
                                     PERSONVERN_LANG="nb"))
    assert result.stdout.splitlines() == ["docs/release.yml: publiserer versjon 2, som gjelder fra 2027-01-01",
                                          "docs: ingen problemer"]
    text = summary.read_text(encoding="utf-8")
    assert "## personvernsjekken\n\nIngen problemer." in text
    assert "| Gjelder fra | 1. januar 2027 (2027-01-01), om 37 dager |" in text
    assert "| Endrede seksjoner (en) | Privacy statement |" in text


def test_release_from_file_refuses_a_bad_file_and_changes_nothing(tiny):
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE.replace("summary_en: Clarified the introduction.\n", ""))
    before = sorted(p.name for p in (tiny.docs / "versions").iterdir())
    result = tiny.cli("personvern.cli", "release", "--from-file", "docs/release.yml")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "Nothing was published: 1 problem(s)."
    assert sorted(p.name for p in (tiny.docs / "versions").iterdir()) == before
    assert (tiny.docs / "release.yml").exists()


def _project_copy(tiny, folder: Path) -> Path:
    """The tiny site as a git repository with the project's Makefile and scripts, using this project's .venv."""
    shutil.copytree(tiny.root, folder, ignore=shutil.ignore_patterns("site"))
    for name in ("Makefile", "pyproject.toml", ".ci/release-from-file"):
        (folder / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    (folder / ".venv").mkdir()
    (folder / ".venv" / "bin").symlink_to(Path(os.sys.executable).parent)
    (folder / ".venv" / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(folder)], check=True)
    subprocess.run([*git, "-C", str(folder), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(folder), "commit", "--quiet", "-m", "text changed"], check=True)
    return folder


def _docs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "docs").rglob("*")) if p.is_file()}


def test_the_publish_workflows_script_gives_what_make_release_gives(tiny, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("copies")
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.skip("make and git are needed")
    change_text(tiny)
    env = dict(os.environ, PERSONVERN_TODAY="2026-11-25", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid", MAKEFLAGS="")
    by_hand = _project_copy(tiny, tmp_path / "by-hand")
    subprocess.run(["make", "--no-print-directory", "release", "EFFECTIVE=2027-01-01", "SUMMARY_NB=Presisert innledningen.",
                    "SUMMARY_EN=Clarified the introduction."], cwd=by_hand, env=env, check=True, capture_output=True)
    tiny.write("docs/release.yml", RELEASE)
    by_file = _project_copy(tiny, tmp_path / "by-file")
    result = subprocess.run(["bash", ".ci/release-from-file"], cwd=by_file, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-2:] == ["published version 2", "committed version 2"]
    assert _docs(by_file) == _docs(by_hand)
    assert not (by_file / "docs" / "release.yml").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=by_file, capture_output=True, text=True).stdout
    assert status == "", "the archived files are committed and docs/release.yml is removed in the same commit"
    log = subprocess.run(["git", "show", "--stat", "--format=%s", "HEAD"], cwd=by_file, capture_output=True, text=True).stdout
    assert log.splitlines()[0] == "Version 2, from docs/release.yml"
    assert "docs/release.yml" in log and "docs/versions/2.md" in log and "docs/versions/SHA256SUMS" in log


def test_the_script_does_nothing_without_a_release_file(tiny, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("copies")
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.skip("make and git are needed")
    copy = _project_copy(tiny, tmp_path / "copy")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=copy, capture_output=True, text=True).stdout
    result = subprocess.run(["bash", ".ci/release-from-file"], cwd=copy, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "docs/release.yml is absent: no version to publish\n")
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=copy, capture_output=True, text=True).stdout == head


@pytest.mark.parametrize("today, nb, en", [("2026-12-31", "i morgen", "tomorrow"), ("2027-01-01", "i dag — slå sammen pull requesten i dag, ellers stopper publiseringen",
                                            "today — merge the pull request today, or publishing stops"),
                                           ("2026-12-30", "om 2 dager", "in 2 days")])
def test_the_job_summary_says_today_and_tomorrow_in_words(tiny, tmp_path_factory, today, nb, en):
    change_text(tiny)
    tiny.write("docs/release.yml", RELEASE)
    for language, words, effective in (("nb", nb, "1. januar 2027"), ("en", en, "1 January 2027")):
        summary = tmp_path_factory.mktemp("summary") / "summary.md"
        result = subprocess.run([str(Path(os.sys.executable).parent / "personvern"), "check", "--format", "github"],
                                cwd=tiny.root, capture_output=True, text=True,
                                env=dict(os.environ, PERSONVERN_TODAY=today, GITHUB_STEP_SUMMARY=str(summary),
                                         PERSONVERN_LANG=language))
        assert result.returncode == 0, result.stderr
        assert f"{effective} (2027-01-01), {words} |" in summary.read_text(encoding="utf-8")
