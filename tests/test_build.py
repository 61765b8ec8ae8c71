"""Builds of tiny real sites: what visitors get in both languages, and what editors are told."""
import re
from pathlib import Path

from personvern.sections import REQUIRED


def test_valid_site_builds_in_both_languages(tiny):
    result = tiny.build()
    assert result.ok, result.messages
    assert result.messages == []
    nb, en = result.html("index.html"), result.html("en/index.html")
    assert '<html lang="nb"' in nb and '<html lang="en"' in en
    for html in (nb, en):
        for section in REQUIRED:
            assert f'id="{section}"' in html
        assert "123 456 785" in html and "post@nordlys-elektro.no" in html
        assert "<li>Lampeteller</li>" in html and "<li>Vinterlys</li>" in html
    assert "Nettsiden drives av Nordlys Elektro AS" in nb
    assert "The site is run by Nordlys Elektro AS" in en


def test_footer_names_the_controller_from_the_facts_in_both_languages(tiny):
    tiny.edit("docs/facts.yml", "name: Nordlys Elektro AS", "name: Nordlys Elektro Holding AS")
    result = tiny.build(strict=False)
    footer = {path: re.sub(r"<[^>]+>", "", re.search(r'class="pv-copyright">\s*(.*?)\s*</p>', result.html(path), re.S).group(1))
              for path in ("index.html", "en/index.html", "404.html", "en/404.html")}
    assert footer == {"index.html": "Nordlys Elektro Holding AS, org. nr. 123 456 785",
                      "en/index.html": "Nordlys Elektro Holding AS, org. no. 123 456 785",
                      "404.html": "Nordlys Elektro Holding AS, org. nr. 123 456 785",
                      "en/404.html": "Nordlys Elektro Holding AS, org. no. 123 456 785"}


def test_domain_modules_never_import_mkdocs():
    domain = Path(__file__).resolve().parents[1] / "hooks" / "personvern"
    importing = [p.name for p in domain.glob("*.py") if re.search(r"^\s*(from|import)\s+mkdocs", p.read_text(), re.M)]
    assert importing == []
    assert len(list(domain.glob("*.py"))) > 10
