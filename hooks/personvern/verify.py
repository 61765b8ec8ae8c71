"""`personvern verify-archive`: no version that was published has since been changed, renamed or removed.

    personvern verify-archive --base main                          against a git revision (a pull request's target)
    personvern verify-archive --published https://…/versions.json  against what the live site published

The build alone cannot tell an archived text that was edited together with its line in SHA256SUMS; these can.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from . import archive, layout, messages
from .problems import Problem
from .source import shown_path

TIMEOUT = 20
"""Seconds to wait for the live site's versions.json."""
LIMIT = 5_000_000
"""The largest versions.json read, in bytes."""
_HEX = re.compile(r"[0-9a-fA-F]{64}")


class Unavailable(Exception):
    """The comparison cannot be made at all; the one problem says why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _local(docs_dir: Path, root: Path) -> tuple[Path, dict[str, Path], dict[str, str | None], dict[str, archive.Recorded]]:
    folder = docs_dir / layout.VERSIONS_DIR
    ignored: list[Problem] = []  # `personvern check` reports what is wrong in the archive itself
    files = archive.texts(folder, root, ignored)
    return folder, files, {name: archive.digest_of(path) for name, path in files.items()}, archive.read_fingerprints(folder, root, ignored)


# --- against a git revision ----------------------------------------------------------------------------------------

def against_base(docs_dir: Path, root: Path, ref: str) -> tuple[list[Problem], int]:
    """Every archived text and fingerprint line in `ref` that is no longer the same here, and how many texts `ref` has."""
    folder, files, digests, sums = _local(docs_dir, root)
    folder_shown = shown_path(folder, root)
    repo = _git_folder(docs_dir)
    if ref.startswith("-") or not ref.strip() or _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode:
        raise Unavailable(messages.problem("--base", None, "verify.not_a_revision", ref=ref))
    listing = _git(repo, "ls-tree", "-z", ref, "--", f"{layout.VERSIONS_DIR}/")
    wanted = {}
    for entry in filter(None, listing.stdout.split(b"\0")):
        meta, _, path = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        name = Path(path.decode("utf-8", "replace")).name
        if kind == "blob" and (archive.text_name(name) or name == layout.FINGERPRINTS):
            wanted[name] = sha
    then = _blobs(repo, wanted)
    problems = []
    now = {name: path.read_bytes() for name, path in files.items()}
    for name in sorted((n for n in then if n != layout.FINGERPRINTS), key=_order):
        shown, text = f"{folder_shown}/{name}", then[name]
        if now.get(name) == text:
            continue
        added = archive.added_by_saving(now.get(name, b""))
        if added and archive.normal(now[name]) == text:
            problems.append(messages.problem(shown, None, "archive.resaved", added=added, restore=f"git checkout {ref} -- {shown}"))
            continue
        moved = next((other for other, content in now.items() if content == text and other != name), None)
        if moved is not None:
            back = f"{shown} {folder_shown}/{moved}" if moved in then else shown
            problems.append(messages.problem(shown, None, "verify.renamed" if moved in then else "verify.renamed_new", ref=ref,
                                             moved=f"{folder_shown}/{moved}", files=back))
        elif name not in now:
            problems.append(messages.problem(shown, None, "verify.removed", ref=ref, file=shown))
        else:
            problems.append(messages.problem(shown, None, "verify.differs", ref=ref, file=shown, release_hint=archive.release_hint()))
    problems += _lines(_recorded(then.get(layout.FINGERPRINTS, b"")), sums, f"{folder_shown}/{layout.FINGERPRINTS}",
                       messages.text("verify.in_revision", ref=ref), f"(git show {ref}:./{folder_shown}/{layout.FINGERPRINTS})")
    return problems, len(then) - (layout.FINGERPRINTS in then)


def _order(name: str) -> tuple[int, int]:
    number, language = archive.text_name(name)
    return number, layout.LANGUAGES.index(language)


def _lines(recorded: dict[str, str], sums: dict[str, archive.Recorded], sums_shown: str, where: str, see: str) -> list[Problem]:
    """A fingerprint line `where` (in a revision, or on the live site) that is now different or gone."""
    problems = []
    for name, digest in recorded.items():
        now = sums.get(name)
        if now is None or now.digest != digest:
            problems.append(messages.problem(sums_shown, now.line if now else None,
                                             "verify.line_differs" if now else "verify.line_missing", name=name, where=where,
                                             line=f"{digest}  {name}", see=see))
    return problems


def _git_folder(docs_dir: Path) -> str:
    folder = docs_dir if docs_dir.is_dir() else docs_dir.parent
    try:
        found = _git(str(folder), "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        raise Unavailable(messages.problem("--base", None, "verify.no_git"))
    if found.returncode:
        raise Unavailable(messages.problem(shown_path(docs_dir, Path.cwd()), None, "verify.not_a_repository"))
    return str(folder)


def _git(repo: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


def _blobs(repo: str, shas: dict[str, str]) -> dict[str, bytes]:
    """The contents of blobs by name, read by one `git cat-file --batch`."""
    answer = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input="".join(f"{sha}\n" for sha in shas.values()).encode(),
                            capture_output=True, timeout=120).stdout
    contents, position = {}, 0
    for name in shas:
        header_end = answer.index(b"\n", position)
        size = int(answer[position:header_end].split()[2])
        contents[name] = answer[header_end + 1: header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents


def _recorded(data: bytes) -> dict[str, str]:
    lines = (re.fullmatch(r"([0-9a-fA-F]{64}) [ *]?(\S+)", line.strip()) for line in data.decode("utf-8", "replace").split("\n"))
    return {match.group(2): match.group(1).lower() for match in lines if match and archive.text_name(match.group(2))}


# --- against the live site -------------------------------------------------------------------------------------------

def against_published(docs_dir: Path, root: Path, source: str, unpublished_ok: bool = False) -> tuple[list[Problem], int, bool]:
    """Every version the live site published that is missing or different here; how many; whether it had fingerprints."""
    folder, files, digests, sums = _local(docs_dir, root)
    folder_shown = shown_path(folder, root)
    published = _published(source, unpublished_ok)
    problems, fingerprinted = [], True
    for number, prints in published:
        fingerprinted = fingerprinted and prints is not None
        for language in layout.LANGUAGES if prints is None else prints:
            name = layout.source_path(folder, str(number), language).name
            shown = f"{folder_shown}/{name}"
            if name not in files:
                problems.append(messages.problem(shown, None, "verify.missing_published", number=number, source=source, file=shown))
            elif prints is not None and digests[name] != prints[language]:
                problems.append(messages.problem(shown, None, "verify.differs_published", source=source, file=shown,
                                                 fingerprint=prints[language], release_hint=archive.release_hint()))
    recorded = {layout.source_path(folder, str(n), l).name: d for n, prints in published if prints for l, d in prints.items()}
    problems += _lines(recorded, sums, f"{folder_shown}/{layout.FINGERPRINTS}", messages.text("verify.on_site", source=source),
                       "(versions.json › fingerprint)")
    return problems, len(published), fingerprinted


def _published(source: str, unpublished_ok: bool = False) -> list[tuple[int, dict[str, str] | None]]:
    """(version, fingerprint per language or None) for each version in a versions.json."""
    data = _fetch(source, unpublished_ok)
    if data is None:
        return []
    try:
        document = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise Unavailable(messages.problem(source, None, "verify.too_deep")) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise Unavailable(messages.problem(source, None, "verify.not_json", error=error.__class__.__name__))
    items = document.get("versions") if isinstance(document, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and type(i.get("version")) is int and i["version"] > 0 for i in items):
        raise Unavailable(messages.problem(source, None, "verify.no_versions"))
    found = []
    for item in items:
        prints = item.get("fingerprint")
        if prints is not None and not (isinstance(prints, dict) and set(prints) <= set(layout.LANGUAGES)
                                        and all(isinstance(d, str) and _HEX.fullmatch(d) for d in prints.values())):
            raise Unavailable(messages.problem(source, None, "verify.bad_fingerprint", number=item["version"],
                                               languages=", ".join(layout.LANGUAGES)))
        found.append((item["version"], {k: v.lower() for k, v in prints.items()} if prints is not None else None))
    return found


def _fetch(source: str, unpublished_ok: bool = False) -> bytes | None:
    """The document at `source`; None when the site answers 404 and `unpublished_ok` says that means "nothing yet"."""
    if re.match(r"(?i)https?://", source):
        import urllib.error  # here, not at the top: `personvern check` imports this module and needs no network code
        import urllib.request
        try:
            with urllib.request.urlopen(urllib.request.Request(source, headers={"User-Agent": "personvern"}), timeout=TIMEOUT) as answer:
                return _within_limit(source, answer.read(LIMIT + 1))
        except urllib.error.HTTPError as error:
            if error.code == 404 and unpublished_ok:
                return None
            raise Unavailable(messages.problem(source, None, "verify.http", code=error.code, reason=error.reason))
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise Unavailable(messages.problem(source, None, "verify.cannot_fetch", reason=reason))
    try:
        with open(source, "rb") as stream:  # read no more than LIMIT: the file may be /dev/zero
            return _within_limit(source, stream.read(LIMIT + 1))
    except OSError as error:
        raise Unavailable(messages.problem(source, None, "verify.cannot_read", reason=error.strerror or error))


def _within_limit(source: str, data: bytes) -> bytes:
    if len(data) > LIMIT:
        raise Unavailable(messages.problem(source, None, "verify.too_large", limit=LIMIT))
    return data


# --- the command ---------------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", metavar="REF", help="a git revision to compare with, e.g. main (for a pull request, its target branch)")
    parser.add_argument("--published", metavar="FILE_OR_URL", help="the live site's versions.json, its address or a saved copy")
    parser.add_argument("--unpublished-ok", action="store_true",
                        help="a site that answers 404 for versions.json has published nothing yet (the first deploy): pass, and say so")


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every version of the revision and the live site is unchanged here; 1 with every difference."""
    if args.base is None and args.published is None:
        print(messages.text("verify.arguments"), file=sys.stderr)
        return 2
    root, problems, done = Path.cwd(), [], []
    try:
        if args.base is not None:
            found, texts = against_base(args.docs, root, args.base)
            problems += found
            done.append(messages.text("verify.done_base", count=texts, ref=args.base))
        if args.published is not None:
            found, count, fingerprinted = against_published(args.docs, root, args.published, args.unpublished_ok)
            if count == 0 and args.unpublished_ok:
                print(messages.text("verify.nothing_published", source=args.published))
            problems += found
            done.append(messages.text("verify.done_published", count=count, source=args.published))
            if not fingerprinted:
                print(messages.text("verify.unfingerprinted", source=args.published))
    except Unavailable as unavailable:
        problems.append(unavailable.problem)
        done = []
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(messages.text("verify.closing", count=len(problems)), file=sys.stderr)
        return 1
    print(messages.text("verify.unchanged", folder=shown_path(args.docs / layout.VERSIONS_DIR, root), done="; ".join(done)))
    return 0
