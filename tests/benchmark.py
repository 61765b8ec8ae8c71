"""Build time, output size and `personvern check` time with 1, 10 and 100 versions per language (run: `make bench`).

Prints figures and how they compare with the targets; it is a measurement, not a test, and always exits 0
unless a build fails.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import statistics
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from conftest import ROOT, project_config  # noqa: E402

from personvern.release import release  # noqa: E402

COUNTS = (1, 10, 100)
RUNS = 3
"""Builds per count; the fastest is reported, the others absorb a busy machine."""
CHECK_TARGET = 0.1
"""`personvern check` should take at most this share of a full build (medians of RUNS runs each)."""
FIRST = dt.date(2026, 11, 25)
MIB = 1024 * 1024


def make_project(folder: Path, versions: int) -> dt.date:
    """A copy of the real statement with `versions` published versions; returns a date when the last is in force."""
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(project_config(folder), allow_unicode=True), encoding="utf-8")
    for number in range(2, versions + 1):
        for name, marker in (("index.md", "Revisjon"), ("index.en.md", "Revision")):
            # Each version changes one sentence of the same length, so the text itself does not grow.
            path = folder / "docs" / name
            text = path.read_text(encoding="utf-8")
            previous = f"{marker} {number - 1:04d}."
            text = text.replace(previous, f"{marker} {number:04d}.") if previous in text else \
                text.replace("\n## ", f"\n{marker} {number:04d}.\n\n## ", 1)
            path.write_text(text, encoding="utf-8")
        effective = FIRST + dt.timedelta(days=number - 1)
        release(folder / "docs", folder, effective, {"nb": f"Revisjon {number}.", "en": f"Revision {number}."}, effective)
    return FIRST + dt.timedelta(days=versions)


def measure(versions: int) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        today = make_project(folder, versions)
        env = dict(os.environ, PERSONVERN_TODAY=today.isoformat(), NO_MKDOCS_2_WARNING="1")
        times, checks = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=env,
                                    capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"the build with {versions} versions failed:\n{result.stderr}")
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "personvern.cli", "check"], cwd=folder, env=env,
                                    capture_output=True, text=True)
            checks.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"personvern check with {versions} versions failed:\n{result.stderr}")
        seconds = min(times)
        site = folder / "site"
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        current = {"nb": (site / "index.html").stat().st_size, "en": (site / "en" / "index.html").stat().st_size}
        return {"versions": versions, "seconds": seconds, "total": total, "current": current,
                "build_median": statistics.median(times), "check_median": statistics.median(checks)}


def main() -> None:
    rows = [measure(count) for count in COUNTS]
    print(f"{'versions':>8} {'build s':>8} {'output MiB':>11} {'MiB/version/lang':>17} {'current nb B':>13} {'current en B':>13}")
    for row in rows:
        per = row["total"] / MIB / (row["versions"] * 2)
        print(f"{row['versions']:>8} {row['seconds']:>8.2f} {row['total'] / MIB:>11.3f} {per:>17.3f} "
              f"{row['current']['nb']:>13} {row['current']['en']:>13}")
    first, middle, last = rows
    print()
    for label, key in (("build time", "seconds"), ("output size", "total")):
        early = (middle[key] - first[key]) / (middle["versions"] - first["versions"])
        late = (last[key] - middle[key]) / (last["versions"] - middle["versions"])
        unit = "s" if key == "seconds" else "KiB"
        scale = 1 if key == "seconds" else 1 / 1024
        print(f"{label} per added version: {early * scale:.3f} {unit} (1→10), {late * scale:.3f} {unit} (10→100); "
              f"ratio {late / early:.2f} (1.00 is linear)")
    for language in ("nb", "en"):
        growth = (last["current"][language] - first["current"][language]) / first["current"][language] * 100
        verdict = "within" if abs(growth) <= 5 else "OVER"
        print(f"current page ({language}) at 100 versions vs 1: {growth:+.2f}% ({verdict} the 5% target)")
    for row in rows:
        ratio = row["check_median"] / row["build_median"]
        print(f"personvern check with {row['versions']} versions: median {row['check_median']:.3f} s vs build "
              f"{row['build_median']:.3f} s = {ratio:.3f}x ({'within' if ratio <= CHECK_TARGET else 'OVER'} the "
              f"{CHECK_TARGET}x target)")
    worst = max(row["total"] / MIB / (row["versions"] * 2) for row in rows)
    print(f"largest output per version and language: {worst:.3f} MiB ({'under' if worst < 0.25 else 'OVER'} the 0.25 MiB target)")


if __name__ == "__main__":
    main()
