"""The real `mkdocs` command, as editors and CI run it: exit codes and what is printed."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT


def test_strict_build_succeeds_and_writes_both_languages(tiny):
    result = tiny.cli("mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    for page in ("index.html", "en/index.html", "versions/1/index.html", "en/versions/1/index.html",
                 "feed.xml", "en/feed.xml", "versions.json"):
        assert (tiny.site / page).is_file(), page


def test_bad_statement_exits_non_zero_with_file_line_and_no_traceback(tiny):
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    tiny.write("docs/index.md", tiny.read("docs/index.md").replace("organisasjonsnummer", "<script>x()</script> organisasjonsnummer"))
    result = tiny.cli("mkdocs", "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  docs/index.md:12: HTML element <script> is not allowed — remove it; the statement is text, and the site runs no code from the text",
        'ERROR   -  docs/index.en.md:27: required section "cookies" is missing — add a heading "## … {#cookies}" with its text (README › Obligatoriske seksjoner)',
        'ERROR   -  docs/index.en.md:19: section id "cookie" is not in docs/index.md (did you mean "cookies"?) — use the same ids as docs/index.md',
        "ERROR   -  3 problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again.",
    ]
    assert not tiny.site.exists(), "nothing may be written when the statement is invalid"


def test_non_utf8_file_fails_cleanly(tiny):
    (tiny.docs / "index.md").write_bytes("---\ntitle: Personvern\n---\n\nBl\xe5b\xe6r\n".encode("latin-1"))
    result = tiny.cli("mkdocs", "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ERROR   -  docs/index.md:5: the file is not UTF-8 (byte 0xe5) — save the file with UTF-8 encoding" in result.stderr.splitlines()


def test_unreleased_text_fails_strict_build_with_instructions(tiny):
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lamper og lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lamps and lanterns")
    result = tiny.cli("mkdocs", "build", "--strict")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  docs/index.md: the text differs from version 1 and is not published — publish it as a new version: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`; or undo the change",
        "ERROR   -  docs/index.en.md: the text differs from version 1 and is not published — publish it as a new version: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`; or undo the change",
        "ERROR   -  2 problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again.",
    ]


def test_release_command_then_strict_build(tiny):
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    result = tiny.cli("personvern.release", "--effective", "2027-01-01", "--summary-nb", "Presisert innledningen.",
                      "--summary-en", "Clarified the introduction.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote docs/versions/2.md", "wrote docs/versions/2.en.md", "wrote docs/versions/SHA256SUMS",
        "Commit these files in the same pull request as the text change.",
    ]
    built = tiny.cli("mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "Presisert innledningen." in (tiny.site / "versions/index.html").read_text(encoding="utf-8")
    assert "Clarified the introduction." in (tiny.site / "en/versions/index.html").read_text(encoding="utf-8")


def test_a_statement_never_published_asks_for_version_1(tiny):
    for name in ("1.md", "1.en.md", "SHA256SUMS"):
        (tiny.docs / "versions" / name).unlink()
    result = tiny.cli("mkdocs", "build", "--strict")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  docs/index.md: no version of the statement has been published yet — publish the text as version 1: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`",
        "ERROR   -  docs/index.en.md: no version of the statement has been published yet — publish the text as version 1: write docs/release.yml (CONTRIBUTING.md › Publisere en ny versjon), or run `make release`",
        "ERROR   -  2 problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again.",
    ]


def test_personvern_check_passes_a_valid_site_without_building_it(tiny):
    result = tiny.cli("personvern.cli", "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "docs: no problems\n", "")
    assert not tiny.site.exists()


def test_personvern_check_reports_what_the_build_reports(tiny):
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'docs/index.en.md:27: required section "cookies" is missing — add a heading "## … {#cookies}" with its text (README › Obligatoriske seksjoner)',
        'docs/index.en.md:19: section id "cookie" is not in docs/index.md (did you mean "cookies"?) — use the same ids as docs/index.md',
        "2 problem(s). Fix them and check again.",
    ]


def test_make_release_archives_the_summaries_exactly_as_typed(tiny):
    """SUMMARY_NB="…" reaches the command as it was typed: a quote, a "$" or "$(…)" in it is text, not shell."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    typed = {"nb": 'Vi kaller dem "informasjonskapsler" nå; $(touch made-by-shell) $HOME koster ingenting.',
             "en": "We call them 'cookies' now; $(touch made-by-shell) $HOME costs nothing."}
    env = dict(os.environ, PERSONVERN_TODAY=tiny.today.isoformat(), NO_MKDOCS_2_WARNING="1")
    tiny.write("pyproject.toml", "")
    os.utime(tiny.root / "pyproject.toml", (0, 0))  # older than the stamp: make sets nothing up
    result = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "release", f"BIN={Path(sys.executable).parent}",
                             "STAMP=mkdocs.yml", "EFFECTIVE=2027-01-01", f"SUMMARY_NB={typed['nb']}",
                             f"SUMMARY_EN={typed['en']}"], cwd=tiny.root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert not (tiny.root / "made-by-shell").exists()
    for language, name in (("nb", "2.md"), ("en", "2.en.md")):
        meta = yaml.safe_load(tiny.read(f"docs/versions/{name}").split("---\n")[1])
        assert meta["summary"] == typed[language]


def test_make_build_checks_before_mkdocs_reads_mkdocs_yml(tiny):
    """MkDocs' loader runs a !!python tag: `make build` lets the check read the file first, and refuse it."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    config = tiny.read("mkdocs.yml")
    tiny.write("mkdocs.yml", config + "extra:\n  x: !!python/object/apply:os.system ['touch made-by-mkdocs-yml']\n")
    env = dict(os.environ, PERSONVERN_TODAY=tiny.today.isoformat(), NO_MKDOCS_2_WARNING="1", PERSONVERN_LANG="en")
    tiny.write("pyproject.toml", "")
    os.utime(tiny.root / "pyproject.toml", (0, 0))  # older than the stamp: make sets nothing up
    result = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "build", f"BIN={Path(sys.executable).parent}",
                             "STAMP=mkdocs.yml"], cwd=tiny.root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert not (tiny.root / "made-by-mkdocs-yml").exists()
    assert not (tiny.root / "site").exists()
    assert result.stderr.splitlines()[0] == (
        "mkdocs.yml: the site configuration cannot be read (a YAML tag that cannot be read, such as !!python/…, which "
        "would run code) — restore mkdocs.yml from the repository")
