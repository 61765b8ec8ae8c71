"""How long `personvern check` takes on the worst inputs the check still reads, and on "what changed" with many
moves (run: `make bench`). Each input is inserted into a copy of the real statement; a measurement, not a test.

Every figure should stay within a few seconds: the limits in source.py keep the Markdown converter's quadratic
and cubic cases small, and no pattern of the project's own backtracks.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import ROOT  # noqa: E402

from personvern import diff, project, source  # noqa: E402
from personvern.problems import Invalid  # noqa: E402

FILLER = "Vi behandler opplysningene dine på en sikker måte. " * 40
INPUTS = {
    "heading with 4 900 spaces": "## a" + " " * 4900 + "b {#x}",
    "line of 4 990 characters": "a " * 2495,
    "100 [ in each of 60 paragraphs": "\n\n".join(["[" * 99 + " tekst"] * 60),
    "50 unclosed tags, 190 000 characters": "\n\n".join(['<a title=">\n\n' + FILLER[:3700]] * 50),
    "20 000 lines, then HTML it refuses": "x\n" * 20000 + "\n<b onclick=1>x</b>",
    "2 000 link definitions and paragraphs, HTML": "\n\n".join(f"[r{n}]: https://example.no/{n}\n\ny" for n in range(2000))
                                                   + "\n\n<b onclick=1>x</b>",
    "YAML 16 deep in facts": None,
    "file just under 200 000 characters": None,
}


def check_time(edit) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "docs", root / "docs")
        edit(root / "docs")
        start = time.perf_counter()
        try:
            project.load(root / "docs", root, dt.date(2026, 11, 28))
            outcome = "no problems"
        except Invalid as invalid:
            outcome = f"{len(invalid.problems)} problem(s): {str(invalid.problems[0])[:60]}…"
        return time.perf_counter() - start, outcome


def insert(text: str):
    def edit(docs: Path) -> None:
        path = docs / "index.md"
        path.write_text(path.read_text(encoding="utf-8").replace("\n## ", f"\n{text}\n\n## ", 1), encoding="utf-8")
    return edit


def deep_facts(docs: Path) -> None:
    path = docs / "facts.yml"
    deep = "".join("  " * level + f"k{level}:\n" for level in range(source.MAX_DEPTH)) + "  " * source.MAX_DEPTH + "v\n"
    path.write_text(path.read_text(encoding="utf-8") + deep, encoding="utf-8")


def just_under_the_limit(docs: Path) -> None:
    """Paragraphs inserted until the statement is 100 characters short of source.MAX_CHARACTERS."""
    room = source.MAX_CHARACTERS - len((docs / "index.md").read_text(encoding="utf-8")) - 100
    paragraphs = [FILLER[:1990]] * (room // 1992)
    insert("\n\n".join(paragraphs) + "\n\n" + "x" * (room - 1992 * len(paragraphs) - 4))(docs)


SPECIAL = {"YAML 16 deep in facts": deep_facts, "file just under 200 000 characters": just_under_the_limit}


def main() -> None:
    print(f"{'input':42} {'check (s)':>9}  outcome")
    baseline, _ = check_time(lambda docs: None)
    print(f"{'the statement as it is':42} {baseline:9.2f}  no problems")
    for name, text in INPUTS.items():
        seconds, outcome = check_time(SPECIAL[name] if text is None else insert(text))
        print(f"{name:42} {seconds:9.2f}  {outcome}")
    blocks = [f"- Punkt {n} om behandlingen av opplysninger nummer {n}." for n in range(200)]
    old = "## A {#a}\n\n" + "\n".join(blocks) + "\n"
    for name, new in (("what changed: 200 items reversed", blocks[::-1]),
                      ("what changed: 200 items, each reworded", [b.replace("om", "av") for b in blocks]),
                      ("what changed: 200 items moved by 2", blocks[2:] + blocks[:2])):
        start = time.perf_counter()
        changes = diff.compare(old, "## A {#a}\n\n" + "\n".join(new) + "\n")
        print(f"{name:42} {time.perf_counter() - start:9.2f}  {sum(len(s.blocks) for s in changes.sections)} blocks")


if __name__ == "__main__":
    main()
