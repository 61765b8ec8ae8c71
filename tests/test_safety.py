"""Markup that has no place in a privacy statement, and ordinary text that must not be mistaken for it."""
import pytest

from personvern.safety import check

SHOWN = "docs/index.en.md"
RAW = "remove it; the statement is text, and the site runs no code from the text"
HANDLER = "remove the attribute"
LINK = "link to an https:// or mailto: address instead"
IMAGE = "save the image under docs/ and link to it there; the site fetches nothing from third parties"


def problems(text: str, first_line: int = 1) -> list[str]:
    return [str(p) for p in check(SHOWN, text, first_line)]


@pytest.mark.parametrize("line, what, todo", [
    ("<script>alert(1)</script>", "raw <script> is not allowed", RAW),
    ('<SCRIPT src="https://example.com/x.js"></SCRIPT>', "raw <SCRIPT> is not allowed", RAW),
    ('< script src="x.js">', "raw <script> is not allowed", RAW),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "raw <iframe> is not allowed", RAW),
    ('<object data="x.swf"></object>', "raw <object> is not allowed", RAW),
    ('<embed src="x.swf">', "raw <embed> is not allowed", RAW),
    ('<a href="#" onclick="track()">les mer</a>', 'inline event handler "onclick" is not allowed', HANDLER),
    ('<a href="#" onClick = "track()">les mer</a>', 'inline event handler "onClick" is not allowed', HANDLER),
    ('<img src="assets/logo.png" onerror="track()">', 'inline event handler "onerror" is not allowed', HANDLER),
    ("[les mer](javascript:track())", '"javascript:" links are not allowed', LINK),
    ('<a href="JavaScript:void(0)">les mer</a>', '"JavaScript:" links are not allowed', LINK),
    ("[les mer](vbscript:msgbox)", '"vbscript:" links are not allowed', LINK),
], ids=["script", "script-uppercase", "script-spaced", "iframe", "object", "embed", "onclick", "onclick-mixed-case",
        "onerror", "javascript-link", "javascript-href", "vbscript-link"])
def test_unsafe_markup(line, what, todo):
    assert problems(f"Text.\n\n{line}\n") == [f"{SHOWN}:3: {what} — {todo}"]


@pytest.mark.parametrize("line", [
    "![logo](https://example.com/logo.png)",
    "![logo](http://example.com/logo.png)",
    "![logo](//example.com/logo.png)",
    '![logo]( https://example.com/logo.png "Logo")',
    '<img src="https://example.com/pixel.gif">',
    "<img alt='' src='http://example.com/pixel.gif' width=1>",
    "<IMG SRC=https://example.com/pixel.gif>",
], ids=["markdown-https", "markdown-http", "markdown-protocol-relative", "markdown-with-title", "img-double-quotes",
        "img-single-quotes", "img-unquoted"])
def test_image_from_another_site(line):
    found = check(SHOWN, f"Text.\n\n{line}\n", 1)
    assert [(p.path, p.line, p.todo) for p in found] == [(SHOWN, 3, IMAGE)]
    assert found[0].what.startswith("an image from another site is not allowed (")


def test_image_from_another_site_names_its_address():
    text = "![logo](https://example.com/logo.png)\n<img alt='' src='https://example.com/pixel.gif'>\n"
    assert problems(text) == [
        f"{SHOWN}:1: an image from another site is not allowed (https://example.com/logo.png) — {IMAGE}",
        f"{SHOWN}:2: an image from another site is not allowed (https://example.com/pixel.gif) — {IMAGE}",
    ]


@pytest.mark.parametrize("text", [
    "Du kan skru av JavaScript i nettleseren din.",
    "Følg guiden for å skru av JavaScript, som brukes av Facebook Pixel.",
    "### JavaScript: hva er det? {#javascript}",
    "Our online guide explains this; one click = done.",
    "Cookies are set on load, on click and on scroll.",
    "![logo](assets/logo.png)",
    '<img src="assets/logo.png" alt="West Elektro">',
    "Les mer på [nettvett.no](https://nettvett.no/) eller skriv til [oss](mailto:firmapost@west-elektro.no).",
    "<https://www.datatilsynet.no/>",
    "Write to {{ controller.email }} or call {{ controller.phone }}.",
    "The description of the object is in the subscription terms.",
], ids=["javascript-in-prose", "javascript-with-comma", "javascript-colon-in-heading",
        "online-click", "on-words", "local-markdown-image", "local-img", "https-and-mailto-links", "autolink",
        "placeholders", "object-and-script-inside-words"])
def test_ordinary_text_is_not_flagged(text):
    assert problems(f"---\ntitle: T\n---\n\n{text}\n") == []


def test_line_numbers_start_at_first_line():
    assert problems("Text.\n\n<script>x()</script>\n", first_line=5) == [f"{SHOWN}:7: raw <script> is not allowed — {RAW}"]


def test_front_matter_is_checked_too():
    assert problems("---\ntitle: <script>x()</script>\n---\n") == [f"{SHOWN}:2: raw <script> is not allowed — {RAW}"]


def test_every_unsafe_construct_is_reported_in_order():
    text = ('<script>a()</script> <a href="#" onclick="b()">x</a>\n'
            "\n"
            "[x](javascript:d()) <iframe src=y></iframe>\n")
    assert problems(text) == [
        f"{SHOWN}:1: raw <script> is not allowed — {RAW}",
        f'{SHOWN}:1: inline event handler "onclick" is not allowed — {HANDLER}',
        f'{SHOWN}:3: "javascript:" links are not allowed — {LINK}',
        f"{SHOWN}:3: raw <iframe> is not allowed — {RAW}",
    ]


def test_every_event_handler_in_one_tag_is_reported():
    assert problems('<a href="#" onclick="b()" onmouseover="c()">x</a>\n') == [
        f'{SHOWN}:1: inline event handler "onclick" is not allowed — {HANDLER}',
        f'{SHOWN}:1: inline event handler "onmouseover" is not allowed — {HANDLER}',
    ]


def test_event_handler_in_a_tag_written_over_several_lines():
    # Raw HTML tags may span lines in Markdown; the attribute is still sent to the browser.
    text = 'Text.\n\n<a href="#"\n   onclick="track()">les mer</a>\n'
    assert problems(text) == [f'{SHOWN}:4: inline event handler "onclick" is not allowed — {HANDLER}']
