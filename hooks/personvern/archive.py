"""The archive as a legal record: which files may live in docs/versions/, and whether each archived text is still
the one `make release` wrote, as its line in SHA256SUMS says.

No message here ever offers the fingerprint of a text that may have changed: only `make release` writes fingerprints.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import layout, messages
from .problems import Problem
from .source import shown_path

TEMPORARY_PREFIX = ".release-"
"""`make release` writes each file under this prefix, then renames it into place."""
NEAR = 8
"""A recorded fingerprint that differs from its text's in at most this many hex digits was itself changed: a changed
text changes each of the 64 digits with probability 15/16, so it keeps 56 of them by chance with odds below 1e-50."""

BOM = b"\xef\xbb\xbf"
"""The byte order mark some editors put first in a UTF-8 file; `make release` never writes one."""

_TEXT = re.compile(r"([0-9]+)(?:\.([^./]+))?\.md")
_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *]?(\S+)")


@dataclass(frozen=True)
class Recorded:
    """A fingerprint as SHA256SUMS records it: the digest, and its line in that file."""

    digest: str
    line: int


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_name(name: str) -> tuple[int, str] | None:
    """(version, language) of an archived text's file name: `2.md` → (2, "nb"), `2.en.md` → (2, "en")."""
    match = _TEXT.fullmatch(name)
    if match is None or match.group(1).startswith("0") or match.group(2) == layout.DEFAULT:
        return None
    language = match.group(2) or layout.DEFAULT
    return (int(match.group(1)), language) if language in layout.LANGUAGES else None


def texts(folder: Path, root: Path, problems: list[Problem]) -> dict[str, Path]:
    """The archived texts in `folder` by file name. Every other entry is a problem, so that it is never published."""
    if not folder.is_dir() and not folder.is_symlink():
        return {}
    shown_folder = shown_path(folder.parent, root) + "/" + folder.name
    if folder.is_symlink():
        problems.append(messages.problem(shown_folder, None, "archive.folder_link", holds=_holds()))
        return {}
    history = {layout.source_path(folder, layout.HISTORY_STEM, language).name for language in layout.LANGUAGES}
    found = {}
    for path in sorted(folder.iterdir()):
        shown = f"{shown_folder}/{path.name if path.name.isprintable() else ascii(path.name)[1:-1]}"
        problem = _stranger(path, shown, history)
        if problem is not None:
            problems.append(problem)
        elif text_name(path.name) is not None:
            found[path.name] = path
    return found


def release_hint() -> str:
    """How to change a published text: publish a correction as a new version, in the editor's language."""
    return messages.text("archive.release_hint")


def _holds() -> str:
    versions = ", ".join(layout.source_path(Path(), "N", language).name for language in layout.LANGUAGES)
    history = ", ".join(layout.source_path(Path(), layout.HISTORY_STEM, language).name for language in layout.LANGUAGES)
    return messages.text("archive.holds", versions=versions, history=history, sums=layout.FINGERPRINTS)


def _stranger(path: Path, shown: str, history: set[str]) -> Problem | None:
    """The problem with an entry of the archive folder that is not an archived text, the history or SHA256SUMS."""
    name = path.name
    if path.is_symlink():
        return messages.problem(shown, None, "archive.link", file=shown, holds=_holds())
    if path.is_dir():
        return messages.problem(shown, None, "archive.folder", holds=_holds())
    if not path.is_file():
        return messages.problem(shown, None, "archive.not_a_file", holds=_holds())
    if name.startswith(TEMPORARY_PREFIX):
        return messages.problem(shown, None, "archive.temporary")
    if name in history or name == layout.FINGERPRINTS or text_name(name) is not None:
        return None
    match = _TEXT.fullmatch(name) or re.fullmatch(r"(.+?)\.([^./]+)\.md", name)
    if match and match.group(2) == layout.DEFAULT:
        proper = f"{match.group(1)}.md"
        return messages.problem(shown, None, "archive.default_suffix", language=layout.DEFAULT, proper=proper, name=name)
    if match and match.group(2) and match.group(2) not in layout.LANGUAGES:
        return messages.problem(shown, None, "archive.unknown_language", found=match.group(2),
                                languages=", ".join(layout.LANGUAGES), holds=_holds())
    if _TEXT.fullmatch(name):
        return messages.problem(shown, None, "archive.leading_zero", name=name, release_hint=release_hint())
    return messages.problem(shown, None, "archive.stranger", holds=_holds())


def read_fingerprints(folder: Path, root: Path, problems: list[Problem]) -> dict[str, Recorded]:
    """The fingerprint recorded for each archived text, with the line it is on."""
    path = folder / layout.FINGERPRINTS
    if not path.is_file() or path.is_symlink():
        return {}
    shown = sums_shown(folder, root)
    restore = restore_sums(shown)
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        problems.append(messages.problem(shown, None, "archive.sums_unreadable", reason=error.strerror, restore=restore))
        return {}
    sums: dict[str, Recorded] = {}
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line.strip())
        if match is None:
            problems.append(messages.problem(shown, number, "archive.not_a_fingerprint", restore=restore))
        elif text_name(match.group(2)) is None:
            problems.append(messages.problem(shown, number, "archive.not_a_text", name=match.group(2), restore=restore))
        elif match.group(2) in sums:
            problems.append(messages.problem(shown, number, "archive.second_fingerprint", name=match.group(2),
                                             first=sums[match.group(2)].line, restore=restore))
        else:
            sums[match.group(2)] = Recorded(match.group(1).lower(), number)
    return sums


def sums_shown(folder: Path, root: Path) -> str:
    return shown_path(folder, root) + "/" + layout.FINGERPRINTS


def restore_sums(shown: str) -> str:
    return messages.text("archive.restore_sums", file=shown)


def digest_of(path: Path) -> str | None:
    """The fingerprint of a file's bytes, as `sha256sum -c` computes it, or None if unreadable. `make release` writes
    UTF-8 with LF line ends and no BOM, so a file that git or an editor saved with CRLF or a BOM no longer matches:
    every byte of a legal record counts (.gitattributes keeps git from converting them)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def added_by_saving(data: bytes) -> str | None:
    """What a program that saved a text again put in `data`: CRLF line ends, a BOM, or both, in the editor's language;
    None when it has neither."""
    added = [messages.text(key) for key, found in (("archive.bom", data.startswith(BOM)), ("archive.crlf", b"\r\n" in data))
             if found]
    return messages.text("and").join(added) or None


def normal(data: bytes) -> bytes:
    """`data` without a leading BOM, with LF line ends: the bytes `make release` would have written."""
    return data.removeprefix(BOM).replace(b"\r\n", b"\n")


def intact(folder: Path, root: Path, number: int, files: dict[str, Path], sums: dict[str, Recorded],
           digests: dict[str, str | None], latest: bool, problems: list[Problem]) -> list[str]:
    """The languages of version `number` whose text is the one `make release` wrote; a problem for each other one.

    `latest` says whether this is the newest version, which may be one that an interrupted release left half-written."""
    names = {language: layout.source_path(folder, str(number), language).name for language in layout.LANGUAGES}
    shown = {language: f"{shown_path(folder, root)}/{name}" for language, name in names.items()}
    sums_file = sums_shown(folder, root)
    unrecorded = [language for language in layout.LANGUAGES if names[language] not in sums]
    if latest and unrecorded:
        present = [shown[language] for language in layout.LANGUAGES if names[language] in files]
        missing = [language for language in layout.LANGUAGES if names[language] not in files]
        lacking = [messages.text("archive.no_fingerprint_for", sums=sums_file, names=", ".join(names[l] for l in unrecorded))]
        lacking += [messages.text("archive.no_text_in", languages=", ".join(missing))] if missing else []
        recorded = len(unrecorded) < len(names)
        problems.append(messages.problem(present[0] if present else shown[layout.DEFAULT], None,
                                         "archive.half_written_lines" if recorded else "archive.half_written",
                                         number=number, lacking="; ".join(lacking), present=messages.text("and").join(present),
                                         sums=sums_file, files=" ".join(list(shown.values()) + [sums_file])))
        return []
    good = []
    for language in layout.LANGUAGES:
        name, path_shown, recorded = names[language], shown[language], sums.get(names[language])
        if name not in files:
            if recorded is not None:
                problems.append(messages.problem(path_shown, None, "archive.deleted", file=path_shown))
            else:
                problems.append(messages.problem(path_shown, None, "archive.no_text", number=number, file=path_shown,
                                                 sums=sums_file))
        elif recorded is None:
            problems.append(messages.problem(path_shown, None, "archive.unrecorded", sums=sums_file,
                                             restore=restore_sums(sums_file)))
        elif recorded.digest == digests.get(name):
            good.append(language)
        else:
            problems.append(_mismatch(name, path_shown, recorded, digests, sums_file, files[name]))
    return good


def _mismatch(name: str, shown: str, recorded: Recorded, digests: dict[str, str | None], sums_file: str,
              path: Path) -> Problem:
    """Which of the two changed, when a text and its fingerprint disagree: the line, if the evidence says so; the
    line ends or a BOM, when nothing else in the text changed."""
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    added = added_by_saving(data)
    if added and hashlib.sha256(normal(data)).hexdigest() == recorded.digest:
        return messages.problem(shown, None, "archive.resaved", added=added, restore=f"git checkout -- {shown}")
    actual = digests.get(name) or ""
    differing = [i for i, (a, b) in enumerate(zip(recorded.digest, actual)) if a != b]
    if actual and len(differing) <= NEAR:
        digits = ", ".join(messages.text("archive.digit", position=i + 1, recorded=recorded.digest[i], actual=actual[i])
                           for i in differing)
        return messages.problem(sums_file, recorded.line, "archive.fingerprint_changed", name=name, count=len(differing),
                                sums=sums_file, digits=digits)
    other = next((n for n, digest in digests.items() if digest == recorded.digest and n != name), None)
    if other is not None:
        return messages.problem(sums_file, recorded.line, "archive.fingerprint_of_other", other=other, name=name,
                                restore=restore_sums(sums_file))
    return messages.problem(shown, None, "archive.mismatch", sums=sums_file, line=recorded.line, file=shown,
                            release_hint=release_hint())
