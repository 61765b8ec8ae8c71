"""Typed fields: every front matter field and fact has a declared type; a wrong value is one line with its own line."""
from pathlib import Path

import pytest
import yaml

from conftest import FACTS, ROOT
from personvern import fields
from personvern.facts import load_facts
from personvern.fields import e164
from personvern.source import read_document

STATEMENTS = pytest.mark.parametrize("shown", ["docs/index.md", "docs/index.en.md"])
ARCHIVED = pytest.mark.parametrize("shown", ["docs/versions/1.md", "docs/versions/1.en.md"])
ARCHIVE_HEAD = "---\ntitle: T\nversion: 1\neffective: 2026-11-25\nsummary: S\n"
"""Four fields: a fifth is on line 6."""
TODO_HTML = "remove the markup: this field is plain text, shown exactly as written"
TODO_CONTROL = "delete it: retype the text around it if you cannot see it"
REFUSED = f"which is invisible or not allowed in the text — {TODO_CONTROL}"
IS_REFUSED = f"is invisible or not allowed in the text — {TODO_CONTROL}"
TODO_FACTS_YAML = 'write each fact as "name: value", indented under its group; put a value that contains ": " in quotes'


def front(tmp_path: Path, shown: str, text: str, kind: fields.Group):
    path = tmp_path / shown
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = []
    doc = read_document(path, shown, kind, problems)
    return doc, [str(p) for p in problems]


def facts(tmp_path: Path, old: str | None = None, new: str = "", text: str | None = None):
    """docs/facts.yml as the tiny site has it, with `old` replaced by `new` (or `text` instead)."""
    if text is None:
        assert old is None or old in FACTS, old
        text = FACTS if old is None else FACTS.replace(old, new, 1)
    path = tmp_path / "docs" / "facts.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = []
    result = load_facts(path, "docs/facts.yml", problems)
    return result, [str(p) for p in problems]


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line.lstrip().startswith(start))


# --- front matter: types -----------------------------------------------------------------------------------------

@ARCHIVED
@pytest.mark.parametrize("field, expected", [
    ("notes: 5", '"notes" must be a list (list of text), not a number — write each item on its own line below "notes:", '
                 'starting with "- "'),
    ("notes: {a: b}", '"notes" must be a list (list of text), not a group of fields — write each item on its own line '
                      'below "notes:", starting with "- "'),
    ("released: 2026-12-01 10:00:00", '"released: 2026-12-01 10:00:00" is a date and time, not a date — '
                                      'write the date only, as "released: 2026-12-01"'),
    ("released: 2026-02-30", '"released: 2026-02-30" is not a real date (day is out of range for month) — '
                             "write a date that exists, as YYYY-MM-DD"),
    ("released: soon", '"released: soon" is not a date — write the date as "released: YYYY-MM-DD"'),
    ("description: 2026", '"description" must be text, not a number (2026) — put it in quotes: description: "2026"'),
    ("description: yes", '"description" must be text, not yes/no (yes) — put it in quotes: description: "yes"'),
    ("description: [a, b]", '"description" must be text, not a list — write it on the line of the field: "description: …"'),
    ("description: {a: b}", '"description" must be text, not a group of fields — write it on the line of the field: '
                            '"description: …"'),
    ("translation: changed", '"translation: changed" is not allowed — write translation: unchanged, or leave the field out'),
    ("author: Kari", 'unknown front matter field "author" — use only title, version, effective, summary, description, '
                     "released, notes, translation"),
], ids=["notes-number", "notes-mapping", "timestamp", "impossible-date", "not-a-date", "number-for-text", "bool-for-text",
        "list-for-text", "mapping-for-text", "translation", "unknown"])
def test_a_wrong_type_is_one_line_on_the_fields_own_line(tmp_path, shown, field, expected):
    doc, problems = front(tmp_path, shown, f"{ARCHIVE_HEAD}{field}\n---\nText.\n", fields.ARCHIVE)
    assert problems == [f"{shown}:6: {expected}"]
    assert doc.meta == {"title": "T", "version": 1, "effective": fields.dt.date(2026, 11, 25), "summary": "S"}


@ARCHIVED
def test_every_date_error_points_at_its_own_line(tmp_path, shown):
    text = "---\ntitle: T\nversion: 1\neffective: 2027-01-01\nreleased: 2026-02-30\nsummary: S\n---\n"
    _, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    assert problems == [f'{shown}:5: "released: 2026-02-30" is not a real date (day is out of range for month) — '
                        "write a date that exists, as YYYY-MM-DD"]


@ARCHIVED
def test_version_is_a_whole_number(tmp_path, shown):
    text = "---\ntitle: T\nversion: 010\neffective: 2027-01-01\nsummary: S\n---\n"
    _, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    assert problems == [f'{shown}:3: "version: 010" is not a whole number — write it with digits only, e.g. version: 2']


@ARCHIVED
def test_a_field_written_twice_is_an_error(tmp_path, shown):
    _, problems = front(tmp_path, shown, f"{ARCHIVE_HEAD}title: Again\n---\n", fields.ARCHIVE)
    assert problems == [f'{shown}:6: front matter field "title" is written twice (first on line 2) — keep one of them']


@ARCHIVED
def test_each_wrong_note_is_reported_on_its_line(tmp_path, shown):
    text = f"{ARCHIVE_HEAD}notes:\n- Fine.\n- <b>Bold</b>\n- Also fine.\n- 7\n---\n"
    doc, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    assert problems == [f'{shown}:8: "notes" contains HTML ("<b>Bold</b>") — {TODO_HTML}',
                        f'{shown}:10: "notes" must be text, not a number (7) — put it in quotes: notes: "7"']
    assert "notes" not in doc.meta


@ARCHIVED
def test_an_empty_note_is_reported_on_its_line_not_published_as_an_empty_item(tmp_path, shown, monkeypatch):
    text = f"{ARCHIVE_HEAD}notes:\n- Fine.\n- ''\n- '   '\n-\n---\n"
    doc, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    todo = 'write the text after "- ", or delete the line'
    assert problems == [f'{shown}:{line}: "notes" has an empty item — {todo}' for line in (8, 9, 10)]
    assert "notes" not in doc.meta
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert str(front(tmp_path, shown, text, fields.ARCHIVE)[1][0]) == (
        f"{shown}:8: «notes» har et tomt punkt — skriv teksten etter «- », eller slett linjen")


@ARCHIVED
def test_typed_values(tmp_path, shown):
    text = (f"{ARCHIVE_HEAD}released: 2026-11-20\nnotes:\n- One.\n- 'Two: three.'\ntranslation: unchanged\n"
            "description: >\n  Folded\n  over lines.\n---\n")
    doc, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    assert problems == []
    assert doc.meta == {"title": "T", "version": 1, "effective": fields.dt.date(2026, 11, 25), "summary": "S",
                        "released": fields.dt.date(2026, 11, 20), "notes": ["One.", "Two: three."],
                        "translation": "unchanged", "description": "Folded over lines."}
    assert doc.lines == {"title": 2, "version": 3, "effective": 4, "summary": 5, "released": 6, "notes": 7,
                         "translation": 10, "description": 11}


# --- front matter: plain text ------------------------------------------------------------------------------------

MARKUP = pytest.mark.parametrize("value, expected", [
    ("</title><svg/onload=alert(1)>", f'contains HTML ("</title><svg/onload=alert(1)>") — {TODO_HTML}'),
    ("Kontakt <a href=x>oss</a>", f'contains HTML ("<a href=x>oss</a>") — {TODO_HTML}'),
    ("&#106;avascript", 'contains an HTML character reference ("&#106;avascript") — '
                        "write the character itself: this field is plain text, shown exactly as written"),
    ("Se [her](https://example.org)", 'contains a Markdown link or image ("[her](https://example.org)") — '
                                      "write plain text: this field is shown exactly as written, and links in it are not links"),
    ("![x](https://example.org/x.png)", 'contains a Markdown link or image ("![x](https://example.org/x.png…") — '
                                        "write plain text: this field is shown exactly as written, and links in it are not links"),
    ("{{ controller.name }}", 'contains a placeholder ("{{ controller.name }}") — '
                              "write the text itself: placeholders are filled in only in the text below the front matter"),
    ("{% for x in y %}", 'contains a placeholder ("{% for x in y %}") — '
                         "write the text itself: placeholders are filled in only in the text below the front matter"),
    ("Person\\u0007vern", f"contains the character U+0007 (control character), {REFUSED}"),
    ("Person\\u202Evern", f"contains the character U+202E (RIGHT-TO-LEFT OVERRIDE), {REFUSED}"),
    ("Person\\ud800vern", f"contains the character U+D800 (lone surrogate), {REFUSED}"),
    ("Two\\nlines", "runs over more than one line — write it on one line"),
], ids=["tag", "link-tag", "entity", "md-link", "md-image", "placeholder", "block", "bell", "bidi", "surrogate", "newline"])


@STATEMENTS
@MARKUP
def test_markup_in_a_title_is_an_error(tmp_path, shown, value, expected):
    doc, problems = front(tmp_path, shown, f'---\ndescription: D\ntitle: "{value}"\n---\n', fields.STATEMENT)
    assert problems == [f'{shown}:3: "title" {expected}']
    assert "title" not in doc.meta


@pytest.mark.parametrize("value", ['Vi bruker "anførselstegn" & <3 og 2 < 3', "Kontakt: post@example.no (hverdager)",
                                   "[Utkast] Personvern", "50 % {rabatt}", '" autofocus onfocus="x'])
def test_ordinary_text_is_plain_text(tmp_path, value):
    escaped = value.replace('"', '\\"')
    doc, problems = front(tmp_path, "docs/index.md", f'---\ntitle: "{escaped}"\n---\n', fields.STATEMENT)
    assert problems == []
    assert doc.meta == {"title": value}


@ARCHIVED
def test_a_summary_may_run_over_lines_but_not_contain_markup(tmp_path, shown):
    text = "---\ntitle: T\nversion: 1\neffective: 2026-11-25\nsummary: |\n  One line.\n  Another <i>line</i>.\n---\n"
    _, problems = front(tmp_path, shown, text, fields.ARCHIVE)
    assert problems == [f'{shown}:5: "summary" contains HTML ("<i>line</i>.") — {TODO_HTML}']


@pytest.mark.parametrize("kind", [fields.STATEMENT, fields.HISTORY, fields.ARCHIVE], ids=["statement", "history", "archive"])
def test_deep_yaml_in_front_matter_is_one_line_not_a_crash(tmp_path, kind):
    doc, problems = front(tmp_path, "docs/index.md", "---\ntitle: " + "{a: " * 600 + "1" + "}" * 600 + "\n---\n", kind)
    assert doc is None
    assert problems == ['docs/index.md:2: the front matter is not valid YAML (nested more than 16 levels deep) — '
                        'write each field as "name: value"; put a value that contains ": " in quotes']


def test_aliases_are_refused(tmp_path):
    _, problems = front(tmp_path, "docs/index.md", "---\ntitle: &t T\ndescription: *t\n---\n", fields.STATEMENT)
    assert problems == ['docs/index.md:2: the front matter is not valid YAML (anchors and aliases (& and *) are not allowed) — '
                        'write each field as "name: value"; put a value that contains ": " in quotes']


@STATEMENTS
def test_a_raw_control_character_in_front_matter_is_reported_on_its_line(tmp_path, shown):
    _, problems = front(tmp_path, shown, "---\ntitle: T\ndescription: Person\x1bvern\n---\n", fields.STATEMENT)
    assert problems == [f"{shown}:3: the character U+001B (control character), character 20 of the line, {IS_REFUSED}"]


# --- facts -------------------------------------------------------------------------------------------------------

def test_the_facts_are_read_with_their_derived_values(tmp_path):
    result, problems = facts(tmp_path)
    assert problems == []
    assert result["controller"]["phone_e164"] == e164(result["controller"]["phone"])


@pytest.mark.parametrize("old, new, expected", [
    ('postcode: "5003"', "postcode: 0150",
     '"controller.postcode: 0150" is read as the number 104 — put it in quotes: postcode: "0150"'),
    ('postcode: "5003"', 'postcode: "651"', '"controller.postcode" must be a postcode of four digits, not "651" — '
                                            'write it as postcode: "0150"'),
    ("phone: 55 12 34 00", "phone:", 'the fact "controller.phone" is missing or empty — add "phone: …" below "controller:"'),
    ("phone: 55 12 34 00", 'phone: ""', 'the fact "controller.phone" is missing or empty — add "phone: …" below "controller:"'),
    ("phone: 55 12 34 00", "phone: 55 12 34", '"controller.phone" is not a phone number ("55 12 34") — write eight digits, '
                                              'e.g. phone: 22 33 44 55, or with the country code: "+47 22 33 44 55"'),
    ("phone: 55 12 34 00", "phone: +4755123400",
     '"controller.phone: +4755123400" is read as the number 4755123400 — put it in quotes: phone: "+4755123400"'),
    ("org_nr: 123 456 785", "org_nr: 123 456 786", '"controller.org_nr" is not a valid organisation number: its check digit '
                                                   "is wrong (123 456 786) — check each digit against the Register of "
                                                   "Business Enterprises"),
    ("org_nr: 123 456 785", "org_nr: 95 688 905", '"controller.org_nr" must be a Norwegian organisation number of nine '
                                                  'digits, not "95 688 905" — copy it from the Register of Business '
                                                  "Enterprises, e.g. org_nr: 123 456 785"),
    ("email: post@nordlys-elektro.no", "email: post(at)nordlys-elektro.no",
     '"controller.email" is not an e-mail address ("post(at)nordlys-elektro.no") — write it as email: name@example.no'),
    ("url: https://tilsyn.example/", "url: http://tilsyn.example/",
     '"authority.url" is not an https address ("http://tilsyn.example/") — write the whole address, starting with '
     "https://, e.g. url: https://www.example.no/"),
    ("lampeguide: https://lampeguide.example/", "lampeguide: javascript:alert(1)",
     '"links.lampeguide" is not an https address ("javascript:alert(1)") — write the whole address, starting with https://, '
     "e.g. lampeguide: https://www.example.no/"),
    *(("url: https://tilsyn.example/", f"url: {url}",
       f'"authority.url" is not an https address ("{url}") — write the whole address, starting with https://, '
       "e.g. url: https://www.example.no/")
      for url in ("https://tilsyn[^1].example/", "https://[x/", "https://[::1]/", "https://localhost/",
                  "https://192.168.0.1/", "https://tilsyn.example:99999/")),
    ("name: Nordlys Elektro AS", "name: <svg/onload=alert(1)>",
     f'"controller.name" contains HTML ("<svg/onload=alert(1)>") — {TODO_HTML}'),
    ("name: Nordlys Elektro AS", "name: '[Nordlys](https://example.org)'",
     '"controller.name" contains a Markdown link or image ("[Nordlys](https://example.org)") — '
     "write plain text: this field is shown exactly as written, and links in it are not links"),
    ("name: Nordlys Elektro AS", 'name: "Nordlys\\u0000Elektro"',
     f'"controller.name" contains the character U+0000 (control character), {REFUSED}'),
    ("name: Nordlys Elektro AS", "name: 42", '"controller.name" must be text, not a number (42) — put it in quotes: name: "42"'),
    ("city: Nordby", "city: Nordby\n  phnoe: 55 12 34 00",
     'unknown fact "controller.phnoe" (did you mean "phone"?) — use only name, short_name, org_nr, street, postcode, city, '
     "email, phone"),
    ("  - name: Vinterlys", "  - name: Vinterlys\n    url: https://vinterlys.example/",
     'unknown fact "cookie_providers.url" — use only name'),
], ids=["octal-postcode", "short-postcode", "empty-phone", "blank-phone", "short-phone", "unquoted-plus", "check-digit",
        "eight-digits", "email", "http", "javascript", "bracket", "open-bracket", "ipv6", "localhost", "ip-address",
        "port", "html", "md-link", "nul", "number", "unknown", "unknown-in-list"])
def test_a_wrong_fact_is_one_line_on_its_line(tmp_path, old, new, expected):
    result, problems = facts(tmp_path, old, new)
    line = line_of(FACTS.replace(old, new, 1), new.split("\n")[-1].strip())
    assert result is None
    assert problems == [f"docs/facts.yml:{line}: {expected}"]


@pytest.mark.parametrize("value, excerpt", [
    ('"# Vi deler alt"', "# Vi deler alt"), ('"- Nordlys"', "- Nordlys"), ('"> Nordlys"', "> Nordlys"), ('"1. Nordlys"', "1. Nordlys"),
    ("Nordlys **Elektro**", "**Elektro**"), ("Nordlys `Elektro`", "`Elektro`"), ("Nordlys _Elektro_", "_Elektro_"),
    ("Nordlys *Elektro*", "*Elektro*"),
])
def test_a_fact_with_markdown_formatting_is_refused_because_the_text_would_change_around_it(tmp_path, monkeypatch, value,
                                                                                            excerpt):
    old = "short_name: " + yaml.safe_load(FACTS)["controller"]["short_name"]
    result, problems = facts(tmp_path, old, f"short_name: {value}")
    line = line_of(FACTS.replace(old, f"short_name: {value}", 1), f"short_name: {value}")
    assert result is None
    assert problems == [f'docs/facts.yml:{line}: "controller.short_name" contains Markdown formatting ("{excerpt}") — '
                        "write plain text: a fact goes into the text as it is written, and formatting would change the "
                        "text around it (a heading, a list, code, emphasis)"]
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert str(facts(tmp_path, old, f"short_name: {value}")[1][0]).startswith(
        f"docs/facts.yml:{line}: «controller.short_name» inneholder Markdown-formatering («{excerpt}») — skriv ren tekst")


@pytest.mark.parametrize("value", ["Nordlys Elektro AS", "C/O Storgata 1-3", "Nr. 5", "O'Brien & Co", "A*B", "snake_case"])
def test_plain_names_with_signs_are_facts(tmp_path, value):
    old = "short_name: " + yaml.safe_load(FACTS)["controller"]["short_name"]
    result, problems = facts(tmp_path, old, f'short_name: "{value}"')
    assert problems == [] and result["controller"]["short_name"] == value


def test_a_missing_group_of_facts(tmp_path):
    text = FACTS.split("authority:")[0] + FACTS.split("cookie_providers:")[1].join(["cookie_providers:", ""])
    result, problems = facts(tmp_path, text=text)
    assert problems == ['docs/facts.yml:1: the fact "authority" is missing or empty — add "authority: …"']


def test_control_character_in_facts_is_one_line_with_its_line(tmp_path):
    result, problems = facts(tmp_path, "city: Nordby", "city: Kristian\x07sund")
    assert problems == [f"docs/facts.yml:{line_of(FACTS, 'city:')}: the character U+0007 (control character), "
                        f"character 17 of the line, {IS_REFUSED}"]


@pytest.mark.parametrize("depth", [20, 300])
def test_deeply_nested_facts_are_one_line_not_a_crash(tmp_path, depth):
    text = "".join("  " * level + f"k{level}:\n" for level in range(depth)) + "  " * depth + "v\n"
    result, problems = facts(tmp_path, text=text)
    assert result is None
    assert problems == [f"docs/facts.yml:16: the facts file is not valid YAML (nested more than 16 levels deep) — {TODO_FACTS_YAML}"]


@pytest.mark.parametrize("written, expected", [
    ("55 12 34 00", "+4755123400"), ("55123400", "+4755123400"), ("+47 55 12 34 99", "+4755123499"),
    ("0047 55 12 34 99", "+4755123499"), ("+46 8 123 456 78", "+46812345678"), ("55-12-34-00", "+4755123400"),
    ("+47 55 12 34", None), ("551 23 400 1", None), ("tlf 55 12 34 00", None), ("+0 123 456 789", None), ("", None),
    ("+47 55 12 34 00 ext 2", None), ("+1 234567890123456", None),
])
def test_phone_numbers_in_e164(written, expected):
    assert e164(written) == expected


def test_the_readme_shows_the_format_of_every_fact():
    documented = set()
    for row in (ROOT / "README.md").read_text(encoding="utf-8").split("\n"):
        if row.startswith("| `"):
            group = ""
            for name in row.split("|")[1].replace("`", "").replace(",", " ").split():
                group, _, _ = name.rpartition(".") if "." in name else (group, "", "")
                documented.add(name if "." in name else f"{group}.{name}" if group else name)
    declared = set()
    for name, field in fields.FACTS.fields.items():
        if isinstance(field.type, fields.Group):
            declared |= {f"{name}.{key}" for key in field.type.fields} or {f"{name}.<navn>"}
        else:
            declared.add(name)
    assert declared <= documented, declared - documented


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_statement_links_the_phone_number_in_e164_and_shows_it_as_written(tmp_path, language):
    import datetime as dt
    import shutil

    from personvern import layout, project

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    facts_file = tmp_path / "docs" / layout.FACTS_FILE
    written = next(line.split(":", 1)[1].strip() for line in facts_file.read_text(encoding="utf-8").split("\n")
                   if line.strip().startswith("phone:"))
    facts_file.write_text(facts_file.read_text(encoding="utf-8").replace(f"phone: {written}", 'phone: "+47 55 12 34 99"'),
                          encoding="utf-8")
    text = project.load(tmp_path / "docs", tmp_path, dt.date(2026, 11, 28)).statement.text[language]
    assert "[+47 55 12 34 99](tel:+4755123499)" in text
    assert "tel:+47+47" not in text
