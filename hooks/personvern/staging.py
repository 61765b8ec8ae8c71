"""Publishing a build all at once: the site is built in a folder beside the old one, and takes its place only when
the whole build has succeeded. A failed build, whatever failed, leaves the old site as it was.

    staging = begin(site)      # build into `staging` …
    publish(staging, site)     # … then swap it in, or
    discard(staging)           # … drop it when the build failed
"""
from __future__ import annotations

import ctypes
import os
import secrets
import shutil
from pathlib import Path

_MARK = ".building-"
_RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step
_AT_FDCWD = -100


def begin(site: Path) -> Path:
    """A new, empty folder beside `site` to build into; folders left by builds that were killed are removed."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    for left in site.parent.glob(f"{site.name}{_MARK}*"):
        if not _running(left.name.rsplit("-", 2)[-2]):
            discard(left)
    staging = site.with_name(f"{site.name}{_MARK}{os.getpid()}-{secrets.token_hex(3)}")
    discard(staging)
    staging.mkdir()
    return staging


def publish(staging: Path, site: Path) -> None:
    """Puts the finished build in the place of the old site. Where the system can, the two folders are swapped in
    one step; elsewhere the old one is moved aside just before the new one is moved in."""
    site = site.resolve()
    if not site.exists():
        os.rename(staging, site)
        return
    if not _exchange(staging, site):
        aside = staging.with_name(staging.name + "-old")
        os.rename(site, aside)
        os.rename(staging, site)
        staging = aside
    discard(staging)  # it now holds the old site


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
