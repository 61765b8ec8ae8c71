"""The facts file, and filling the facts into the text: what editors are told when a placeholder is wrong."""
from pathlib import Path

import pytest
import yaml

from conftest import FACTS
from personvern.facts import load_facts, render
from personvern.fields import STATEMENT, e164
from personvern.source import read_document, shown_path

FACTS_DICT = yaml.safe_load(FACTS)
FACTS_DICT["controller"]["phone_e164"] = e164(FACTS_DICT["controller"]["phone"])  # as load_facts derives it
FRONT = "---\ntitle: Privacy statement\ndescription: About the lamp shop.\n---\n"
"""Four lines of front matter: the body starts on line 5."""
CONTROLLER_FIELDS = "city, email, name, org_nr, phone, phone_e164, postcode, short_name, street"
TOP_LEVEL = "authority, controller, cookie_providers, links"
TODO_SYNTAX = "write placeholders as {{ group.name }}, and close every {% for %} with {% endfor %}"
TODO_FACTS_YAML = 'write each fact as "name: value", indented under its group; put a value that contains ": " in quotes'


def unknown(line: int, name: str, known: str) -> str:
    return f'docs/index.en.md:{line}: unknown placeholder "{name}" — use one of {known} (from docs/facts.yml)'


def read_facts(root: Path, content: str | bytes | None):
    path = root / "docs" / "facts.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    problems = []
    facts = load_facts(path, shown_path(path, root), problems)
    return facts, [str(p) for p in problems]


def fill(root: Path, body: str, facts: dict = FACTS_DICT, front: str = FRONT):
    """Reads docs/index.en.md (front matter + body) and renders it: the text and the problems as editors see them."""
    path = root / "docs" / "index.en.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front + body, encoding="utf-8")
    problems = []
    doc = read_document(path, shown_path(path, root), STATEMENT, problems)
    assert doc is not None and problems == [], problems
    text = render(doc, facts, problems)
    return text, [str(p) for p in problems]


# --- the facts file ----------------------------------------------------------------------------------------------

def test_facts_file_is_read(tmp_path):
    facts, problems = read_facts(tmp_path, FACTS)
    assert problems == []
    assert facts == FACTS_DICT
    assert facts["controller"]["phone_e164"] == "+4755123400"
    assert facts["controller"]["postcode"] == "5003"


def test_missing_facts_file(tmp_path):
    facts, problems = read_facts(tmp_path, None)
    assert facts is None
    assert problems == ["docs/facts.yml: the file is missing — create it (see README › For redaktører)"]


def test_facts_file_that_is_not_utf8(tmp_path):
    facts, problems = read_facts(tmp_path, b"controller:\n  name: Nordlys Elektro AS\n  city: Troms\xf8\n")
    assert facts is None
    assert problems == ["docs/facts.yml:3: the file is not UTF-8 (byte 0xf8) — save the file with UTF-8 encoding"]


@pytest.mark.parametrize("text, line, reason", [
    ("controller:\n  name: Nordlys Elektro AS\n  email: post: post@nordlys-elektro.no\n", 3,
     "mapping values are not allowed here"),
    ("controller:\n  name: Nordlys Elektro AS\n phone: 55 12 34 00\n", 3,
     "expected <block end>, but found '<block mapping start>'"),
    ("controller:\n  name: Nordlys Elektro AS\n\tphone: 55 12 34 00\n", 3,
     "found character '\\t' that cannot start any token"),
], ids=["colon-in-value", "bad-indent", "tab"])
def test_facts_file_that_is_not_valid_yaml(tmp_path, text, line, reason):
    facts, problems = read_facts(tmp_path, text)
    assert facts is None
    assert problems == [f"docs/facts.yml:{line}: the facts file is not valid YAML ({reason}) — {TODO_FACTS_YAML}"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- Nordlys Elektro AS\n", "Nordlys Elektro AS\n"],
                         ids=["empty", "comment", "list", "plain-text"])
def test_facts_file_without_named_facts(tmp_path, text):
    facts, problems = read_facts(tmp_path, text)
    assert facts is None
    assert problems == ['docs/facts.yml:1: the facts file has no named facts — write each fact as "name: value"']


# --- filling in the facts ----------------------------------------------------------------------------------------

def test_facts_are_filled_in(tmp_path):
    body = ("Drop a line to {{ controller.email }} or ring the shop on {{ controller.phone }}.\n"
            "\n"
            "{% for provider in cookie_providers %}\n"
            "- {{ provider.name }}\n"
            "{% endfor %}\n")
    text, problems = fill(tmp_path, body)
    assert problems == []
    assert text == ("Drop a line to post@nordlys-elektro.no or ring the shop on 55 12 34 00.\n"
                    "\n"
                    "- Lampeteller\n"
                    "- Vinterlys\n")


def test_heading_ids_are_kept_and_comments_are_written_with_double_hashes(tmp_path):
    text, problems = fill(tmp_path, "## Contact {#contact}\n\n{## a note for editors ##}\nText.\n")
    assert problems == []
    assert text == "## Contact {#contact}\n\nText.\n"


def test_filters_work_on_facts(tmp_path):
    text, problems = fill(tmp_path, '[call us](tel:+47{{ controller.phone | replace(" ", "") }})\n')
    assert problems == []
    assert text == "[call us](tel:+4755123400)\n"


@pytest.mark.parametrize("placeholder, name, known", [
    ("{{ controler.email }}", "controler", TOP_LEVEL),
    ("{{ email }}", "email", TOP_LEVEL),
    ("{{ controller.telefon }}", "telefon", CONTROLLER_FIELDS),
    ("{{ controller['telefon'] }}", "telefon", CONTROLLER_FIELDS),
    ("{{ controller.telefon.number }}", "telefon", CONTROLLER_FIELDS),
    ("{{ authority.nam | upper }}", "nam", "name, name_en, url, website"),
], ids=["top-level", "top-level-bare", "attribute", "item", "attribute-of-unknown", "with-filter"])
def test_unknown_placeholder(tmp_path, placeholder, name, known):
    text, problems = fill(tmp_path, f"Contact\n\nCall {placeholder}.\n")
    assert problems == [unknown(7, name, known)]
    assert text == "Contact\n\nCall .\n"


def test_unknown_attribute_inside_a_for_loop_is_reported_once(tmp_path):
    body = "We use:\n\n{% for provider in cookie_providers %}\n- {{ provider.title }}\n{% endfor %}\n"
    _, problems = fill(tmp_path, body)
    # One line for the editor to fix, however many cookie providers there are.
    assert problems == [unknown(8, "title", "name")]


def test_unknown_list_in_a_for_loop(tmp_path):
    body = "We use:\n\n{% for provider in cookie_provider %}\n- {{ provider.name }}\n{% endfor %}\n"
    text, problems = fill(tmp_path, body)
    assert problems == [unknown(7, "cookie_provider", TOP_LEVEL)]
    assert text == "We use:\n\n"


def test_every_unknown_placeholder_is_reported_in_order(tmp_path):
    body = "{{ controller.nam }} and {{ nope }}\n\n{{ authority.site }}\n"
    _, problems = fill(tmp_path, body)
    assert problems == [unknown(5, "nam", CONTROLLER_FIELDS), unknown(5, "nope", TOP_LEVEL),
                        unknown(7, "site", "name, name_en, url, website")]


@pytest.mark.parametrize("front, line", [
    ("---\ntitle: T\n---\n", 6),
    (FRONT, 7),
    ("---\ntitle: T\ndescription: >\n  About the\n  lamp shop.\n---\n", 9),
], ids=["one-field", "two-fields", "folded-field"])
def test_line_numbers_count_the_front_matter(tmp_path, front, line):
    _, problems = fill(tmp_path, "Text.\n\n{{ controller.telefon }}\n", front=front)
    assert problems == [unknown(line, "telefon", CONTROLLER_FIELDS)]


@pytest.mark.parametrize("body, line, message", [
    ("Call\n\n{{ controller.phone \n", 7, "unexpected end of template, expected 'end of print statement'"),
    ("We use:\n{% for provider in cookie_providers %}\n- {{ provider.name }}\n", 7,
     "Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. "
     "The innermost block that needs to be closed is 'for'"),
    ("Text.\n{% endfor %}\n", 6, "Encountered unknown tag 'endfor'"),
], ids=["unclosed-placeholder", "missing-endfor", "stray-endfor"])
def test_placeholder_syntax_error(tmp_path, body, line, message):
    text, problems = fill(tmp_path, body)
    assert problems == [f"docs/index.en.md:{line}: placeholder syntax error: {message} — {TODO_SYNTAX}"]
    assert text == body  # the text is kept as written


def test_unknown_filter(tmp_path):
    body = "Text.\n\nCall {{ controller.phone | telefon }}.\n"
    text, problems = fill(tmp_path, body)
    assert problems == [f'docs/index.en.md:7: the filter "telefon" is not allowed (use replace, lower, upper, capitalize, '
                        f"title, trim, join, first, last, length, default) — {refused_todo(FACTS_DICT)}"]
    assert text == body


def refused_todo(facts: dict) -> str:
    from personvern.placeholders import names
    return ("placeholders print a fact ({{ group.name }}), loop over a list of facts ({% for x in list %}) or test "
            f"one ({{% if … %}}); the facts are: {', '.join(names(facts))} (from docs/facts.yml)")


def test_fact_that_breaks_a_placeholder(tmp_path):
    facts = dict(FACTS_DICT, cookie_providers=None)  # "cookie_providers:" left without any provider
    body = "We use:\n\n{% for provider in cookie_providers %}\n- {{ provider.name }}\n{% endfor %}\n"
    text, problems = fill(tmp_path, body, facts=facts)
    assert problems == ['docs/index.en.md:7: {% for %} runs only over a list from the facts, and "cookie_providers" is not one'
                        f" — {refused_todo(facts)}"]
    assert text == body
