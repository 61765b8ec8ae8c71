"""The archive as a legal record: which files may live in docs/versions/, and whether each archived text is still
the one `make release` wrote, as its line in SHA256SUMS says.

No message here ever offers the fingerprint of a text that may have changed: only `make release` writes fingerprints.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .problems import Problem
from .source import shown_path

TEMPORARY_PREFIX = ".release-"
"""`make release` writes each file under this prefix, then renames it into place."""
RELEASE_HINT = "publish a correction as a new version instead: edit docs/index.md and run `make release` (README › Ny versjon)"
NEAR = 8
"""A recorded fingerprint that differs from its text's in at most this many hex digits was itself changed: a changed
text changes each of the 64 digits with probability 15/16, so it keeps 56 of them by chance with odds below 1e-50."""

_TEXT = re.compile(r"([0-9]+)(?:\.([^./]+))?\.md")
_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *]?(\S+)")


@dataclass(frozen=True)
class Recorded:
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
        problems.append(Problem(shown_folder, None, "the archive folder is a symbolic link",
                                f"replace it with the folder itself; {_holds()}"))
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


def _holds() -> str:
    versions = ", ".join(layout.source_path(Path(), "N", language).name for language in layout.LANGUAGES)
    history = ", ".join(layout.source_path(Path(), layout.HISTORY_STEM, language).name for language in layout.LANGUAGES)
    return f"docs/versions/ holds only archived versions ({versions}), the version history ({history}) and {layout.FINGERPRINTS}"


def _stranger(path: Path, shown: str, history: set[str]) -> Problem | None:
    """The problem with an entry of the archive folder that is not an archived text, the history or SHA256SUMS."""
    name = path.name
    if path.is_symlink():
        return Problem(shown, None, "a symbolic link is not allowed in the archive",
                       f"delete the link, and if it stood for an archived text, restore the file (git checkout -- {shown}); {_holds()}")
    if path.is_dir():
        return Problem(shown, None, "a folder is not allowed in the archive", f"move it out of docs/versions/; {_holds()}")
    if not path.is_file():
        return Problem(shown, None, "this is not an ordinary file", f"delete it; {_holds()}")
    if name.startswith(TEMPORARY_PREFIX):
        return Problem(shown, None, "a temporary file left by an interrupted release",
                       "delete it, then check again and run the release again if its version is incomplete")
    if name in history or name == layout.FINGERPRINTS or text_name(name) is not None:
        return None
    match = _TEXT.fullmatch(name) or re.fullmatch(r"(.+?)\.([^./]+)\.md", name)
    if match and match.group(2) == layout.DEFAULT:
        proper = f"{match.group(1)}.md"
        return Problem(shown, None, f"the {layout.DEFAULT} text has no language suffix: it is {proper}, not {name}",
                       f"delete {name}; the {layout.DEFAULT} text belongs in {proper}")
    if match and match.group(2) and match.group(2) not in layout.LANGUAGES:
        return Problem(shown, None, f'"{match.group(2)}" is not one of the site\'s languages ({", ".join(layout.LANGUAGES)})',
                       f"delete it; {_holds()}")
    if _TEXT.fullmatch(name):
        return Problem(shown, None, "a version number is written without leading zeros",
                       f"delete {name}: archived versions are written by `make release` as 1.md, 2.md … ({RELEASE_HINT})")
    return Problem(shown, None, "this file is not an archived version, the version history or SHA256SUMS, and would be published unchecked",
                   f"move it out of docs/versions/, or delete it; {_holds()}")


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
        problems.append(Problem(shown, None, f"the file cannot be read ({error.strerror})", restore))
        return {}
    sums: dict[str, Recorded] = {}
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line.strip())
        if match is None:
            problems.append(Problem(shown, number, "this line is not a fingerprint", restore))
        elif text_name(match.group(2)) is None:
            problems.append(Problem(shown, number, f"this line names {match.group(2)}, which is not an archived text", restore))
        elif match.group(2) in sums:
            problems.append(Problem(shown, number, f"a second fingerprint for {match.group(2)} (the first is on line {sums[match.group(2)].line})",
                                    restore))
        else:
            sums[match.group(2)] = Recorded(match.group(1).lower(), number)
    return sums


def sums_shown(folder: Path, root: Path) -> str:
    return shown_path(folder, root) + "/" + layout.FINGERPRINTS


def restore_sums(shown: str) -> str:
    return (f"restore the line from the file's history (git checkout -- {shown}); "
            "only `make release` writes fingerprints, never an editor")


def digest_of(path: Path) -> str | None:
    """The fingerprint of a file's text as `make release` computes it (UTF-8, LF line ends), or None if unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return fingerprint(data.decode("utf-8-sig").replace("\r\n", "\n"))
    except UnicodeDecodeError:
        return hashlib.sha256(data).hexdigest()  # not what `make release` wrote, so it matches no fingerprint


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
        what = f"version {number} is half-written: " + "; ".join(
            part for part in (f"no fingerprint in {sums_file} for {', '.join(names[l] for l in unrecorded)}",
                              f"no text in {', '.join(missing)}" if missing else "") if part)
        todo = (f"delete {' and '.join(present)}{' and their lines in ' + sums_file if len(unrecorded) < len(names) else ''}, "
                f"then publish the version again with `make release` (README › Ny versjon). If version {number} was already "
                f"published, restore it instead (git checkout -- {' '.join(list(shown.values()) + [sums_file])})")
        problems.append(Problem(present[0] if present else shown[layout.DEFAULT], None, what, todo))
        return []
    good = []
    for language in layout.LANGUAGES:
        name, path_shown, recorded = names[language], shown[language], sums.get(names[language])
        if name not in files:
            if recorded is not None:
                problems.append(Problem(path_shown, None, "this archived text has been deleted",
                                        f"restore it from the file's history (git checkout -- {path_shown}); "
                                        "archived versions are legal records and are never removed"))
            else:
                problems.append(Problem(path_shown, None, f"version {number} has no text in this language, and no fingerprint for one",
                                        f"restore the file and its line in {sums_file} from their history "
                                        f"(git checkout -- {path_shown} {sums_file}); archived versions are legal records"))
        elif recorded is None:
            problems.append(Problem(path_shown, None, f"this archived text has no fingerprint in {sums_file}",
                                    restore_sums(sums_file)))
        elif recorded.digest == digests.get(name):
            good.append(language)
        else:
            problems.append(_mismatch(name, path_shown, recorded, digests, sums_file))
    return good


def _mismatch(name: str, shown: str, recorded: Recorded, digests: dict[str, str | None], sums_file: str) -> Problem:
    """Which of the two changed, when a text and its fingerprint disagree: the line, if the evidence says so."""
    actual = digests.get(name) or ""
    differing = [i for i, (a, b) in enumerate(zip(recorded.digest, actual)) if a != b]
    if actual and len(differing) <= NEAR:
        digits = ", ".join(f'digit {i + 1} reads "{recorded.digest[i]}" where the text has "{actual[i]}"' for i in differing)
        return Problem(sums_file, recorded.line,
                       f"the fingerprint of {name} was changed: {len(differing)} of its 64 digits differ from the text's "
                       "(a changed text would change nearly all of them)",
                       f"restore the line from the file's history (git checkout -- {sums_file}), or correct it: {digits}")
    other = next((n for n, digest in digests.items() if digest == recorded.digest and n != name), None)
    if other is not None:
        return Problem(sums_file, recorded.line, f"the fingerprint on this line is that of {other}, not of {name}",
                       restore_sums(sums_file))
    return Problem(shown, None,
                   f"this archived text does not match its fingerprint ({sums_file}:{recorded.line}): the text or that line "
                   "was changed after it was published",
                   f"restore the text (git checkout -- {shown}); if the text is as published, restore the line instead "
                   f"(git checkout -- {sums_file}). `personvern verify-archive --base main` tells which one changed. "
                   f"Archived versions are legal records; to change the text, {RELEASE_HINT}")
