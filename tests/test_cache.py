"""`personvern check` keeps what it renders in .cache/personvern between runs: a warm run reports exactly what a cold
run reports, and an entry that is damaged, foreign or unwritable is worked out again, never trusted or fatal."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from conftest import sums, write_sums
from personvern import cache, datafiles, layout, render
from personvern.problems import Problem


def broken(tiny) -> None:
    """Problems in every kind of result the cache keeps: a current text, its placeholders, and an archived text."""
    tiny.edit("docs/index.md", "organisasjonsnummer", "<script>x()</script> organisasjonsnummer")
    tiny.edit("docs/index.en.md", "{{ controller.name }}", "{{ controller.fax }}")
    tiny.edit("docs/versions/1.en.md", "- Right of access", '- <span style="color:red">Right of access</span>')
    digest = hashlib.sha256((tiny.docs / "versions" / "1.en.md").read_bytes()).hexdigest()
    write_sums(tiny, [f"{digest}  1.en.md" if line.endswith("  1.en.md") else line for line in sums(tiny)])


def check(tiny) -> tuple[int, list[str], str]:
    result = tiny.cli("personvern.cli", "check")
    return result.returncode, result.stderr.splitlines(), result.stdout


def entries(tiny) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (tiny.root / layout.CACHE_DIR).rglob("*.json")}


def test_a_warm_run_reports_exactly_what_a_cold_run_reports_without_rendering_again(tiny):
    broken(tiny)
    cold = check(tiny)
    kept = entries(tiny)
    assert cold[0] == 1
    assert "docs/index.md:12: HTML element <script> is not allowed — remove it; the statement is text, and the site runs no code from the text" in cold[1]
    assert any(line.startswith('docs/index.en.md:12: unknown placeholder "fax"') for line in cold[1])
    line = next(n for n, text in enumerate(tiny.read("docs/versions/1.en.md").split("\n"), start=1) if "<span" in text)
    assert (f"docs/versions/1.en.md:{line}: HTML element <span> is not allowed — remove it; write the text in Markdown: "
            "headings, paragraphs, lists, links, emphasis and tables") in cold[1]
    assert len(kept) >= 6, "each text rendered (two current, two archived, two histories) and each filled in is kept"
    assert check(tiny) == cold
    assert entries(tiny) == kept, "a warm run finds every result and writes nothing"


@pytest.mark.parametrize("damage", [
    lambda entry, other: b"",
    lambda entry, other: entry[: len(entry) // 2],                  # cut short
    lambda entry, other: b"\xff\xfe not JSON",
    lambda entry, other: b"[]",
    lambda entry, other: other,                                     # another entry's content: it answers another key
    lambda entry, other: json.dumps(dict(json.loads(entry), problems=[["x", 0, "y", "z"]])).encode(),
    lambda entry, other: json.dumps(dict(json.loads(entry), text=None)).encode(),
    lambda entry, other: b"[" * 100_000 + b"]" * 100_000,           # nested beyond what the JSON reader recurses
], ids=["empty", "truncated", "binary", "wrong shape", "foreign", "bad line", "no text", "deep"])
def test_a_damaged_entry_is_worked_out_again(tiny, damage):
    broken(tiny)
    cold = check(tiny)
    kept = entries(tiny)
    names = sorted(kept)
    for name, other in zip(names, names[1:] + names[:1]):
        next((tiny.root / layout.CACHE_DIR).rglob(name)).write_bytes(damage(kept[name], kept[other]))
    assert check(tiny) == cold
    assert entries(tiny) == kept, "each damaged entry is written again, whole"


def test_a_cache_folder_that_cannot_be_written_is_no_error(tiny):
    broken(tiny)
    cold = check(tiny)
    shutil.rmtree(tiny.root / layout.CACHE_DIR)
    (tiny.root / layout.CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    assert check(tiny) == cold


def test_changed_facts_are_filled_in_again(tiny):
    assert check(tiny)[0] == 0
    tiny.edit("docs/facts.yml", "phone: 55 12 34 00", "phone: 55 12 34 01")
    warm = check(tiny)
    shutil.rmtree(tiny.root / layout.CACHE_DIR)
    assert warm == check(tiny)
    assert warm[0] == 1, "the text with the new phone number is not the one published"


def test_results_are_kept_per_language_of_the_messages(tmp_path, monkeypatch):
    from personvern import messages
    monkeypatch.setattr(render, "_html", lambda markdown, shown, first_line: (messages.language(), []))
    with cache.kept_in(tmp_path):
        for language in ("nb", "en", "nb"):
            monkeypatch.setenv(messages.LANGUAGE_VARIABLE, language)
            assert render.html("Text.", "docs/index.md", 5) == (language, [])


def test_only_the_check_keeps_results(tiny):
    """The build, and everything outside the check, renders every time: nothing published comes from the cache."""
    broken(tiny)
    assert not tiny.build().ok
    render.html("Text.", "docs/x.md", 1)
    assert not (tiny.root / layout.CACHE_DIR).exists()


def test_a_kept_result_is_the_result(tmp_path, monkeypatch):
    markdown = 'Text <b onclick="x()">bold</b>.\n\n| a |\n|:-:|\n| 1 |\n'
    fresh = render.html(markdown, "docs/index.md", 5)
    with cache.kept_in(tmp_path):
        assert render.html(markdown, "docs/index.md", 5) == fresh
        monkeypatch.setattr(render, "_convert", lambda text: pytest.fail("rendered again"))
        assert render.html(markdown, "docs/index.md", 5) == fresh
        assert fresh[1] and all(isinstance(p, Problem) for p in fresh[1])


def test_the_kept_message_catalogue_is_the_catalogue(tmp_path):
    parsed = datafiles.load("messages.yml")
    with cache.kept_in(tmp_path):
        assert cache.package_data("messages.yml", lambda: datafiles.load("messages.yml")) == parsed
        assert cache.package_data("messages.yml", lambda: pytest.fail("parsed again")) == parsed
        assert cache.package_data("other.yml", lambda: {"a": [1]}) == {"a": [1]}  # not text by name: not kept
        assert cache.package_data("other.yml", lambda: {"a": [2]}) == {"a": [2]}


@pytest.mark.parametrize("value, plain", [
    ({"a": ["b", 1, 2.5, True, None]}, True),
    ({"a": object()}, False),
    ({1: "a"}, True),
])
def test_only_plain_data_is_a_key(value, plain):
    assert (cache.data_key(value) is not None) == plain
    assert cache.data_key({"1": "a"}) != cache.data_key({1: "a"})


def test_a_conversion_cut_short_leaves_nothing_behind_for_the_next_text(monkeypatch):
    """render reuses one Markdown converter; one that failed half-way is dropped, not reused."""
    text = "- a\n    - b\n\n> quoted\n"
    expected = render._convert(text)
    render._convert.cache_clear()
    broken = render._converter()
    broken.parser.state.append("list")  # what a conversion cut short can leave in the parser

    def fail(markdown):
        raise RecursionError
    monkeypatch.setattr(broken, "convert", fail)
    with pytest.raises(RecursionError):
        render._convert("x")
    assert render._converter() is not broken
    assert render._convert(text) == expected
