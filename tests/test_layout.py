"""Where things are: one module owns the languages, the file names and the URLs, and mkdocs.yml must agree."""
import pytest

from conftest import ROOT
from personvern import layout


def test_the_projects_own_mkdocs_yml_agrees_with_the_layout():
    assert layout.config_problems(ROOT / "mkdocs.yml", "mkdocs.yml") == []


@pytest.mark.parametrize("language, name", [("nb", "index.md"), ("en", "index.en.md")])
def test_statement_path(tmp_path, language, name):
    assert layout.statement_path(tmp_path, language) == tmp_path / name


@pytest.mark.parametrize("language, url", [("nb", "versions/3/"), ("en", "en/versions/3/")])
def test_version_url(language, url):
    assert layout.version_url(language, 3) == url


def test_a_language_missing_from_mkdocs_yml_is_one_line(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("- locale: en", "- locale: de")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert [str(p) for p in layout.config_problems(tmp_path / "mkdocs.yml", "mkdocs.yml")] == [
        "mkdocs.yml: the site's languages are nb, de, not nb, en — list the languages nb, en under plugins › i18n › "
        "languages, nb first with default: true, or change personvern.layout.LANGUAGES with them"]


def test_a_build_with_other_languages_than_the_layout_stops_with_that_line(tiny):
    tiny.edit("mkdocs.yml", "locale: en", "locale: de")
    build = tiny.build()
    assert not build.ok
    assert build.messages[0].startswith("mkdocs.yml: the site's languages are nb, de, not nb, en — ")


@pytest.mark.parametrize("source, kind", [
    ("index.md", ("current", None)), ("index.en.md", ("current", None)),
    ("versions/index.md", ("changelog", None)), ("versions/index.en.md", ("changelog", None)),
    ("versions/12.md", ("archived", 12)), ("versions/3.en.md", ("archived", 3)),
    ("about.md", (None, None)), ("versions/notes.md", (None, None)), ("sub/index.md", (None, None)),
    ("versions/1.md.txt", (None, None)), ("index.html", (None, None)),
])
def test_each_page_kind_is_known_from_its_file_in_every_language(source, kind):
    assert layout.page_kind(source) == kind


def test_each_page_kind_with_its_own_template_has_that_template_in_the_theme():
    overrides = ROOT / layout.THEME_DIR
    assert set(layout.TEMPLATES) == {"archived", "changelog"}
    assert all((overrides / template).is_file() for template in layout.TEMPLATES.values())
