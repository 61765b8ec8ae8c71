"""Every built page is valid HTML: the Nu Html Checker (vnu.jar from npm, run with Java) reports no error.

In CI (CI=true) a missing checker or Java fails the test; on a laptop it is skipped with the reason.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import IN_CI, every_page_kind
from personvern import layout

VNU = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def vnu():
    missing = None
    if not VNU.exists():
        missing = f"{VNU} is missing: run `make test`, which installs vnu-jar with npm"
    elif shutil.which("java") is None:
        missing = "Java is missing: install it with `apt-get install -y default-jre-headless`"
    if missing:
        if IN_CI:
            pytest.fail(f"CI needs the HTML validity test: {missing}")
        pytest.skip(missing)
    return _errors


MARKUP = {layout.page_url(language, path): language for language in layout.LANGUAGES for path in layout.EMBED_MARKUP}
"""Markup for other websites to include: checked inside a minimal document, as the website would place it."""


def _errors(scratch: Path, *sites: Path) -> list[str]:
    files = []
    for number, site in enumerate(sites):
        for page in sorted(site.rglob("*.html")):
            language = MARKUP.get(page.relative_to(site).as_posix())
            if language:
                wrapped = scratch / str(number) / page.relative_to(site)
                wrapped.parent.mkdir(parents=True, exist_ok=True)
                wrapped.write_text(f'<!doctype html><html lang="{language}"><title>{page.name}</title>\n'
                                   + page.read_text(encoding="utf-8"), encoding="utf-8")
                page = wrapped
            files.append(str(page))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_the_checker_reports_errors(vnu, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "bad.html").write_text('<!doctype html><html lang="nb"><title>x</title>'
                                                '<input type="checkbox" autocomplete="off"><label for="x">x</label>')
    assert len(vnu(tmp_path, tmp_path / "site")) == 2


def test_every_page_of_every_kind_is_valid_html(vnu, project_site, tmp_path):
    kinds = every_page_kind(tmp_path)
    result = kinds.build(strict=False, command="serve")
    assert result.ok, result.messages
    pages = [page.relative_to(kinds.site).as_posix() for page in kinds.site.rglob("*.html")]
    assert {"index.html", "en/index.html", "versions/index.html", "versions/1/index.html", "versions/3/index.html",
            "en/versions/2/index.html", "404.html", "en/404.html"} <= set(pages)
    assert "pv-banner" in result.html("index.html") and "pv-notice--upcoming" in result.html("en/index.html")
    assert vnu(tmp_path / "wrapped", project_site, kinds.site) == []
