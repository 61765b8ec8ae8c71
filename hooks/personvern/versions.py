"""Published versions: archived texts in every language, their effective dates, and their fingerprints."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import archive, layout, messages, render
from .archive import fingerprint
from .facts import filled
from .problems import Problem
from .fields import ARCHIVE as ARCHIVE_FIELDS
from .source import Document, field_line, read_document, shown_path

_PLACEHOLDER = re.compile(r"\{\{|\{%")
MAX_AHEAD = dt.timedelta(days=366)
"""How long after its release a version may take effect at the latest: a year's notice is more than any change needs,
and a mistyped year (2207) could never be undone, since every later version may only take effect on its date or after."""


@dataclass
class Version:
    """A published version: its number, the day it takes effect, and its archived text in every language."""

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

    def fingerprint(self, language: str) -> str:
        """The fingerprint of the archived text, as SHA256SUMS and versions.json record it."""
        return fingerprint(self.docs[language].raw)


def load(folder: Path, root: Path, problems: list[Problem], facts: dict | None = None) -> list[Version]:
    """Every archived version, oldest first, with each fault in the archive appended to `problems`.

    With `facts`, a placeholder left in an archived text is reported with what it reads as."""
    files = archive.texts(folder, root, problems)
    sums = archive.read_fingerprints(folder, root, problems)
    numbers = sorted({archive.text_name(name)[0] for name in [*files, *sums]})
    digests = {name: archive.digest_of(path) for name, path in files.items()}
    versions = []
    for number in numbers:
        good = archive.intact(folder, root, number, files, sums, digests, number == numbers[-1], problems)
        version = _load_version(folder, root, number, good, problems, facts)
        if version is not None:
            versions.append(version)
    for expected, number in enumerate(numbers, start=1):
        if number != expected:
            problems.append(messages.problem(shown_path(layout.source_path(folder, str(number), layout.DEFAULT), root), None,
                                             "versions.gap", number=number, previous=expected - 1, expected=expected))
            break
    for before, after in zip(versions, versions[1:]):
        if after.effective < before.effective:
            doc = after.docs[layout.DEFAULT]
            problems.append(messages.problem(doc.shown, field_line(doc, "effective"), "versions.before_previous",
                                             number=after.number, effective=after.effective, previous=before.number,
                                             previous_effective=before.effective))
        elif after.released() < before.released():
            problems.append(_released_problem(after, "versions.released_before", previous=before.number,
                                              previous_released=before.released()))
    return versions


def _released_problem(version: Version, key: str, /, **values) -> Problem:
    """Only a release writes the day it was made: a record dated otherwise was written by hand."""
    doc = version.docs[layout.DEFAULT]
    return messages.problem(doc.shown, field_line(doc, "released") or field_line(doc, "effective"), key,
                            number=version.number, released=version.released(), **values)


def _load_version(folder, root, number, good, problems, facts) -> Version | None:
    docs = {}
    for language in good:
        path = layout.source_path(folder, str(number), language)
        before = len(problems)
        doc = read_document(path, shown_path(path, root), ARCHIVE_FIELDS, problems)
        if doc is None:
            continue
        _check_archive(doc, number, problems, facts)
        if len(problems) == before:
            docs[language] = doc
    if len(docs) != len(layout.LANGUAGES):
        return None
    dates = {doc.meta["effective"] for doc in docs.values()}
    if len(dates) > 1:
        doc = docs[layout.LANGUAGES[-1]]
        problems.append(messages.problem(doc.shown, field_line(doc, "effective"), "versions.dates_differ",
                                         dates=", ".join(sorted(map(str, dates)))))
        return None
    version = Version(number, dates.pop(), docs)
    if version.released() > version.effective:
        doc = docs[layout.DEFAULT]
        problems.append(messages.problem(doc.shown, field_line(doc, "released"), "versions.retroactive", number=number,
                                         released=version.released(), effective=version.effective,
                                         sums=f"{Path(doc.shown).parent.as_posix()}/{layout.FINGERPRINTS}"))
        return None
    if version.effective > version.released() + MAX_AHEAD:
        doc = docs[layout.DEFAULT]
        problems.append(messages.problem(doc.shown, field_line(doc, "effective"), "versions.too_far", number=number,
                                         released=version.released(), effective=version.effective,
                                         sums=f"{Path(doc.shown).parent.as_posix()}/{layout.FINGERPRINTS}"))
        return None
    return version


def _check_archive(doc: Document, number: int, problems: list[Problem], facts: dict | None) -> None:
    if doc.meta.get("version") is not None and doc.meta.get("version") != number:
        problems.append(messages.problem(doc.shown, field_line(doc, "version"), "versions.number", written=_written(doc, "version"),
                                         number=number))
    if _PLACEHOLDER.search(doc.body):  # seldom: a release fills the facts in
        lines = doc.body.split("\n")
        for offset, line in enumerate(lines):
            if _PLACEHOLDER.search(line):
                reads = filled(lines, offset, facts)
                problems.append(messages.problem(doc.shown, doc.body_line + offset, "versions.placeholder" if reads is None
                                                 else "versions.placeholder_reads", reads=reads))
    problems.extend(render.html(doc.body, doc.shown, doc.body_line)[1])


def _written(doc: Document, name: str) -> str:
    """A front matter line as the editor wrote it."""
    return doc.raw.split("\n")[field_line(doc, name) - 1].strip()


def in_force(versions: list[Version], today: dt.date) -> Version | None:
    """The version whose text applies on `today`; of versions with the same effective date, the correction (the
    higher number) applies."""
    applying = [v for v in versions if v.effective <= today]
    return max(applying, key=lambda v: (v.effective, v.number)) if applying else None


def corrected_by(versions: list[Version], version: Version) -> Version | None:
    """The version that replaced `version` on its own effective date, so that `version` never applied."""
    later = [v for v in versions if v.number > version.number and v.effective == version.effective]
    return later[-1] if later else None


def upcoming(versions: list[Version], today: dt.date) -> list[Version]:
    """Versions not in force yet, leaving out those corrected before they took effect."""
    return [v for v in versions if v.effective > today and corrected_by(versions, v) is None]


def until(versions: list[Version], version: Version) -> dt.date | None:
    """The last day a version applied, or None while no later version has replaced it (nor when a correction with
    the same effective date replaced it: it never applied)."""
    later = [v for v in versions if v.number > version.number and v.effective > version.effective]
    return min(v.effective for v in later) - dt.timedelta(days=1) if later and corrected_by(versions, version) is None else None


def comparable(title: str, body: str) -> str:
    """What must be equal for a current text to count as released."""
    return "\n".join([title.strip()] + [line.rstrip() for line in body.strip().split("\n")])
