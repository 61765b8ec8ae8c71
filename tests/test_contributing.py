"""The editors' guide, the pull-request checklist and the pre-commit hook agree with the code."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT
from personvern import release_file, sections

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_readme_links_the_guide():
    assert "](CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_guide_names_every_required_section_id_and_every_release_file_field():
    for section_id in sections.REQUIRED:
        assert f"`{section_id}`" in GUIDE, section_id
    for name in release_file.FIELDS:
        assert f"`{name}`" in GUIDE, name


def test_the_guides_release_file_example_is_valid(tmp_path):
    example = re.search(r"```yaml\n(.*?)```", GUIDE, re.S).group(1)
    (tmp_path / "release.yml").write_text(example, encoding="utf-8")
    request = release_file.read(tmp_path / "release.yml", "docs/release.yml")
    assert set(request.summaries) == {"nb", "en"}


def test_the_pull_request_checklist_covers_languages_summary_date_and_notice():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.*)$", template, re.M)
    for words in ("Begge språk", "Sammendraget", "Datoen", "Varselperioden"):
        assert any(item.startswith(words) for item in items), words


def test_pre_commit_runs_personvern_check_through_make():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hook["entry"] == "make --no-print-directory check" and hook["pass_filenames"] is False
    assert re.search(r"^check: .*\n\t\$\(BIN\)/personvern check", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
