"""Writing a release safely: one release at a time, every file checked before it is written, and each written
atomically, so that an interrupted release leaves nothing or a complete version."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

from . import messages
from . import project as project_module
from .archive import TEMPORARY_PREFIX
from .problems import Invalid
from .source import shown_path

_SIGNALS = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


@contextlib.contextmanager
def locked(docs_dir: Path, root: Path):
    """Holds the release lock of `docs_dir`; a second release meanwhile is refused, not queued. The operating system
    drops the lock when the process ends, however it ends."""
    import fcntl

    shown = shown_path(docs_dir, root)
    try:
        handle = os.open(docs_dir, os.O_RDONLY)
    except OSError as error:
        raise Invalid([messages.problem(shown, None, "writing.folder",
                                        reason=messages.from_english(error.strerror or "", "writing.reason."))])
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise Invalid([messages.problem(shown, None, "writing.busy")]) from None
        yield
    finally:
        os.close(handle)


def staged_check(docs_dir: Path, root: Path, today, files: list[tuple[Path, bytes]]) -> None:
    """Raises Invalid unless the strict build accepts the docs folder with `files` written: the same loader, the same
    checks, on a copy, so that nothing is written when the new version would not build."""
    try:
        relative = docs_dir.resolve().relative_to(root.resolve())
    except ValueError:
        relative = Path(docs_dir.name)
    with tempfile.TemporaryDirectory(prefix="personvern-release-") as scratch:
        copy = Path(scratch) / relative
        shutil.copytree(docs_dir, copy, symlinks=True)
        for path, data in files:
            (copy / path.resolve().relative_to(docs_dir.resolve())).write_bytes(data)
        project_module.load(copy, Path(scratch), today, strict=True)


def commit(files: list[tuple[Path, bytes]], root: Path) -> None:
    """Writes every file to a temporary name in its folder, then renames each into place, the last (SHA256SUMS) last.

    Interrupting signals wait until the files are in place; if writing fails, the files renamed so far are removed
    again (they are new: the checks refused a version whose files exist) and SHA256SUMS stays as it was. A file
    the system refuses to write is one problem (Invalid), after that rollback."""
    temporary: dict[Path, Path] = {}
    placed: list[Path] = []
    current = files[0][0] if files else root

    def roll_back() -> None:
        for name in temporary.values():
            name.unlink(missing_ok=True)
        if len(placed) < len(files):
            for path in placed:
                path.unlink(missing_ok=True)

    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if hasattr(signal, "pthread_sigmask") else None
    try:
        for current, data in files:
            current.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=current.parent, prefix=f"{TEMPORARY_PREFIX}{current.name}.", suffix=".tmp")
            temporary[current] = Path(name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for current, _ in files:
            os.replace(temporary[current], current)
            del temporary[current]
            placed.append(current)
        _sync(files[-1][0].parent)
    except OSError as error:
        roll_back()
        raise Invalid([messages.problem(shown_path(current, root), None, "writing.failed",
                                        reason=messages.from_english(error.strerror or error.__class__.__name__,
                                                                     "writing.reason."))]) from None
    except BaseException:
        roll_back()
        raise
    finally:
        if blocked is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _sync(folder: Path) -> None:
    """Makes the renames durable, where the system allows it."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

