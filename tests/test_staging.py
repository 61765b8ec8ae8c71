"""Nothing half-built: a build that fails anywhere, even after pages were written, leaves the old site as it was."""
import hashlib
import logging
from pathlib import Path

import pytest

from personvern import history, outputs, staging


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tiny):
    """A site built once, with a file of its own that only that build has."""
    assert tiny.build().ok
    (tiny.site / "marker.txt").write_text("the old site", encoding="utf-8")
    return tiny


def leftovers(tiny) -> list[str]:
    return sorted(p.name for p in tiny.root.iterdir() if p.name.startswith("site."))


def fail_in(monkeypatch, module, name, language: str | None = None):
    """Makes `module.name` raise, for every language or only while `language` is built."""
    original = getattr(module, name)

    def failing(project, lang=None, *args, **kwargs):
        if language is None or lang == language:
            raise RuntimeError(f"{name} failed")
        return original(project, lang, *args, **kwargs)
    monkeypatch.setattr(module, name, failing)


@pytest.mark.parametrize("where, language", [("current_page", None), ("current_page", "en"), ("archived_page", "en")],
                         ids=["template-context", "second-language", "archived-page-in-i18n-build"])
def test_a_build_failing_while_pages_are_written_leaves_the_old_site(published, monkeypatch, where, language):
    before = snapshot(published.site)
    fail_in(monkeypatch, history, where, language)
    with pytest.raises(RuntimeError, match=f"{where} failed"):
        published.build()
    assert snapshot(published.site) == before
    assert leftovers(published) == []


def test_a_build_failing_in_the_last_step_leaves_the_old_site(published, monkeypatch):
    before = snapshot(published.site)
    monkeypatch.setattr(outputs, "files", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        published.build()
    assert snapshot(published.site) == before
    assert leftovers(published) == []


def test_a_strict_build_aborted_for_a_late_warning_leaves_the_old_site(published, monkeypatch):
    before = snapshot(published.site)
    original = outputs.files

    def warns(*args, **kwargs):
        logging.getLogger("mkdocs.plugins.late").warning("a warning after every page was written")
        return original(*args, **kwargs)
    monkeypatch.setattr(outputs, "files", warns)
    result = published.build()
    assert not result.ok
    assert result.messages == ["a warning after every page was written"]
    assert snapshot(published.site) == before


def test_a_build_that_succeeds_replaces_the_whole_site(published):
    published.edit("docs/index.md", "lager vi lamper", "lager vi de største lampene")
    result = published.build(strict=False)
    assert result.ok, result.messages
    assert not (published.site / "marker.txt").exists()
    assert "de største lampene" in result.html("index.html")
    assert (published.site / "en" / "index.html").exists()
    assert leftovers(published) == []


def test_a_first_build_that_fails_leaves_no_site(tiny, monkeypatch):
    monkeypatch.setattr(outputs, "files", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        tiny.build()
    assert not tiny.site.exists()
    assert leftovers(tiny) == []


def test_publish_swaps_and_discards_the_old(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    folder = staging.begin(site)
    (folder / "new.html").write_text("new")
    staging.publish(folder, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in site.iterdir()] == ["new.html"]


def test_a_folder_left_by_a_killed_build_is_removed(tmp_path):
    left = tmp_path / "site.building-999999999-abcdef"
    left.mkdir()
    folder = staging.begin(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
