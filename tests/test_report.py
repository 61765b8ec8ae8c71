"""`personvern report` on the project's own statement: what the text covers and what it does not, in every format."""
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from personvern import coverage, layout, report, requirements
from wording import example, named_hint

DOCS = ROOT / "docs"
NOT_IN_THE_TEXT = ("transfers", "provision-required", "automated-decisions", "dpo")
"""What the client's statement does not say, although the law asks for it (issue: legal content)."""


@pytest.fixture(scope="module")
def real():
    return report.build(DOCS, ROOT)


def items(real, language):
    return {item["key"]: item for item in real["languages"][language]["items"]}


def test_the_report_shows_what_the_statement_does_not_cover(real):
    providers = [p["name"] for p in yaml.safe_load((DOCS / layout.FACTS_FILE).read_text(encoding="utf-8"))["cookie_providers"]]
    period = requirements.load().item("retention").evidence[0].what
    for language in layout.LANGUAGES:
        found = items(real, language)
        assert {key: found[key]["status"] for key in NOT_IN_THE_TEXT} == dict.fromkeys(NOT_IN_THE_TEXT, coverage.MISSING)
        assert found["retention"]["status"] == coverage.PARTLY
        assert any(period[language] in note for note in found["retention"]["notes"])
        assert providers and all(p in found["transfers"]["notes"][-1] for p in providers)


def test_nothing_is_covered_without_its_sections_and_evidence_in_the_text(real):
    """Checked apart from coverage.py: every declared section has a heading, and every fact named as evidence is in the file."""
    facts = yaml.safe_load((DOCS / layout.FACTS_FILE).read_text(encoding="utf-8"))
    for language in layout.LANGUAGES:
        source = layout.statement_path(DOCS, language).read_text(encoding="utf-8")
        for key, item in items(real, language).items():
            if item["status"] != coverage.COVERED or requirements.load().item(key).site:
                continue
            assert item["sections"], key
            for section in item["sections"]:
                assert re.search(rf"^#{{2,6}} .*\{{#{re.escape(section)}\}}\s*$", source, re.MULTILINE), (language, key, section)
            for evidence in requirements.load().item(key).evidence:
                if evidence.fact:
                    group, name = evidence.fact.split(".")
                    assert f"{{{{ {evidence.fact} }}}}" in source or str(facts[group][name]) in source, (language, key)


def test_every_hint_points_at_a_line_that_holds_its_wording_in_both_languages(real):
    keys = {hint.key for hint in requirements.load().hints}
    by_file = {}
    for hint in real["hints"]:
        line = (ROOT / hint["file"]).read_text(encoding="utf-8").split("\n")[hint["line"] - 1]
        assert hint["quote"] in " ".join(line.split()), hint
        assert hint["quote"] in hint["message"]
        by_file.setdefault(hint["file"], set()).add(hint["key"])
    assert by_file == {layout.statement_path(DOCS, language).relative_to(ROOT).as_posix(): keys for language in layout.LANGUAGES}


def test_text_markdown_and_json_carry_the_same_content(real):
    as_text, as_markdown = report.text(real), report.markdown(real)
    assert json.loads(json.dumps(real)) == real
    for language, part in real["languages"].items():
        for item in part["items"]:
            cells = report._cells(item, language)
            assert "  ".join(cells[:2]) in as_text or cells[0] in as_text
            assert "| " + " | ".join(report._cell(c) for c in cells) + " |" in as_markdown.split("\n")
            assert cells[4] in as_text
    for hint in real["hints"]:
        assert f"{hint['file']}:{hint['line']}: hint: {hint['message']}" in as_text.split("\n")
        assert f"`{hint['file']}:{hint['line']}`" in as_markdown


def test_markdown_cells_cannot_break_the_table_or_carry_html():
    assert report._cell("a|b <script>x</script>\n& c") == "a\\|b &lt;script&gt;x&lt;/script&gt; &amp; c"


def run(cwd, *args):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "personvern.cli", "report", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_command_writes_json_for_ci_and_exits_0_although_items_are_missing():
    result = run(ROOT, "--format", "json")
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout)
    assert written["languages"]["en"]["summary"][coverage.MISSING] > 0
    assert run(ROOT, "--format", "markdown").stdout.startswith("## docs/index.md (nb)\n")


def test_a_broken_mapping_file_is_reported_and_no_report_is_written(tiny):
    tiny.write("docs/coverage.yml", "purpose: purposes\n")
    result = run(tiny.root)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.split("\n")[1:] == ["1 problem(s); no report was written. Fix them and run it again.", ""]
    assert result.stderr.startswith('docs/coverage.yml:1: unknown item "purpose" (did you mean "purposes"?) — use one of ')


def test_a_broken_mapping_file_fails_the_check_and_the_build_with_the_same_line(tiny):
    tiny.write("docs/coverage.yml", "purpose: purposes\n")
    check = tiny.cli("personvern.cli", "check")
    assert check.returncode == 1
    assert check.stderr.splitlines()[0].startswith('docs/coverage.yml:1: unknown item "purpose" (did you mean "purposes"?)')
    build = tiny.build()
    assert not build.ok and build.messages[0] == check.stderr.splitlines()[0]


def test_a_statement_that_cannot_be_read_gives_its_problems_and_no_report(tiny):
    tiny.write("docs/facts.yml", "controller: [\n")
    result = run(tiny.root, "--format", "json")
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.split("\n")
    assert lines[0].startswith("docs/facts.yml:") and " — " in lines[0]
    assert lines[-2].endswith("no report was written. Fix them and run it again.")


def test_a_huge_or_hostile_text_gives_a_report_in_time(tiny):
    # As long as the check allows (lines of up to source.MAX_LINE characters, files of up to source.MAX_CHARACTERS).
    parts = ["after " * 800, "a" * 4900, "lovens " + "vi kan " * 700, "withdraw " * 540]
    as_long = named_hint("as-long-as-necessary")
    hostile = "\n\n".join(part for part in parts for _ in range(8)) + f"\n\n{example(as_long.patterns['nb'])}"
    for path, heading in (("docs/index.md", "## Kontakt {#contact}"), ("docs/index.en.md", "## Contact {#contact}")):
        tiny.edit(path, heading, f"{hostile}\n\n{heading}")
    tiny.write("docs/coverage.yml", "retention: [rights, contact]\nwithdraw-consent: rights\n")
    result = run(tiny.root, "--format", "json")  # the subprocess times out (a failure) if a pattern backtracks without end
    assert result.returncode == 0, result.stderr
    assert [hint["key"] for hint in json.loads(result.stdout)["hints"]] == [as_long.key]


def test_the_report_frames_in_the_editors_language_and_each_table_keeps_its_texts_language(tiny, monkeypatch):
    english = run(tiny.root)
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    norwegian = run(tiny.root)
    assert (english.returncode, norwegian.returncode) == (0, 0)
    count = len(json.loads(run(tiny.root, "--format", "json").stdout)["hints"])
    assert f"\n{count} hint(s):\n" in english.stdout
    assert norwegian.stdout == english.stdout.replace(f"\n{count} hint(s):\n", f"\n{count} hint:\n")
    tables = [line.split() for line in norwegian.stdout.splitlines() if line.startswith("  Art.")]
    assert tables == [["Art.", "Punkt", "Status", "Seksjon", "Merknader"], ["Art.", "Item", "Status", "Section", "Notes"]]
    assert f"\n## Hint ({count})\n" in run(tiny.root, "--format", "markdown").stdout


def test_a_broken_mapping_file_is_reported_in_norwegian_by_default(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    tiny.write("docs/coverage.yml", "rights: rights\nrights: contact\n")
    result = run(tiny.root)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.split("\n") == [
        "docs/coverage.yml:2: punktet «rights» er erklært to ganger — erklær hvert punkt én gang, med en liste over seksjonene",
        "1 problem(er); ingen rapport ble skrevet. Rett dem og lag rapporten på nytt.", ""]
