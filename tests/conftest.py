"""Tiny real sites in tmp_path: the project's own mkdocs.yml, overrides and hooks, with a short statement."""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
os.environ["PERSONVERN_LANG"] = "en"
"""Tests assert the English messages (and pass it on to the commands they run); Norwegian tests set "nb"."""
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
"""In CI a missing tool fails the tests that need it; on a laptop they are skipped with the reason."""
TODAY = dt.date(2026, 11, 25)

FACTS = """\
controller:
  name: Nordlys Elektro AS
  short_name: Nordlys Elektro
  org_nr: 123 456 785
  street: Eksempelveien 1
  postcode: "5003"
  city: Nordby
  email: post@nordlys-elektro.no
  phone: 55 12 34 00
authority:
  name: Lystilsynet
  name_en: the Lamp Supervisory Authority
  website: tilsyn.example
  url: https://tilsyn.example/
cookie_providers:
  - name: Lampeteller
  - name: Vinterlys
links:
  lampeguide: https://lampeguide.example/
  verksted: https://verksted.example/
"""

NB = """\
---
title: Personvernerklæring
description: Om opplysningene lampebutikken tar vare på.
---

# Personvernerklæring

Hos {{ controller.short_name }} lager vi lamper til lange vinterkvelder.

## Hvem står bak? {#controller}

Nettsiden drives av {{ controller.name }} med organisasjonsnummer {{ controller.org_nr }}.

## Dette kan du kreve {#rights}

- Rett til innsyn
- Rett til sletting

## Informasjonskapsler {#cookies}

Disse tjenestene legger igjen informasjonskapsler hos deg:

{% for provider in cookie_providers %}
- {{ provider.name }}
{% endfor %}

## Kontakt {#contact}

Send en linje til {{ controller.email }} eller ring butikken på {{ controller.phone }}.
"""

EN = """\
---
title: Privacy statement
description: About the details the lamp shop looks after.
---

# Privacy statement

At {{ controller.short_name }} we make lamps for long winter evenings.

## Who runs this site? {#controller}

The site is run by {{ controller.name }} with organisation number {{ controller.org_nr }}.

## What you can ask of us {#rights}

- Right of access
- Right to erasure

## Cookies {#cookies}

These services leave cookies with you:

{% for provider in cookie_providers %}
- {{ provider.name }}
{% endfor %}

## Contact {#contact}

Drop a line to {{ controller.email }} or ring the shop on {{ controller.phone }}.
"""

CHANGELOG = {
    "nb": "---\ntitle: Versjonshistorikk\n---\n\n# Versjonshistorikk\n\nAlle versjoner.\n",
    "en": "---\ntitle: Version history\n---\n\n# Version history\n\nEvery version.\n",
}


@dataclass
class Build:
    ok: bool
    messages: list[str]
    """Every log line of the build at WARNING or above, as editors see them (without the level)."""
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


@dataclass
class TinySite:
    root: Path
    today: dt.date = TODAY
    env: dict = field(default_factory=dict)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return target

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        text = self.read(path)
        assert old in text, f"{old!r} is not in {path}"
        self.write(path, text.replace(old, new, 1))

    def release(self, effective: dt.date | str, nb: str = "Endret.", en: str = "Changed.", **options) -> list[Path]:
        from personvern.release import release
        effective = dt.date.fromisoformat(effective) if isinstance(effective, str) else effective
        return release(self.docs, self.root, effective, {"nb": nb, "en": en}, self.today, **options)

    def build(self, strict: bool = True, command: str = "build") -> Build:
        """Builds in-process, as `mkdocs build` (or the first build of `mkdocs serve`) does."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        handler = _ListHandler()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        os.environ["PERSONVERN_TODAY"] = self.today.isoformat()
        ok = True
        try:
            config = load_config(str(self.root / "mkdocs.yml"), strict=strict)
            config.plugins.on_startup(command=command, dirty=False)
            build(config)
        except Abort:
            ok = False
        finally:
            logger.removeHandler(handler)
            os.environ.pop("PERSONVERN_TODAY", None)
        return Build(ok, handler.lines, self.site)

    def cli(self, *args: str, today: dt.date | None = None) -> subprocess.CompletedProcess:
        """Runs a command in the site's folder, as an editor would, with the project's Python."""
        env = dict(os.environ, PERSONVERN_TODAY=(today or self.today).isoformat(), NO_MKDOCS_2_WARNING="1")
        return subprocess.run([sys.executable, "-m", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, timeout=300)


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


SITE_URL = "https://personvern.nordlys-elektro.no/"
EMBED_ORIGINS = ["https://nordlys-elektro.no", "https://www.nordlys-elektro.no", "http://localhost:*", "http://127.0.0.1:*"]
"""The tiny site's own address and the websites that may embed it (and previews), in place of the company's."""


def project_config(root: Path) -> dict:
    """The project's mkdocs.yml, pointed at a tiny site in `root`, with the tiny site's address and embedding websites."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    config["site_url"] = SITE_URL
    config["extra"]["embed_origins"] = list(EMBED_ORIGINS)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / "hooks" / "mkdocs_hooks.py")]
    config["docs_dir"] = str(root / "docs")
    config["site_dir"] = str(root / "site")
    return config


@pytest.fixture
def tiny(tmp_path: Path) -> TinySite:
    """A valid tiny site with version 1 published on TODAY; tests break it one way at a time."""
    return tiny_site(tmp_path)


def tiny_site(root: Path, **config) -> TinySite:
    """A valid tiny site in `root` with version 1 published on TODAY; `config` overrides mkdocs.yml settings."""
    site = TinySite(root)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(dict(project_config(root), **config), allow_unicode=True), encoding="utf-8")
    site.write("docs/facts.yml", FACTS)
    site.write("docs/index.md", NB)
    site.write("docs/index.en.md", EN)
    site.write("docs/versions/index.md", CHANGELOG["nb"])
    site.write("docs/versions/index.en.md", CHANGELOG["en"])
    for asset in ("favicon.svg",):
        site.write(f"docs/assets/{asset}", (ROOT / "docs" / "assets" / asset).read_text(encoding="utf-8"))
    site.release(TODAY, "Første versjon.", "First version.")
    return site


def every_page_kind(root: Path, **config) -> TinySite:
    """A tiny site on the day version 2 took effect: version 1 is past, 3 is upcoming, and the text is an unreleased
    draft. Built with command="serve" (not strict) it has every kind of page a visitor can meet."""
    site = tiny_site(root, **config)
    for number, days, nb, en in ((2, 1, "lykter", "lanterns"), (3, 30, "lykter og lys", "lanterns and lights")):
        site.edit("docs/index.md", "lager vi lamper", f"lager vi {nb}")
        site.edit("docs/index.en.md", "make lamps", f"make {en}")
        site.release(TODAY + dt.timedelta(days=days), f"Versjon {number}.", f"Version {number}.")
        site.edit("docs/index.md", f"lager vi {nb}", "lager vi lamper")
        site.edit("docs/index.en.md", f"make {en}", "make lamps")
    site.today = TODAY + dt.timedelta(days=1)
    site.edit("docs/index.md", "lager vi lamper", "lager vi lykter av og til")
    site.edit("docs/index.en.md", "make lamps", "make lanterns now and then")
    return site


@pytest.fixture(scope="session")
def project_site(tmp_path_factory) -> Path:
    """The real statement in docs/, built with the project's own configuration."""
    site = tmp_path_factory.mktemp("project") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return site


SUMS = "docs/versions/SHA256SUMS"


def archive_problems(tiny: TinySite) -> list[str]:
    """Every problem versions.load finds in the tiny site's archive, as editors read them."""
    from personvern import versions
    problems = []
    versions.load(tiny.docs / "versions", tiny.root, problems)
    return [str(problem) for problem in problems]


def sums(tiny: TinySite) -> list[str]:
    return tiny.read(SUMS).splitlines()


def write_sums(tiny: TinySite, lines: list[str]) -> None:
    tiny.write(SUMS, "".join(f"{line}\n" for line in lines))
