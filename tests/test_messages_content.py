"""The messages about what editors write (front matter, facts, placeholders, HTML, files under docs/), in Norwegian
and in English: the same case gives the same `file:line:` and the words of the editor's language."""
from __future__ import annotations

import os

import pytest

from conftest import FACTS
from personvern import assets, embed, fields, layout, messages, render, source, writing
from personvern.facts import load_facts
from personvern.problems import Invalid

LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])
FACT_NAMES = {
    language: ("controller.name, controller.short_name, controller.org_nr, controller.street, controller.postcode, "
               "controller.city, controller.email, controller.phone, controller.phone_e164, authority.name, "
               "authority.name_en, authority.website, authority.url, cookie_providers ({a_list}), links.lampeguide, "
               "links.verksted").format(a_list=a_list)
    for language, a_list in (("nb", "en liste"), ("en", "a list"))
}
"""The placeholders the tiny site's facts (conftest.FACTS) offer, as messages list them."""


@pytest.fixture
def speak(monkeypatch):
    def choose(language: str) -> None:
        monkeypatch.setenv("PERSONVERN_LANG", language)
    return choose


def lines(problems) -> list[str]:
    return [str(problem) for problem in problems]


@LANGUAGES
def test_check_reports_front_matter_placeholders_and_files_in_the_editors_language(tiny, speak, language):
    speak(language)
    tiny.edit("docs/index.en.md", "title:", "titel:")
    tiny.edit("docs/index.md", "{{ controller.short_name }}", "{% set x = 1 %}")
    tiny.write("docs/assets/run.exe", "x")
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == {
        "nb": [
            "docs/index.md:8: «{% set %}» er ikke tillatt i teksten — plassholdere viser et faktum ({{ group.name }}), "
            "går gjennom en liste med fakta ({% for x in list %}) eller sjekker et faktum ({% if … %}); faktaene er: "
            f"{FACT_NAMES['nb']} (fra docs/facts.yml)",
            "docs/index.en.md:2: front matter-feltet «titel» finnes ikke (mente du «title»?) — bruk bare title, description",
            "docs/index.en.md:1: front matter-feltet «title» mangler eller er tomt — legg til «title: …» mellom «---»-linjene",
            "docs/assets/run.exe: en «.exe»-fil publiseres ikke fra docs/ — fjern den; nettstedet publiserer tekst, stilark, "
            "skrifter, PDF-filer og bilder (SVG bare med tegning)",
            "4 problem(er). Rett dem og sjekk igjen.",
        ],
        "en": [
            'docs/index.md:8: "{% set %}" is not allowed in the text — placeholders print a fact ({{ group.name }}), loop '
            "over a list of facts ({% for x in list %}) or test one ({% if … %}); the facts are: "
            f"{FACT_NAMES['en']} (from docs/facts.yml)",
            'docs/index.en.md:2: unknown front matter field "titel" (did you mean "title"?) — use only title, description',
            'docs/index.en.md:1: the front matter field "title" is missing or empty — add "title: …" between the "---" lines',
            'docs/assets/run.exe: a ".exe" file is not published from docs/ — remove it; the site publishes text, '
            "stylesheets, fonts, PDF files and images (SVG with drawing only)",
            "4 problem(s). Fix them and check again.",
        ],
    }[language]


@LANGUAGES
def test_an_unknown_placeholder_and_a_printed_group(tiny, speak, language):
    speak(language)
    tiny.edit("docs/index.md", "{{ controller.short_name }}", "{{ controller.nmae }} {{ authority }}")
    result = tiny.cli("personvern.cli", "check")
    assert result.stderr.splitlines()[:1] == {
        "nb": ["docs/index.md:8: plassholderen kan ikke fylles ut (en gruppe eller liste med fakta kan ikke vises; "
               "velg ett faktum, som i {{ group.name }}) — sjekk plassholderen mot docs/facts.yml"],
        "en": ["docs/index.md:8: placeholder error: a group or list of facts cannot be printed; name one fact, as in "
               "{{ group.name }} — check the placeholder against docs/facts.yml"],
    }[language]
    tiny.edit("docs/index.md", " {{ authority }}", "")
    result = tiny.cli("personvern.cli", "check")
    assert result.stderr.splitlines()[:1] == {
        "nb": ["docs/index.md:8: plassholderen «nmae» finnes ikke — bruk ett av faktaene city, email, name, org_nr, phone, "
               "phone_e164, postcode, short_name, street (fra docs/facts.yml)"],
        "en": ['docs/index.md:8: unknown placeholder "nmae" — use one of city, email, name, org_nr, phone, phone_e164, '
               "postcode, short_name, street (from docs/facts.yml)"],
    }[language]


@LANGUAGES
def test_wrong_facts_name_the_type_in_the_editors_language(tmp_path, speak, language):
    speak(language)
    text = (FACTS.replace("name: Nordlys Elektro AS", "name: 42").replace("phone: 55 12 34 00", "phone: 12")
            .replace("org_nr: 123 456 785", "org_nr: 123 456 786").replace("  lampeguide: https://lampeguide.example/\n", "")
            .replace("cookie_providers:\n  - name: Lampeteller\n  - name: Vinterlys\n", "cookie_providers: yes\n"))
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    problems = []
    assert load_facts(path, "docs/facts.yml", problems) is None
    assert lines(problems) == {
        "nb": [
            "docs/facts.yml:2: «controller.name» må være tekst, ikke et tall (42) — sett verdien i anførselstegn: name: \"42\"",
            "docs/facts.yml:4: «controller.org_nr» er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke "
            "(123 456 786) — sjekk hvert siffer mot Enhetsregisteret",
            "docs/facts.yml:9: «controller.phone» er ikke et telefonnummer («12») — skriv åtte sifre, f.eks. phone: "
            '22 33 44 55, eller med landskode: "+47 22 33 44 55"',
            "docs/facts.yml:15: «cookie_providers» må være en liste (liste med grupper med felt), ikke ja/nei — skriv hvert "
            "punkt på en egen linje under «cookie_providers:», med «- » først",
        ],
        "en": [
            'docs/facts.yml:2: "controller.name" must be text, not a number (42) — put it in quotes: name: "42"',
            'docs/facts.yml:4: "controller.org_nr" is not a valid organisation number: its check digit is wrong '
            "(123 456 786) — check each digit against the Register of Business Enterprises",
            'docs/facts.yml:9: "controller.phone" is not a phone number ("12") — write eight digits, e.g. phone: '
            '22 33 44 55, or with the country code: "+47 22 33 44 55"',
            'docs/facts.yml:15: "cookie_providers" must be a list (list of group of fields), not yes/no — write each item '
            'on its own line below "cookie_providers:", starting with "- "',
        ],
    }[language]


@LANGUAGES
def test_wrong_front_matter_of_an_archived_version(tmp_path, speak, language):
    speak(language)
    path = tmp_path / "1.md"
    path.write_text("---\ntitle: T <b>\nversion: 1\neffective: 2026-02-30\nsummary: S\nsummary: S\n"
                    "translation: changed\n---\n\nText.\n", encoding="utf-8")
    problems = []
    source.read_document(path, "docs/versions/1.md", fields.ARCHIVE, problems)
    assert lines(problems) == {
        "nb": [
            "docs/versions/1.md:2: «title» inneholder HTML («<b>») — fjern HTML-koden: feltet er ren tekst og vises nøyaktig "
            "slik det er skrevet",
            "docs/versions/1.md:4: «effective: 2026-02-30» er ikke en dato som finnes (dagen finnes ikke i den måneden) "
            "— skriv en dato som finnes, som ÅÅÅÅ-MM-DD",
            "docs/versions/1.md:6: front matter-feltet «summary» står to ganger (første gang på linje 5) — behold bare "
            "ett av dem",
            "docs/versions/1.md:7: «translation: changed» er ikke tillatt — skriv translation: unchanged, eller fjern "
            "feltet",
        ],
        "en": [
            'docs/versions/1.md:2: "title" contains HTML ("<b>") — remove the markup: this field is plain text, shown '
            "exactly as written",
            'docs/versions/1.md:4: "effective: 2026-02-30" is not a real date (day is out of range for month) — write a '
            "date that exists, as YYYY-MM-DD",
            'docs/versions/1.md:6: front matter field "summary" is written twice (first on line 5) — keep one of them',
            'docs/versions/1.md:7: "translation: changed" is not allowed — write translation: unchanged, or leave the '
            "field out",
        ],
    }[language]


@LANGUAGES
def test_html_the_allow_list_removes(speak, language):
    speak(language)
    markdown = "Tekst.\n\nEn <span>markert</span> tekst.\n\n[Lenke](//example.com)\n"
    assert lines(render.html(markdown, "docs/index.md", 6)[1]) == {
        "nb": [
            "docs/index.md:8: HTML-elementet <span> er ikke tillatt — fjern det; skriv teksten i Markdown: overskrifter, "
            "avsnitt, lister, lenker, utheving og tabeller",
            "docs/index.md:10: en lenke til et annet nettsted uten https:// er ikke tillatt (//example.com) — lenk til en "
            "https://-, mailto:- eller tel:-adresse, eller til en side på dette nettstedet",
        ],
        "en": [
            "docs/index.md:8: HTML element <span> is not allowed — remove it; write the text in Markdown: headings, "
            "paragraphs, lists, links, emphasis and tables",
            "docs/index.md:10: a link to another site without https:// is not allowed (//example.com) — link to an "
            "https://, mailto: or tel: address, or to a page of this site",
        ],
    }[language]


@LANGUAGES
def test_an_svg_that_could_run_and_a_second_release(tiny, speak, language):
    speak(language)
    tiny.write("docs/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    with writing.locked(tiny.docs, tiny.root):
        with pytest.raises(Invalid) as second:
            with writing.locked(tiny.docs, tiny.root):
                pass
    assert lines(assets.problems(tiny.docs, tiny.root)) + lines(second.value.problems) == {
        "nb": [
            "docs/assets/logo.svg: SVG-bildet inneholder <script>, som ikke er tillatt — fjern det; et bilde på dette "
            "nettstedet er bare tegning: ingen skript, ingen hendelsesattributter, ingen lenker ut",
            "docs: en annen publisering kjører i denne mappen — vent til den er ferdig, og sjekk så om du fortsatt "
            "trenger denne",
        ],
        "en": [
            "docs/assets/logo.svg: the SVG image contains <script>, which is not allowed — remove it; an image on this "
            "site is drawing only: no script, no event handlers, no links out",
            "docs: another release is running in this folder — wait until it has finished, then check whether you "
            "still need this one",
        ],
    }[language]


@LANGUAGES
def test_a_symbolic_link_under_docs(tiny, speak, language):
    speak(language)
    os.symlink(tiny.root / "docs" / "facts.yml", tiny.docs / "assets" / "facts.yml")
    result = tiny.cli("personvern.cli", "check")
    assert result.stderr.splitlines()[0] == {
        "nb": "docs/assets/facts.yml: en symbolsk lenke er ikke tillatt under docs/ — erstatt den med selve filen: "
              "git rm docs/assets/facts.yml, og legg så til en kopi",
        "en": "docs/assets/facts.yml: a symbolic link is not allowed under docs/ — replace it with the file itself: "
              "git rm docs/assets/facts.yml, then add a copy",
    }[language]


@LANGUAGES
def test_site_configuration_problems(tmp_path, speak, language):
    speak(language)
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  embed_origins:\n    - https://example.no/\n", encoding="utf-8")
    with pytest.raises(Invalid) as origins:
        embed.allowed_origins(config, "mkdocs.yml")
    assert lines(origins.value.problems + layout.config_problems(config, "mkdocs.yml")) == {
        "nb": [
            "mkdocs.yml:2: 'https://example.no/' i extra › embed_origins er ikke et nettsted (origin) — før opp hvert "
            "nettsted som https://vert, og http://localhost:* for forhåndsvisning, uten sti og uten skråstrek på slutten "
            "(README › Embedding)",
            "mkdocs.yml: nettstedets språk er ikke satt, ikke nb, en — før opp språkene nb, en under plugins › i18n › "
            "languages, nb først med default: true, eller endre personvern.layout.LANGUAGES tilsvarende",
            "mkdocs.yml: innstillingen «exclude_docs» er ikke satt, ikke facts.yml, release.yml, coverage.yml, "
            'versions/SHA256SUMS — skriv exclude_docs: "facts.yml\\nrelease.yml\\ncoverage.yml\\nversions/SHA256SUMS"; '
            "nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
            "mkdocs.yml: innstillingen «theme › custom_dir» er ikke satt, ikke overrides — skriv theme › custom_dir: "
            "overrides; nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
            "mkdocs.yml: innstillingen «theme › favicon» er ikke satt, ikke assets/favicon.svg — skriv theme › favicon: "
            "assets/favicon.svg; nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
            "mkdocs.yml: innstillingen «theme › icon › logo» er ikke satt, ikke material/shield-half-full — skriv theme › "
            "icon › logo: material/shield-half-full; nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og "
            "sider), og det laster ingen nettfonter",
            "mkdocs.yml: innstillingen «theme › font» er ikke satt, ikke false — skriv theme › font: false; nettstedets "
            "oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
            "mkdocs.yml: innstillingen «hooks» er ikke satt, ikke hooks/mkdocs_hooks.py — skriv hooks: "
            "[hooks/mkdocs_hooks.py]; nettstedets oppsett er prosjektets eget (maler, ikon, byggekode og sider), og det laster ingen nettfonter",
        ],
        "en": [
            "mkdocs.yml:2: 'https://example.no/' in extra › embed_origins is not a website origin — list each website "
            "as https://host, and http://localhost:* for previews, without a path or a slash at the end "
            "(README › Embedding)",
            "mkdocs.yml: the site's languages are not set, not nb, en — list the languages nb, en under plugins › i18n › "
            "languages, nb first with default: true, or change personvern.layout.LANGUAGES with them",
            "mkdocs.yml: the setting \"exclude_docs\" is not set, not facts.yml, release.yml, coverage.yml, "
            'versions/SHA256SUMS — write exclude_docs: "facts.yml\\nrelease.yml\\ncoverage.yml\\nversions/SHA256SUMS"; '
            "the site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
            "mkdocs.yml: the setting \"theme › custom_dir\" is not set, not overrides — write theme › custom_dir: "
            "overrides; the site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
            "mkdocs.yml: the setting \"theme › favicon\" is not set, not assets/favicon.svg — write theme › favicon: "
            "assets/favicon.svg; the site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
            "mkdocs.yml: the setting \"theme › icon › logo\" is not set, not material/shield-half-full — write theme › "
            "icon › logo: material/shield-half-full; the site's setup is the project's own (its templates, icon, build "
            "code and pages), and it loads no web fonts",
            "mkdocs.yml: the setting \"theme › font\" is not set, not false — write theme › font: false; the site's "
            "setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
            "mkdocs.yml: the setting \"hooks\" is not set, not hooks/mkdocs_hooks.py — write hooks: "
            "[hooks/mkdocs_hooks.py]; the site's setup is the project's own (its templates, icon, build code and pages), and it loads no web fonts",
        ],
    }[language]


@LANGUAGES
def test_control_characters_and_yaml_anchors(speak, language):
    speak(language)
    problems = source.beyond_limits("docs/index.md", "Tekst\n\nmed\x07klokke\n")
    source.read_yaml("a: &x 1\nb: *x\n", "docs/facts.yml", 1, messages.text("facts.the_file"), problems, "…")
    assert lines(problems) == {
        "nb": [
            "docs/index.md:3: tegnet U+0007 (kontrolltegn), tegn nr. 4 på linjen, er usynlig eller ikke tillatt i "
            "teksten — slett det: skriv teksten rundt det på nytt hvis du ikke ser det",
            "docs/facts.yml:1: faktafilen er ikke gyldig YAML (ankre og aliaser (& og *) er ikke tillatt) — …",
        ],
        "en": [
            "docs/index.md:3: the character U+0007 (control character), character 4 of the line, is invisible or not "
            "allowed in the text — delete it: retype the text around it if you cannot see it",
            "docs/facts.yml:1: the facts file is not valid YAML (anchors and aliases (& and *) are not allowed) — …",
        ],
    }[language]


def test_every_type_has_a_description_in_every_language(speak):
    types = [fields.Text(), fields.Postcode(), fields.OrgNr(), fields.Phone(), fields.Email(), fields.Url(),
             fields.Integer(), fields.Date(), fields.Group(), fields.ListOf(fields.Text()), fields.Choice("a", "b")]
    for language in layout.LANGUAGES:
        speak(language)
        described = [kind.description() for kind in types]
        assert all(described) and len(set(described)) == len(described), described


@LANGUAGES
def test_what_the_yaml_reader_says_is_said_in_the_editors_language(tmp_path, speak, language):
    speak(language)
    facts_file, page = tmp_path / "facts.yml", tmp_path / "index.md"
    facts_file.write_text(FACTS.replace("  name: Nordlys Elektro AS", "\tname: Nordlys Elektro AS"), encoding="utf-8")
    page.write_text("---\ntitle: Personvern: slik\n---\n\nTekst.\n", encoding="utf-8")
    problems = []
    load_facts(facts_file, "docs/facts.yml", problems)
    source.read_document(page, "docs/index.md", fields.STATEMENT, problems)
    assert lines(problems) == {
        "nb": [
            "docs/facts.yml:2: faktafilen er ikke gyldig YAML (et tabulatortegn kan ikke stå her; rykk inn med mellomrom) "
            "— skriv hvert faktum som «navn: verdi», rykket inn under gruppen sin; sett en verdi som inneholder «: » i "
            "anførselstegn",
            "docs/index.md:2: front matter er ikke gyldig YAML («: » er ikke tillatt her) — skriv hvert felt som "
            "«navn: verdi»; sett en verdi som inneholder «: » i anførselstegn",
        ],
        "en": [
            "docs/facts.yml:2: the facts file is not valid YAML (found character '\\t' that cannot start any token) — "
            'write each fact as "name: value", indented under its group; put a value that contains ": " in quotes',
            'docs/index.md:2: the front matter is not valid YAML (mapping values are not allowed here) — write each field '
            'as "name: value"; put a value that contains ": " in quotes',
        ],
    }[language]


@pytest.mark.parametrize("said, nb", [
    ("expected ',' or ']', but got '<stream end>'", "her skulle det stått «,» eller «]», men det står '<stream end>'"),
    ("expected ',' or '}', but got '<stream end>'", "her skulle det stått «,» eller «}», men det står '<stream end>'"),
    ("month must be in 1..12", "måneden må være fra 1 til 12"),
    ("something the catalogue does not know", "something the catalogue does not know"),
])
def test_a_librarys_english_is_read_back_into_its_entry(speak, said, nb):
    speak("nb")
    prefix = "source.date." if "month" in said else "source.yaml_reason."
    assert messages.from_english(said, prefix) == nb
    speak("en")
    assert messages.from_english(said, prefix) == said


@LANGUAGES
def test_a_placeholder_syntax_error_in_the_editors_language(tmp_path, speak, language):
    from personvern.facts import render as fill
    speak(language)
    page = tmp_path / "index.md"
    page.write_text("---\ntitle: T\n---\n\nVi bruker:\n{% for provider in cookie_providers %}\n- {{ provider.name }}\n",
                    encoding="utf-8")
    problems = []
    doc = source.read_document(page, "docs/index.md", fields.STATEMENT, problems)
    fill(doc, {"cookie_providers": []}, problems)
    assert lines(problems) == {
        "nb": ["docs/index.md:7: plassholderen er skrevet feil (teksten slutter før {% for %} er lukket med {% endfor %}) "
               "— skriv plassholdere som {{ group.name }}, og avslutt hver {% for %} med {% endfor %}"],
        "en": ["docs/index.md:7: placeholder syntax error: Unexpected end of template. Jinja was looking for the following "
               "tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for' — write placeholders as "
               "{{ group.name }}, and close every {% for %} with {% endfor %}"],
    }[language]


def test_no_key_is_written_twice_in_the_catalogue():
    """YAML keeps the last of two equal keys without a word: a key added twice would hide a message."""
    from pathlib import Path

    import yaml
    root = yaml.compose(Path(messages.__file__).with_name("messages.yml").read_text(encoding="utf-8"))
    for language, catalogue in root.value:
        keys = [key.value for key, _ in catalogue.value]
        assert sorted(key for key in set(keys) if keys.count(key) > 1) == [], language.value


@LANGUAGES
def test_an_svg_that_cannot_be_read(tiny, speak, language):
    speak(language)
    tiny.write("docs/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    assert lines(assets.problems(tiny.docs, tiny.root)) == {
        "nb": ["docs/assets/logo.svg: SVG-bildet kan ikke leses (en sluttagg passer ikke til taggen den skal lukke: linje 1, "
               "kolonne 45) — lagre det på nytt som en vanlig SVG-fil"],
        "en": ["docs/assets/logo.svg: the SVG image cannot be read (mismatched tag: line 1, column 45) — save it again as a "
               "plain SVG file"],
    }[language]


@LANGUAGES
def test_a_missing_site_configuration_and_release_folder(tmp_path, speak, language):
    speak(language)
    problems = layout.config_problems(tmp_path / "mkdocs.yml", "mkdocs.yml")
    with pytest.raises(Invalid) as folder:
        with writing.locked(tmp_path / "docs", tmp_path):
            pass
    assert lines(problems + folder.value.problems) == {
        "nb": ["mkdocs.yml: nettstedets oppsett kan ikke leses (filen finnes ikke) — hent tilbake mkdocs.yml fra repoet",
               "docs: mappen kan ikke åpnes (mappen finnes ikke) — kjør publiseringen i prosjektets mappe"],
        "en": ["mkdocs.yml: the site configuration cannot be read (the file does not exist) — restore mkdocs.yml from the "
               "repository",
               "docs: the folder cannot be opened (No such file or directory) — run the release in the project's folder"],
    }[language]


@LANGUAGES
def test_a_full_disk_during_a_release(tmp_path, speak, monkeypatch, language):
    import errno
    speak(language)

    def full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writing.os, "replace", full)
    target = tmp_path / "docs" / "versions" / "2.md"
    with pytest.raises(Invalid) as failed:
        writing.commit([(target, b"x")], tmp_path)
    assert lines(failed.value.problems) == {
        "nb": ["docs/versions/2.md: publiseringen fikk ikke skrevet denne filen (disken er full), og ingenting ble endret "
               "— sørg for at filen og mappen kan skrives til (sjekk tilgangene, og om disken er full), og kjør "
               "publiseringen på nytt"],
        "en": ["docs/versions/2.md: the release could not write this file (No space left on device), and nothing was "
               "changed — make the file and its folder writable (check their permissions, and whether the disk is full), "
               "then run the release again"],
    }[language]
    assert not target.exists()
