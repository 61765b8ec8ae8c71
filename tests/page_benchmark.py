"""What a visitor downloads, and Lighthouse's scores (run: `make bench-pages`).

Builds this site and a reference from the same text (default Material for MkDocs with mkdocs-static-i18n and
its search), serves each gzip-compressed (level 6) on 127.0.0.1, and loads the statement page in each language
in Debian's Chromium with an empty cache. It prints the bytes transferred (status line, headers and body, as
sent), the request count and the ratio ours / reference; then Lighthouse's four scores (mobile preset) for the
statement, the version history and an archived version in each language.

A measurement, not a test: it prints figures and the targets, and exits 0 unless a build or a tool fails.
Requests to other hosts (the reference's Google Fonts) are blocked and not counted.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from conftest import ROOT  # noqa: E402
from test_browser import ARGS, CHROMIUM  # noqa: E402

from personvern import history, layout  # noqa: E402
from personvern import project as project_module  # noqa: E402
from personvern.revision import build_date  # noqa: E402

TARGET = 0.35
"""At most this fraction of the reference's bytes."""
LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
"""Lighthouse runs per page; the median score is reported."""
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
         ".svg": "image/svg+xml", ".xml": "application/xml", ".png": "image/png", ".txt": "text/plain; charset=utf-8"}


class Served:
    """A site folder served on 127.0.0.1 with gzip level 6, counting what it sends."""

    def __init__(self, site: Path):
        sent = self.sent = []

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = site / unquote(urlsplit(self.path).path).lstrip("/")
                if path.is_dir():
                    path = path / "index.html"
                status, body = (200, path.read_bytes()) if path.is_file() else (404, (site / "404.html").read_bytes())
                suffix = path.suffix if status == 200 else ".html"
                headers = {"Content-Type": TYPES.get(suffix, "application/octet-stream")}
                if suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body, headers["Content-Encoding"] = gzip.compress(body, compresslevel=6, mtime=0), "gzip"
                headers["Content-Length"] = str(len(body))
                head = f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n" + \
                    "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
                self.wfile.write(head.encode() + body)
                sent.append((self.path, status, len(head) + len(body)))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def build(folder: Path, origin: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PERSONVERN_SITE_URL=origin)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")],
                            cwd=folder if (folder / "mkdocs.yml").exists() else ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit(f"the build in {folder} failed:\n{result.stderr}")


def reference(folder: Path, origin: str) -> None:
    """The same docs with the facts filled in, built by Material and mkdocs-static-i18n with their defaults."""
    with open(ROOT / layout.CONFIG_FILE, encoding="utf-8") as handle:
        ours = yaml.load(handle, Loader=_Loader)
    project = project_module.load(ROOT / layout.DOCS_DIR, ROOT, build_date())
    docs = folder / "docs"
    for source in (ROOT / layout.DOCS_DIR).rglob("*.md"):
        target = docs / source.relative_to(ROOT / layout.DOCS_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    for language in project.languages:
        layout.statement_path(docs, language).write_text(history.current_text(project, language), encoding="utf-8")
    i18n = next(plugin["i18n"] for plugin in ours["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    languages = [{key: value for key, value in language.items() if key != "theme"} for language in i18n["languages"]]
    config = {
        "site_name": ours["site_name"], "site_url": origin, "docs_dir": "docs",
        "theme": {"name": "material", "language": layout.DEFAULT},
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"i18n": {"docs_structure": "suffix", "languages": languages}}],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(folder, origin)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml: its `!ENV` tags become their default values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_sequence(node)[-1]
                              if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node))


def cold_load(browser, served: Served, path: str) -> tuple[int, int]:
    """Bytes and requests for one page opened with an empty cache, including what its scripts fetch afterwards."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served.origin) else route.abort())
    served.sent.clear()
    page.goto(served.origin + path, wait_until="networkidle")
    page.wait_for_timeout(1000)
    context.close()
    return sum(size for _, _, size in served.sent), len(served.sent)


def lighthouse(url: str) -> dict | str:
    """The median of RUNS runs per category (Lighthouse's advice against run-to-run variance), and the audits that
    fell short in any run."""
    runs = [_lighthouse_once(url) for _ in range(RUNS)]
    failed = next((run for run in runs if isinstance(run, str)), None)
    if failed:
        return failed
    scores = {name: sorted(run[name] for run in runs)[RUNS // 2] for name in CATEGORIES}
    return dict(scores, failing=sorted({audit for run in runs for audit in run["failing"]}))


def _lighthouse_once(url: str) -> dict | str:
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make lighthouse`"
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    result = subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(ARGS)}"],
                            env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(audit["id"] for audit in report["audits"].values()
                     if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in ("binary", "numeric")
                     and any(ref["id"] == audit["id"] and ref.get("weight") for name in CATEGORIES
                             for ref in report["categories"][name]["auditRefs"]))
    return dict(scores, failing=failing)


def main() -> None:
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as temp:
        ours_folder, reference_folder = Path(temp) / "ours", Path(temp) / "reference"
        (ours_folder / "site").mkdir(parents=True)
        (reference_folder / "site").mkdir(parents=True)
        ours, theirs = Served(ours_folder / "site"), Served(reference_folder / "site")
        build(ours_folder, ours.origin)
        reference(reference_folder, theirs.origin)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            print("Statement page, cold load, gzip level 6 (bytes as sent: status line, headers, body)")
            print(f"{'language':<9} {'ours B':>8} {'requests':>8} {'reference B':>12} {'requests':>8} {'ours/ref':>9}")
            worst = 0.0
            for language in layout.LANGUAGES:
                path = layout.page_url(language)
                (mine, my_requests), (ref, ref_requests) = cold_load(browser, ours, path), cold_load(browser, theirs, path)
                worst = max(worst, mine / ref)
                print(f"{language:<9} {mine:>8} {my_requests:>8} {ref:>12} {ref_requests:>8} {mine / ref:>8.2f}×")
            browser.close()
        print(f"largest ratio {worst:.2f}× ({'within' if worst <= TARGET else 'OVER'} the {TARGET}× target)")
        print()
        print(f"Lighthouse, mobile preset, median of {RUNS} runs: performance / accessibility / best practices / SEO")
        pages = {"statement": "", "history": layout.HISTORY_PATH, "archived": layout.version_url(layout.DEFAULT, 1)}
        below = 0
        for language in layout.LANGUAGES:
            for kind, path in pages.items():
                url = ours.origin + (layout.version_url(language, 1) if kind == "archived" else layout.page_url(language, path))
                scores = lighthouse(url)
                if isinstance(scores, str):
                    print(f"{language:<3} {kind:<10} not run: {scores}")
                    below += 1
                    continue
                figures = " / ".join(f"{scores[name]:>3}" for name in CATEGORIES)
                below += any(scores[name] < 100 for name in CATEGORIES)
                print(f"{language:<3} {kind:<10} {figures}" + (f"   short in some run: {', '.join(scores['failing'])}" if scores["failing"] else ""))
        print(f"{'every score is 100' if not below else f'{below} page(s) below 100'} (target: 100 in each category)")


if __name__ == "__main__":
    main()
