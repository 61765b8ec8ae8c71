"""The release command refuses whatever the build would refuse, before it writes anything."""
import pytest

from personvern import fields, layout
from personvern.problems import Invalid

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}


def archive(tiny) -> dict[str, bytes]:
    folder = tiny.docs / layout.VERSIONS_DIR
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("where", ["summary", "note"])
def test_a_script_in_a_summary_or_note_is_refused_and_nothing_is_written(tiny, language, where):
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til sletting og retting")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to erasure and rectification")
    before = archive(tiny)
    script = "<script>alert(1)</script>"
    summaries = {"nb": "Endret.", "en": "Changed."}
    notes = None
    if where == "summary":
        summaries[language] = f"Endret {script}"
    else:
        notes = {language: ["Ny rett.", f"Mer {script}"]}
    with pytest.raises(Invalid) as refused:
        tiny.release("2026-12-01", summaries["nb"], summaries["en"], notes=notes)
    assert [p.path for p in refused.value.problems] == [f"--{where}-{language}"]  # the archived file does not exist yet
    assert "HTML" in refused.value.problems[0].what
    assert archive(tiny) == before


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_script_from_a_placeholder_is_refused_even_past_the_facts_checks(tiny, monkeypatch, language):
    monkeypatch.setattr(fields, "plain_text_fault", lambda *args, **kwargs: None)
    tiny.edit("docs/facts.yml", "short_name: Nordlys Elektro", 'short_name: "<script>alert(1)</script>"')
    tiny.edit(FILES[language], "Rett til sletting" if language == "nb" else "Right to erasure", "{{ controller.short_name }}")
    before = archive(tiny)
    with pytest.raises(Invalid) as refused:
        tiny.release("2026-12-01")
    script = "HTML element <script> is not allowed — remove it; the statement is text, and the site runs no code from the text"
    assert [str(p) for p in refused.value.problems if p.path == FILES[language]] == [
        f"{FILES[language]}:8: {script}", f"{FILES[language]}:17: {script}"]  # both lines where the fact is used
    assert archive(tiny) == before


def test_the_command_prints_the_refusal_and_exits_1(tiny):
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til sletting og retting")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to erasure and rectification")
    before = archive(tiny)
    result = tiny.cli("personvern.cli", "release", "--effective", "2026-12-01", "--summary-nb", "Endret <svg/onload=alert(1)>",
                      "--summary-en", "Changed.")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith('--summary-nb: contains HTML ("<svg/onload=alert(1)>")')
    assert archive(tiny) == before
