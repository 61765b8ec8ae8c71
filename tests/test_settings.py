"""mkdocs.yml may say only what the site uses: no setting makes the pages load another file or the build run other
code, and the check says so as the build does."""

import pytest

from conftest import ROOT
from personvern import layout, settings


def _config(tmp_path, extra: str = "", old: str = "", new: str = ""):
    text = (ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / layout.CONFIG_FILE).write_text(text.replace(old, new, 1) + extra, encoding="utf-8")
    return tmp_path / layout.CONFIG_FILE


def _lines(config) -> list[str]:
    return [str(p) for p in layout.config_problems(config, layout.CONFIG_FILE)]


def _last_line(config) -> int:
    return len(config.read_text(encoding="utf-8").splitlines()) - 1


def test_the_projects_own_mkdocs_yml_has_only_the_settings_the_site_uses():
    assert settings.problems(ROOT / layout.CONFIG_FILE, layout.CONFIG_FILE) == []


UNKNOWN = ('the setting "{setting}" is not one the site uses — remove it: the pages load only the site\'s own files, '
           "and the build runs only the project's own code (a new setting is added to personvern.settings first)")


@pytest.mark.parametrize("extra, setting", [
    ("extra_javascript:\n  - https://evil.example/x.js\n", "extra_javascript"),
    ("extra_css:\n  - https://evil.example/x.css\n", "extra_css"),
    ("INHERIT: base.yml\n", "INHERIT"),
])
def test_a_setting_that_would_load_another_file_is_one_line_on_its_line(tmp_path, extra, setting):
    config = _config(tmp_path, extra)
    assert _lines(config) == [f"mkdocs.yml:{_last_line(config) + 2 - len(extra.splitlines())}: "
                              + UNKNOWN.format(setting=setting)]


def test_a_plugin_or_markdown_extension_the_site_does_not_use_is_named(tmp_path):
    config = _config(tmp_path, old="  - attr_list\n", new="  - attr_list\n  - pymdownx.snippets\n")
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{lines.index('  - pymdownx.snippets') + 1}: " + UNKNOWN.format(setting="markdown_extensions › pymdownx.snippets"),
        f"mkdocs.yml:{lines.index('  - search') + 1}: " + UNKNOWN.format(setting="plugins › search"),
    ]


@pytest.mark.parametrize("old, new, setting", [
    ("  favicon: assets/favicon.svg", "  favicon: assets/favicon.svg\n  logo: https://evil.example/logo.png", "theme › logo"),
    ("  generator: false", "  generator: false\n  alternate:\n    - {name: Norsk, link: 'javascript:alert(1)', lang: nb}",
     "extra › alternate"),
    ("          build: true\n          site_name", "          build: true\n          link: https://evil.example/\n          site_name",
     "plugins › i18n › languages › link"),
    ("          theme:\n            language: en", "          theme:\n            language: en\n            favicon: https://evil.example/f.ico",
     "plugins › i18n › languages › theme › favicon"),
])
def test_a_setting_inside_a_group_that_the_site_does_not_use_is_named_with_its_path(tmp_path, old, new, setting):
    """A language switcher link, an icon or logo from another site: every page would link or load it."""
    config = _config(tmp_path, old=old, new=new)
    written = next(text for text in new.split("\n") if setting.split(" › ")[-1] + ":" in text)
    line = config.read_text(encoding="utf-8").split("\n").index(written) + 1
    assert _lines(config) == [f"mkdocs.yml:{line}: " + UNKNOWN.format(setting=setting)]


def test_a_logo_that_is_no_icon_of_the_theme_is_one_line_not_a_traceback_in_the_build(tiny):
    tiny.write("mkdocs.yml", tiny.read("mkdocs.yml").replace("logo: material/shield-half-full", "logo: ../../../../etc/passwd"))
    line = tiny.read("mkdocs.yml").split("\n").index("    logo: ../../../../etc/passwd") + 1
    build = tiny.build()
    assert not build.ok
    assert build.messages[0] == (
        f'mkdocs.yml:{line}: the setting "theme › icon › logo" is ../../../../etc/passwd, not material/shield-half-full — '
        "write theme › icon › logo: material/shield-half-full; the site's setup is the project's own (its templates, "
        "icon, build code and pages), and it loads no web fonts")


def test_an_icon_from_another_site_or_web_fonts_are_refused(tmp_path):
    config = _config(tmp_path, old="  font: false", new="  font:\n    text: Roboto")
    config.write_text(config.read_text(encoding="utf-8").replace("favicon: assets/favicon.svg", "favicon: https://evil.example/f.ico"),
                      encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{lines.index('  favicon: https://evil.example/f.ico') + 1}: the setting \"theme › favicon\" is "
        "https://evil.example/f.ico, not assets/favicon.svg — write theme › favicon: assets/favicon.svg; the site's "
        "setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
        f"mkdocs.yml:{lines.index('  font:') + 1}: the setting \"theme › font\" is {{'text': 'Roboto'}}, not false — write "
        "theme › font: false; the site's setup is the project's own (its templates, icon, build code and pages), and it "
        "loads no web fonts",
    ]


@pytest.mark.parametrize("language, expected", [
    ("en", 'the menu entry "{entry}" in nav is not a page of the site — write the name of a Markdown file in docs/ '
           "(om-oss.md, say): the menu links only to the site's own pages"),
    ("nb", "menypunktet «{entry}» i nav er ikke en side på nettstedet — skriv navnet på en Markdown-fil i docs/ "
           "(f.eks. om-oss.md): menyen lenker bare til nettstedets egne sider"),
])
def test_a_menu_entry_that_is_an_address_is_refused(tmp_path, monkeypatch, language, expected):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    config = _config(tmp_path, old="  - versions/index.md\n",
                     new="  - versions/index.md\n  - Klikk: javascript:alert(1)\n  - Mer:\n    - om-oss.md\n    - //evil.example/\n")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{lines.index('  - Klikk: javascript:alert(1)') + 1}: " + expected.format(entry="javascript:alert(1)"),
        f"mkdocs.yml:{lines.index('    - //evil.example/') + 1}: " + expected.format(entry="//evil.example/"),
    ]


def test_a_translation_or_an_archived_version_left_out_of_the_site_is_refused(tmp_path):
    """exclude_docs: "*.en.md" built a site without its English statement, versions/1.md one without a legal record;
    use_directory_urls: false moved every page from the address the feeds and versions.json give."""
    config = _config(tmp_path, old="  facts.yml\n", new="  *.en.md\n  versions/1.md\n  facts.yml\n")
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
                      encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{lines.index('exclude_docs: |') + 1}: the setting \"exclude_docs\" is *.en.md, versions/1.md, "
        "facts.yml, release.yml, coverage.yml, versions/SHA256SUMS, not facts.yml, release.yml, coverage.yml, "
        'versions/SHA256SUMS — write exclude_docs: "facts.yml\\nrelease.yml\\ncoverage.yml\\nversions/SHA256SUMS"; the '
        "site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
        f"mkdocs.yml:{lines.index('use_directory_urls: false') + 1}: the setting \"use_directory_urls\" is false, not true "
        "— write use_directory_urls: true; the site's setup is the project's own (its templates, icon, build code and "
        "pages), and it loads no web fonts",
    ]


def test_other_hooks_or_templates_are_one_line_each_saying_what_to_write(tmp_path):
    config = _config(tmp_path, old="  custom_dir: overrides", new="  custom_dir: mine")
    config.write_text(config.read_text(encoding="utf-8").replace("  - hooks/mkdocs_hooks.py", "  - hooks/mkdocs_hooks.py\n  - mine.py"),
                      encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{lines.index('  custom_dir: mine') + 1}: the setting \"theme › custom_dir\" is mine, not overrides — "
        "write theme › custom_dir: overrides; the site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
        f"mkdocs.yml:{lines.index('hooks:') + 1}: the setting \"hooks\" is hooks/mkdocs_hooks.py, mine.py, not "
        "hooks/mkdocs_hooks.py — write hooks: [hooks/mkdocs_hooks.py]; the site's setup is the "
        "project's own (its templates, icon, build code and pages), and it loads no web fonts",
    ]


def test_in_norwegian(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    config = _config(tmp_path, "extra_javascript: [https://evil.example/x.js]\n", "  custom_dir: overrides", "  custom_dir: mine")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _lines(config) == [
        f"mkdocs.yml:{_last_line(config) + 1}: innstillingen «extra_javascript» brukes ikke av nettstedet — fjern den: "
        "sidene laster bare nettstedets egne filer, og byggingen kjører bare prosjektets egen kode (en ny innstilling "
        "legges først til i personvern.settings)",
        f"mkdocs.yml:{lines.index('  custom_dir: mine') + 1}: innstillingen «theme › custom_dir» er mine, ikke overrides — "
        "skriv theme › custom_dir: overrides; nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
    ]


def test_the_check_and_the_build_both_refuse_a_script_from_another_site(tiny):
    tiny.write("mkdocs.yml", tiny.read("mkdocs.yml") + "extra_javascript:\n- https://evil.example/x.js\n")
    line = len(tiny.read("mkdocs.yml").splitlines()) - 1
    expected = f"mkdocs.yml:{line}: " + UNKNOWN.format(setting="extra_javascript")
    check = tiny.cli("personvern.cli", "check")
    assert check.returncode == 1
    assert check.stderr.splitlines()[0] == expected
    build = tiny.build()
    assert not build.ok
    assert build.messages[0] == expected
    assert not (tiny.site / "index.html").exists()


@pytest.mark.parametrize("language, expected", [
    ("nb", "mkdocs.yml: nettstedets oppsett kan ikke leses (et YAML-merke som ikke kan leses, f.eks. !!python/…, som ville "
           "kjørt kode) — hent tilbake mkdocs.yml fra repoet"),
    ("en", "mkdocs.yml: the site configuration cannot be read (a YAML tag that cannot be read, such as !!python/…, which "
           "would run code) — restore mkdocs.yml from the repository"),
])
def test_a_python_tag_is_refused_in_words(tmp_path, monkeypatch, language, expected):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    config = _config(tmp_path, 'copyright: !!python/object/apply:os.system ["true"]\n')
    assert _lines(config) == [expected]


def test_a_menu_or_list_written_deep_or_as_an_alias_bomb_is_read_in_linear_time_without_a_traceback(tmp_path):
    bomb = "    - x0: &a0 [index.md, index.md, index.md, index.md, index.md, index.md, index.md, index.md]\n" + "".join(
        f"    - x{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 8)}]\n" for n in range(1, 10))
    deep = "  - " + "[" * 900 + "x:y" + "]" * 900 + "\n"
    config = _config(tmp_path, old="  - versions/index.md\n", new="  - versions/index.md\n  - Bomb:\n" + bomb + deep)
    config.write_text(config.read_text(encoding="utf-8").replace("  - i18n:", "  - *a9\n  - i18n:"), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    found = _lines(config)
    assert [line.split(" — ")[0] for line in found] == [
        f'mkdocs.yml:{lines.index("plugins:") + 1}: the setting "plugins › [[[...], [...], [...], ...], [[...], [...], '
        '[...], ...], [[...], [...], [...], ...], ...]" is not one the site uses',
        f'mkdocs.yml:{lines.index(deep.rstrip()) + 1}: the menu entry "x:y" in nav is not a page of the site',
    ]


@pytest.mark.parametrize("url", ["https://[x/", "https://personvern.example.no:99999/", "ftp://personvern.example.no/",
                                 "personvern.example.no", "https:///"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_site_url_that_is_no_web_address_is_one_line_in_check_and_build(tmp_path, monkeypatch, url, language):
    """MkDocs itself ended in a traceback on "https://[x/", and the check said nothing."""
    monkeypatch.setenv("PERSONVERN_LANG", language)
    text = (ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("site_url:"))
    config = _config(tmp_path, old=old, new=f'site_url: "{url}"')
    line = config.read_text(encoding="utf-8").splitlines().index(f'site_url: "{url}"') + 1
    assert _lines(config) == [f"mkdocs.yml:{line}: " + {
        "nb": f"site_url er ikke en nettadresse («{url}») — skriv nettstedets adresse, f.eks. site_url: "
              "https://personvern.example.no/",
        "en": f'site_url is not a web address ("{url}") — write the site\'s address, e.g. site_url: https://privacy.example.no/',
    }[language]]


def test_the_site_url_may_be_a_local_address_for_a_preview(tmp_path):
    text = (ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("site_url:"))
    assert _lines(_config(tmp_path, old=old, new="site_url: http://127.0.0.1:8123/")) == []


def test_a_site_folder_elsewhere_is_refused_before_the_build_replaces_that_folder(tiny, tmp_path_factory):
    """The build swaps its new site in for the folder site_dir names and deletes the old one: site_dir is the project's
    own site/, or a one-line change would delete any folder (documents, another project) on `make build`."""
    elsewhere = tmp_path_factory.mktemp("documents")
    (elsewhere / "precious.txt").write_text("kept\n", encoding="utf-8")
    config = tiny.read("mkdocs.yml")
    old = next(line for line in config.split("\n") if line.startswith("site_dir:"))
    tiny.write("mkdocs.yml", config.replace(old, f"site_dir: {elsewhere}"))
    line = tiny.read("mkdocs.yml").split("\n").index(f"site_dir: {elsewhere}") + 1
    build = tiny.build()
    assert not build.ok
    assert build.messages[0] == (
        f'mkdocs.yml:{line}: the setting "site_dir" is {elsewhere}, not site — write site_dir: site; the site\'s setup is '
        "the project's own (its templates, icon, build code and pages), and it loads no web fonts")
    assert (elsewhere / "precious.txt").read_text(encoding="utf-8") == "kept\n"
