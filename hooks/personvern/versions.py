"""Published versions: archived texts in every language, their effective dates, and their fingerprints."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import layout, render
from .facts import filled
from .problems import Problem
from .fields import ARCHIVE as ARCHIVE_FIELDS
from .source import Document, field_line, read_document, read_text, shown_path

RELEASE_HINT = "publish a correction as a new version instead: edit docs/index.md and run `make release` (README › Ny versjon)"

_FILE = re.compile(r"^(\d+)(?:\.([a-z]{2}))?\.md$")
_PLACEHOLDER = re.compile(r"\{\{|\{%")


@dataclass
class Version:
    number: int
    effective: dt.date
    docs: dict[str, Document] = field(default_factory=dict)

    def summary(self, language: str) -> str:
        return str(self.docs[language].meta.get("summary", "")).strip()

    def notes(self, language: str) -> list[str]:
        return [str(note) for note in self.docs[language].meta.get("notes") or []]

    def released(self) -> dt.date:
        value = next(iter(self.docs.values())).meta.get("released")
        return value if isinstance(value, dt.date) else self.effective


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_fingerprints(folder: Path, root: Path, problems: list[Problem]) -> dict[str, str]:
    path = folder / layout.FINGERPRINTS
    if not path.exists():
        return {}
    text = read_text(path, shown_path(path, root), problems) or ""
    sums = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"([0-9a-f]{64}) [ *]?(\S+)", line.strip())
        if match is None:
            problems.append(Problem(shown_path(path, root), number, "this line is not a fingerprint",
                                    'write "<sha256>  <file>", as the build error for a new version shows it'))
        else:
            sums[match.group(2)] = match.group(1)
    return sums


def load(folder: Path, root: Path, problems: list[Problem], facts: dict | None = None) -> list[Version]:
    """Every archived version, oldest first, with each fault in the archive appended to `problems`.

    With `facts`, a placeholder left in an archived text is reported with what it reads as."""
    sums = read_fingerprints(folder, root, problems)
    numbers = sorted({int(m.group(1)) for p in (folder.iterdir() if folder.is_dir() else []) if (m := _FILE.match(p.name))}
                     | {int(m.group(1)) for name in sums if (m := _FILE.match(name))})
    versions = []
    for number in numbers:
        version = _load_version(folder, root, number, sums, problems, facts)
        if version is not None:
            versions.append(version)
    for expected, number in enumerate(numbers, start=1):
        if number != expected:
            problems.append(Problem(shown_path(layout.source_path(folder, str(number), layout.DEFAULT), root), None,
                                    f"version {number} follows version {expected - 1}; version {expected} is missing",
                                    "number versions 1, 2, 3 … without gaps"))
            break
    for before, after in zip(versions, versions[1:]):
        if after.effective <= before.effective:
            doc = after.docs[layout.DEFAULT]
            problems.append(Problem(doc.shown, field_line(doc, "effective"),
                                    f"version {after.number} takes effect {after.effective}, not after version {before.number} ({before.effective})",
                                    "give each version a later effective date than the one before"))
    return versions


def _load_version(folder, root, number, sums, problems, facts) -> Version | None:
    docs = {}
    for language in layout.LANGUAGES:
        path = layout.source_path(folder, str(number), language)
        shown = shown_path(path, root)
        if not path.exists():
            if path.name in sums:
                problems.append(Problem(shown, None, "this archived text has been deleted",
                                        f"restore it from the file's history (git checkout -- {shown}); archived versions are legal records and are never removed"))
            else:
                problems.append(Problem(shown, None, f"version {number} is not archived in this language",
                                        f"create {shown} with the text of version {number} in this language, as it was published"))
            continue
        before = len(problems)
        doc = read_document(path, shown, ARCHIVE_FIELDS, problems)
        if doc is None:
            continue
        _check_archive(doc, number, sums.get(path.name), problems, facts)
        if len(problems) == before:
            docs[language] = doc
    if len(docs) != len(layout.LANGUAGES):
        return None
    dates = {doc.meta["effective"] for doc in docs.values()}
    if len(dates) > 1:
        doc = docs[layout.LANGUAGES[-1]]
        problems.append(Problem(doc.shown, field_line(doc, "effective"), f"the effective date differs between languages ({', '.join(sorted(map(str, dates)))})",
                                "use the same effective date in every language"))
        return None
    return Version(number, dates.pop(), docs)


def unwritten_problems(texts: dict[Path, str], number: int, root: Path, facts: dict | None) -> list[Problem]:
    """What the build would report about archived texts not written yet (path → text), read as the build reads them."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        for path, text in texts.items():
            draft = Path(folder) / path.name
            draft.write_text(text, encoding="utf-8")
            doc = read_document(draft, shown_path(path, root), ARCHIVE_FIELDS, problems)
            if doc is not None:
                _check_archive(doc, number, fingerprint(doc.raw), problems, facts)
    return problems


def _check_archive(doc: Document, number: int, recorded: str | None, problems: list[Problem], facts: dict | None) -> None:
    if recorded is None:
        problems.append(Problem(doc.shown, None, "this archived text has no fingerprint",
                                f'add the line "{fingerprint(doc.raw)}  {doc.path.name}" to docs/versions/{layout.FINGERPRINTS}'))
    elif recorded != fingerprint(doc.raw):
        problems.append(Problem(doc.shown, None, "this archived text has been changed after it was published",
                                f"undo the change (restore the file from its history: git checkout -- {doc.shown}); archived versions are legal records. To change the text, {RELEASE_HINT}"))
        return
    if doc.meta.get("version") is not None and doc.meta.get("version") != number:
        problems.append(Problem(doc.shown, field_line(doc, "version"), f'"{_written(doc, "version")}" does not match the file name',
                                f'write "version: {number}"'))
    lines = doc.body.split("\n")
    for offset, line in enumerate(lines):
        if _PLACEHOLDER.search(line):
            reads = filled(lines, offset, facts)
            todo = f'write the fact itself; today it reads: "{reads}"' if reads is not None else "write the fact itself"
            problems.append(Problem(doc.shown, doc.body_line + offset, "an archived text contains a placeholder",
                                    f"{todo} (`make release` writes archived texts with the facts filled in)"))
    problems.extend(render.html(doc.body, doc.shown, doc.body_line)[1])


def _written(doc: Document, name: str) -> str:
    """A front matter line as the editor wrote it."""
    return doc.raw.split("\n")[field_line(doc, name) - 1].strip()


def in_force(versions: list[Version], today: dt.date) -> Version | None:
    """The version whose text applies on `today`."""
    applying = [v for v in versions if v.effective <= today]
    return applying[-1] if applying else None


def upcoming(versions: list[Version], today: dt.date) -> list[Version]:
    return [v for v in versions if v.effective > today]


def until(versions: list[Version], version: Version) -> dt.date | None:
    """The last day a version applied, or None while no later version has replaced it."""
    later = [v for v in versions if v.number == version.number + 1]
    return later[0].effective - dt.timedelta(days=1) if later else None


def comparable(title: str, body: str) -> str:
    """What must be equal for a current text to count as released."""
    return "\n".join([title.strip()] + [line.rstrip() for line in body.strip().split("\n")])
