"""Build time, output size and `personvern check` time with the project's own versions, 10 and 100 per language (run: `make bench`).

Prints figures and how they compare with the targets; it is a measurement, not a test, and always exits 0
unless a build fails. `personvern check` keeps what it renders in .cache/personvern (cache.py), so it is timed three
ways: cold (the cache emptied before each run, as on a fresh clone), warm (nothing changed since the last check), and
warm after an edit of the current text (the archived texts come from the cache, the current texts are filled in and
rendered again: a pull request with a cache CI kept). The build never uses the cache. Each is judged by the wall
clock, as the target is set, and by CPU time, which a busy machine stretches less. Below them, the floor: a Python
process that only imports the libraries such a check needs, which no check can beat.
"""
from __future__ import annotations

import datetime as dt
import os
import resource
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

from personvern import layout, versions as versions_module  # noqa: E402
from personvern.release import release  # noqa: E402
from personvern.revision import build_date  # noqa: E402

PUBLISHED = len(versions_module.load(ROOT / "docs" / layout.VERSIONS_DIR, ROOT, []))
COUNTS = (PUBLISHED, 10, 100)
"""The project as it is, then with revisions added up to 10 and 100 versions."""
RUNS = 3
"""Builds per count; the fastest is reported, the others absorb a busy machine."""
CHECK_TARGET = 0.1
"""`personvern check` should take at most this share of a full build (medians of all runs of each)."""
CHECKS_PER_BUILD = 3
"""Checks of each kind after each build: a check takes a tenth of a build or less, and more runs steady its median."""
FLOORS = {
    "warm": ("only imports PyYAML", "import yaml"),
    "cold or edited": ("only imports PyYAML, Jinja2's sandbox, Markdown with the check's extensions, and nh3",
               "import jinja2.sandbox, nh3, yaml; from markdown.extensions import attr_list, tables, toc"),
}
"""What no `personvern check` can go below: a Python process that imports the libraries it needs and exits. A check
whose texts are all kept in the cache needs PyYAML; one that fills in and renders a text again (an edit, or a cold
cache) also Jinja2, Markdown and nh3."""
FLOOR_RUNS = 9
MIB = 1024 * 1024
LINEAR = 0.25
"""How far the growth per added version from 10 to 100 versions may differ from that from 1 to 10 and still read
as linear: the step from 1 version adds fixed parts (the first "what changed since"), and build times are noisy."""


def make_project(folder: Path, versions: int) -> dt.date:
    """A copy of the real statement with `versions` published versions; returns a date when the last is in force.

    The project's own versions come first, then revisions one day apart."""
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(project_config(folder), allow_unicode=True), encoding="utf-8")
    archive = folder / "docs" / layout.VERSIONS_DIR
    kept = versions_module.load(archive, folder, [])
    today = build_date({})  # releases are made today, as a release records; the versions take effect later
    first = max(kept[-1].effective, today)
    for number in range(len(kept) + 1, versions + 1):
        for name, marker in (("index.md", "Revisjon"), ("index.en.md", "Revision")):
            # Each version changes one sentence of the same length, so the text itself does not grow.
            path = folder / "docs" / name
            text = path.read_text(encoding="utf-8")
            previous = f"{marker} {number - 1:04d}."
            text = text.replace(previous, f"{marker} {number:04d}.") if previous in text else \
                text.replace("\n## ", f"\n{marker} {number:04d}.\n\n## ", 1)
            path.write_text(text, encoding="utf-8")
        effective = first + dt.timedelta(days=number - len(kept))
        release(folder / "docs", folder, effective, {"nb": f"Revisjon {number}.", "en": f"Revision {number}."}, today)
    return first + dt.timedelta(days=versions - len(kept) + 1)


def measure(versions: int) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        today = make_project(folder, versions)
        env = dict(os.environ, PERSONVERN_TODAY=today.isoformat(), NO_MKDOCS_2_WARNING="1")
        times, cpu, checks, check_cpu = [], [], {"cold": [], "warm": [], "edited": []}, {"cold": [], "warm": [], "edited": []}
        for run in range(RUNS):
            start, used = time.perf_counter(), _children_cpu()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=env,
                                    capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - used)
            if result.returncode != 0:
                sys.exit(f"the build with {versions} versions failed:\n{result.stderr}")
            for repeat in range(CHECKS_PER_BUILD):
                shutil.rmtree(folder / layout.CACHE_DIR, ignore_errors=True)
                for kind in checks:
                    if kind == "edited":
                        _edit_current_texts(folder, run * CHECKS_PER_BUILD + repeat)
                    used = _children_cpu()
                    checks[kind].append(_check(folder, env, versions))
                    check_cpu[kind].append(_children_cpu() - used)
        seconds = min(times)
        site = folder / "site"
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        current = {"nb": (site / "index.html").stat().st_size, "en": (site / "en" / "index.html").stat().st_size}
        archived = [site / layout.version_url(language, number) / "index.html"
                    for language in layout.LANGUAGES for number in range(1, versions + 1)]
        return {"versions": versions, "seconds": seconds, "cpu": min(cpu), "total": total, "current": current,
                "archived": sum(page.stat().st_size for page in archived) / len(archived),
                "oldest": (site / layout.version_url(layout.DEFAULT, 1) / "index.html").stat().st_size,
                "build_median": statistics.median(times), "check_median": {kind: statistics.median(seconds) for kind, seconds in checks.items()},
                "build_cpu_median": statistics.median(cpu), "check_cpu_median": {kind: statistics.median(seconds) for kind, seconds in check_cpu.items()}}


def _check(folder: Path, env: dict, versions: int) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "personvern.cli", "check"], cwd=folder, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"personvern check with {versions} versions failed:\n{result.stderr}")
    return seconds


def _floor(code: str) -> tuple[float, float]:
    """The median wall-clock and CPU seconds of a Python process that runs only `code`, as the check is run."""
    times, cpu = [], []
    for _ in range(FLOOR_RUNS):
        start, used = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
    return statistics.median(times), statistics.median(cpu)


def _edit_current_texts(folder: Path, run: int) -> None:
    """A change to the bytes of each current text that leaves its words as published: spaces at the end of its title
    line, one more each run, so that the check fills in and renders the texts again but finds nothing unreleased."""
    for language in layout.LANGUAGES:
        path = layout.statement_path(folder / "docs", language)
        lines = path.read_text(encoding="utf-8").split("\n")
        title = next(i for i, line in enumerate(lines) if line.startswith("# "))
        lines[title] = lines[title].rstrip() + " " * (run + 1)
        path.write_text("\n".join(lines), encoding="utf-8")


def _children_cpu() -> float:
    """CPU seconds used by finished child processes: unlike the wall clock, not stretched by a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    # Python caches compiled modules unless PYTHONDONTWRITEBYTECODE is set (as on some CI machines); compile the
    # project's own once, so that neither the build nor the check is timed compiling them on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "hooks")], check=True)
    rows = [measure(count) for count in COUNTS]
    floors = {kind: _floor(code) for kind, (_, code) in FLOORS.items()}
    print(f"{'versions':>8} {'build s':>8} {'CPU s':>6} {'output MiB':>11} {'MiB/version/lang':>17} {'current nb B':>13} {'current en B':>13} "
          f"{'archived page B':>16} {'version 1 nb B':>15}")
    for row in rows:
        per = row["total"] / MIB / (row["versions"] * 2)
        print(f"{row['versions']:>8} {row['seconds']:>8.2f} {row['cpu']:>6.2f} {row['total'] / MIB:>11.3f} {per:>17.3f} "
              f"{row['current']['nb']:>13} {row['current']['en']:>13} {row['archived']:>16.0f} {row['oldest']:>15}")
    first, middle, last = rows
    print()
    for label, key in (("build time", "seconds"), ("build CPU time", "cpu"), ("output size", "total")):
        early = (middle[key] - first[key]) / (middle["versions"] - first["versions"])
        late = (last[key] - middle[key]) / (last["versions"] - middle["versions"])
        unit = "KiB" if key == "total" else "s"
        scale = 1 / 1024 if key == "total" else 1
        verdict = "linear" if abs(late / early - 1) <= LINEAR else "NOT linear"
        judged = f"{verdict}: 1.00 ± {LINEAR:.2f}" if key != "seconds" else "the wall clock is not judged"
        print(f"{label} per added version: {early * scale:.3f} {unit} ({first['versions']}→10), {late * scale:.3f} {unit} (10→100); "
              f"ratio {late / early:.2f} ({judged})")
    growth = (last["oldest"] - middle["oldest"]) / middle["oldest"] * 100
    print(f"version 1's page at 100 versions vs 10 (both show what changed since it): {growth:+.2f}% "
          f"({'constant' if abs(growth) <= 1 else 'GROWS'})")
    for language in ("nb", "en"):
        growth = (last["current"][language] - first["current"][language]) / first["current"][language] * 100
        verdict = "within" if abs(growth) <= 5 else "OVER"
        print(f"current page ({language}) at 100 versions vs {first['versions']}: {growth:+.2f}% ({verdict} the 5% target)")
    for row in rows:
        for kind, label in (("cold", "cold, cache emptied before each run"), ("warm", "warm, nothing changed"),
                            ("edited", "warm, current texts edited")):
            ratio = row["check_median"][kind] / row["build_median"]
            cpu_ratio = row["check_cpu_median"][kind] / row["build_cpu_median"]
            print(f"personvern check with {row['versions']} versions ({label}): median {row['check_median'][kind]:.3f} s vs "
                  f"build {row['build_median']:.3f} s = {ratio:.3f}x ({'within' if ratio <= CHECK_TARGET else 'OVER'} the "
                  f"{CHECK_TARGET}x target); CPU {row['check_cpu_median'][kind]:.3f} s vs {row['build_cpu_median']:.3f} s = "
                  f"{cpu_ratio:.3f}x ({'within' if cpu_ratio <= CHECK_TARGET else 'OVER'})")
        for kind, (label, _) in FLOORS.items():
            seconds, cpu = floors[kind]
            print(f"  floor, {kind}: a Python process that {label}: median {seconds * 1000:.0f} ms = "
                  f"{seconds / row['build_median']:.3f}x the build; CPU {cpu * 1000:.0f} ms = {cpu / row['build_cpu_median']:.3f}x")
    worst = max(row["total"] / MIB / (row["versions"] * 2) for row in rows)
    print(f"largest output per version and language: {worst:.3f} MiB ({'under' if worst < 0.25 else 'OVER'} the 0.25 MiB target)")


if __name__ == "__main__":
    main()
