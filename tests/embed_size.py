"""Sizes of the embed forms against the statement's visible text, all gzip -9 (run: `make bench`).

Targets: the embed page (HTML, CSS and JS together) at most 3× the text; the loader at most 1 KB, where
iframe-resizer's parent script is about 10 KB. The fragment and the JSON are printed for comparison. It is a
measurement, not a test, and always exits 0.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import ROOT  # noqa: E402

from mkdocs.utils.yaml import yaml_load  # noqa: E402

from personvern import embed, layout  # noqa: E402
from personvern import project as project_module  # noqa: E402
from personvern.revision import build_date  # noqa: E402

SITE_URL = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
PAGE_TARGET = 3.0
LOADER_TARGET = 1024


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    project = project_module.load(ROOT / layout.DOCS_DIR, ROOT, build_date())
    origins = embed.allowed_origins(ROOT / layout.CONFIG_FILE, layout.CONFIG_FILE)
    files = embed.files(project, SITE_URL, origins)
    loader = gz(files[layout.EMBED_LOADER])
    print(f"{'language':>8} {'text B':>7} {'page B':>7} {'page/text':>10} {'fragment B':>11} {'JSON B':>7}   (gzip -9)")
    worst = 0.0
    for language in project.languages:
        document = json.loads(files[layout.page_url(language, layout.EMBED_JSON)])
        text = gz(visible_text("".join(section["html"] for section in document["sections"])).encode("utf-8"))
        page = gz(files[layout.page_url(language, layout.EMBED_PAGE)])
        fragment = gz(files[layout.page_url(language, layout.EMBED_FRAGMENT)])
        data = gz(files[layout.page_url(language, layout.EMBED_JSON)])
        worst = max(worst, page / text)
        print(f"{language:>8} {text:>7} {page:>7} {page / text:>10.2f} {fragment:>11} {data:>7}")
    print()
    print(f"embed page (HTML+CSS+JS) vs text: at most {worst:.2f}× ({'within' if worst <= PAGE_TARGET else 'OVER'} "
          f"the {PAGE_TARGET:g}× target)")
    print(f"loader: {loader} B gzip ({'within' if loader <= LOADER_TARGET else 'OVER'} the {LOADER_TARGET} B target; "
          "iframe-resizer's parent script is about 10 KB)")


if __name__ == "__main__":
    main()
