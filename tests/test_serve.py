"""`make serve`: a chosen port, one line for a busy one, and a page listing the problems while the build fails."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

SERVE = ROOT / "hooks" / "mkdocs_serve.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("language, line", [
    ("nb", "port {port} er allerede i bruk (kjører forhåndsvisningen et annet sted?) — stopp det som bruker den, "
           "eller velg en annen port: make serve PORT={other}"),
    ("en", "port {port} is already in use (is the preview running elsewhere?) — stop what uses it, "
           "or choose another port: make serve PORT={other}"),
])
def test_a_busy_port_is_one_line_in_the_editors_language(tiny, language, line):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, str(SERVE), "--port", str(port)], cwd=tiny.root, capture_output=True,
                                text=True, timeout=60, env=dict(os.environ, PERSONVERN_LANG=language))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line.format(port=port, other=port + 1)]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline, page = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s; last page:\n{page}")


def test_while_the_build_fails_every_page_lists_the_problems_then_the_site_returns(tiny):
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    port = free_port()
    env = dict(os.environ, PERSONVERN_TODAY=tiny.today.isoformat(), NO_MKDOCS_2_WARNING="1")
    env.pop("PERSONVERN_LANG", None)
    server = subprocess.Popen([sys.executable, str(SERVE), "--port", str(port)], cwd=tiny.root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        page = _wait_for(base, "Forhåndsvisningen kan ikke bygges")
        assert '<html lang="nb">' in page
        assert ("<li>docs/index.en.md:27: den obligatoriske seksjonen «cookies» mangler — legg til en overskrift "
                "«## … {#cookies}» med tekst under (README › Obligatoriske seksjoner)</li>") in page
        assert "Forhåndsvisningen kan ikke bygges" in (_get(base + "en/") or "")
        assert "livereload" in page, "the page reloads by itself once the problems are fixed"
        tiny.edit("docs/index.en.md", "{#cookie}", "{#cookies}")
        fixed = _wait_for(base + "en/", "we make lamps")
        assert "cannot be built" not in fixed and "kan ikke bygges" not in fixed
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_problem_page_is_english_with_personvern_lang_en(tiny, monkeypatch):
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import mkdocs_serve
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    monkeypatch.setenv("PERSONVERN_LANG", "en")
    mkdocs_serve.write_problem_pages(tiny.site, ['docs/index.md:3: <b>x</b> — "y"'])
    page = (tiny.site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h1>The preview cannot be built</h1>" in page
    assert "<li>docs/index.md:3: &lt;b&gt;x&lt;/b&gt; — &#34;y&#34;</li>" in page
    assert (tiny.site / "index.html").read_text(encoding="utf-8") == page
    assert (tiny.site / "404.html").read_text(encoding="utf-8") == page


@pytest.mark.parametrize("language, line", [
    ("nb", "make serve: feil: argument --port: «{value}» er ikke et portnummer — oppgi et tall fra 1 til 65535, "
           "f.eks. make serve PORT=8001"),
    ("en", 'make serve: error: argument --port: "{value}" is not a port number — give a number from 1 to 65535, '
           "e.g. make serve PORT=8001"),
])
@pytest.mark.parametrize("value", ["åtte", "70000"])
def test_a_port_that_is_not_a_port_is_a_usage_error_in_the_editors_language(tiny, language, line, value):
    result = subprocess.run([sys.executable, str(SERVE), "--port", value], cwd=tiny.root, capture_output=True,
                            text=True, timeout=60, env=dict(os.environ, PERSONVERN_LANG=language))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == line.format(value=value)


def test_a_mkdocs_yml_that_would_run_code_is_refused_before_mkdocs_reads_it(tiny, tmp_path):
    """MkDocs reads mkdocs.yml with PyYAML's full loader, which runs a !!python tag: the preview never hands it over."""
    made = tmp_path / "made-by-mkdocs-yml"
    tiny.write("mkdocs.yml", tiny.read("mkdocs.yml") + f"copyright: !!python/object/apply:os.mkdir [{str(made)!r}]\n")
    result = subprocess.run([sys.executable, str(SERVE), "--port", str(free_port())], cwd=tiny.root, capture_output=True,
                            text=True, timeout=60, env=dict(os.environ, PERSONVERN_LANG="en"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "mkdocs.yml: the site configuration cannot be read (a YAML tag that cannot be read, such as !!python/…, which "
        "would run code) — restore mkdocs.yml from the repository"]
    assert not made.exists()
