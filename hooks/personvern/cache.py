"""Results kept between runs of `personvern check`: a text and its problems, found again by what they depend on.

Rendering an archived text gives the same HTML and the same problems every time: it depends only on the text, the
code and the language of the messages. So the check keeps each such result in a file named by a digest of all of
them (layout.CACHE_DIR, which CI may keep between runs). An entry that cannot be read, is not whole, or answers
another digest is not there: the result is worked out again. Only the check reads the cache; the build never does,
so nothing published comes from it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from . import messages
from .problems import Problem

LIBRARIES = ("markdown", "nh3", "jinja2", "markupsafe")
"""Besides the package itself, what the kept results depend on; their installed versions are part of every digest."""
MAX_ENTRY = 8_000_000
"""Bytes: a larger file in the cache folder is not read (an entry holds one text's HTML and problems)."""

_folder: Path | None = None


@contextlib.contextmanager
def kept_in(folder: Path) -> Iterator[None]:
    """Within the block, results are kept in `folder`; outside it, nothing is read or written."""
    global _folder
    previous, _folder = _folder, folder
    try:
        yield
    finally:
        _folder = previous


def text_and_problems(kind: str, inputs: list, work: Callable[[], tuple[str, list[Problem]]]) -> tuple[str, list[Problem]]:
    """`work()`, or its result from an earlier run with the same `kind` of work, `inputs` (JSON data) and code."""
    if _folder is None:
        return work()
    key = hashlib.sha256(json.dumps([_code(), messages.language(), kind, inputs]).encode()).hexdigest()
    path = _folder / _code()[:16] / f"{key}.json"
    kept = _read(path, key)
    if kept is not None:
        return kept
    text, problems = work()
    _write(path, {"key": key, "text": text, "problems": [[p.path, p.line, p.what, p.todo] for p in problems]})
    return text, problems


def package_data(name: str, work: Callable[[], dict]) -> dict:
    """`work()`, which parses the package's own YAML file `name`; or, while results are kept, the data an earlier run
    of the same code kept (the code's digest covers the file). Kept only when it is shaped as the message catalogue
    (text by name by language), which JSON gives back as it was: reading that is many times faster than parsing YAML."""
    if _folder is None:
        return work()
    path = _folder / _code()[:16] / f"{name}.json"
    entry = _load(path)
    if isinstance(entry, dict) and set(entry) == {"key", "data"} and entry["key"] == _code() and _is_table(entry["data"]):
        return entry["data"]
    data = work()
    if _is_table(data):
        _write(path, {"key": _code(), "data": data})
    return data


def _is_table(data) -> bool:
    """A dict of dicts of text, every key text."""
    return isinstance(data, dict) and all(isinstance(key, str) and isinstance(row, dict) and
                                          all(isinstance(k, str) and isinstance(v, str) for k, v in row.items())
                                          for key, row in data.items())


def _load(path: Path):
    """The JSON data in the file at `path`; None when it is missing, unreadable, too large or not JSON."""
    try:
        if path.stat().st_size > MAX_ENTRY:
            return None
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def _read(path: Path, key: str) -> tuple[str, list[Problem]] | None:
    """The entry at `path` if it is whole and answers `key`; None for anything else."""
    entry = _load(path)
    if not (isinstance(entry, dict) and entry.get("key") == key and isinstance(entry.get("text"), str)
            and isinstance(entry.get("problems"), list) and all(map(_is_problem, entry["problems"]))):
        return None
    return entry["text"], [Problem(*item) for item in entry["problems"]]


def _is_problem(item) -> bool:
    """A problem as _write writes it: [path, line or null, what, todo]."""
    return (isinstance(item, list) and len(item) == 4 and all(isinstance(item[i], str) for i in (0, 2, 3))
            and (item[1] is None or type(item[1]) is int and item[1] >= 1))


def _write(path: Path, entry: dict) -> None:
    """Written whole or not at all (a temporary file, then renamed); a folder that cannot be written is no error."""
    try:
        folder = path.parent
        if not folder.is_dir():
            _drop_other_code(folder)
            folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{path.stem}.{os.getpid()}.tmp"  # this process's own: no other writes it
        try:
            with open(temporary, "w", encoding="utf-8") as file:
                json.dump(entry, file, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):  # UnicodeEncodeError (a lone surrogate) is a ValueError
        pass


def _drop_other_code(folder: Path) -> None:
    """Entries of other versions of the code are never found again: remove them, so that the cache does not grow."""
    import shutil  # here, not at the top: needed once per change of the code
    parent = folder.parent
    if parent.is_dir():
        for other in parent.iterdir():
            if other.is_dir() and other.name != folder.name:
                shutil.rmtree(other, ignore_errors=True)


def data_key(value) -> str | None:
    """`value` as an input of text_and_problems: its repr when it is made of plain data only (dicts, lists, text,
    numbers, dates), so that equal keys mean equal data; None for anything else, which is then not kept."""
    def plain(item) -> bool:
        if type(item) in (dict,):
            return all(plain(k) and plain(v) for k, v in item.items())
        if type(item) in (list, tuple):
            return all(map(plain, item))
        return type(item) in (str, int, float, bool, type(None), dt.date, dt.datetime)
    try:
        return repr(value) if plain(value) else None
    except RecursionError:
        return None


@functools.cache
def _code() -> str:
    """A digest of everything a kept result depends on besides its inputs: this package's files, the Python
    version, and the installed libraries."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).parent
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")  # compiled copies of files digested here
        for path in sorted(Path(folder, name) for name in names):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for folder in sorted({_installed_in(name) for name in LIBRARIES} - {None}):
        digest.update("\0".join(sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))).encode())
    return digest.hexdigest()


def _installed_in(name: str) -> str | None:
    """The folder the library `name` is installed in (without importing it), whose *.dist-info names its version."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    return str(Path(spec.origin).parent.parent)
