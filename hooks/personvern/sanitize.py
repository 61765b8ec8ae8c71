"""The allow-list the statement's HTML must pass: the tags a legal text needs, a few attributes, safe addresses.

`clean` is the wall (nh3, the Python binding of Ammonia); `findings` explains in words what `clean` would remove.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from . import messages

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAGS = HEADINGS | {"p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
                   "a", "strong", "em", "b", "i", "sup", "sub",
                   "table", "thead", "tbody", "tr", "th", "td"}
"""What a legal text is written with: headings, paragraphs, lists, quotes, links, emphasis and tables."""
ATTRIBUTES = {**{tag: {"id"} for tag in HEADINGS}, "a": {"href", "title"}}
"""Headings take an id (`## Title {#cookies}`), links an address and a title."""
ALIGN = {tag: {"align": {"left", "center", "right"}} for tag in ("th", "td")}
"""A table column's alignment, as Markdown writes it (`|:--|`)."""
URL_SCHEMES = frozenset({"https", "mailto", "tel"})
"""Besides these, a link may go to a page of this site (a relative address)."""

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_FIXED = {"script": "script", "style": "style", "link": "style", "meta": "head", "base": "head",
          "form": "form", "input": "form", "button": "form", "img": "image"}
"""Elements with a reason of their own to go (sanitize.todo.… in the message catalogue); the others get "element"."""


def clean(html: str) -> str:
    """`html` with everything outside the allow-list removed."""
    import nh3  # here, not at the top: a check whose texts are all in the cache cleans none
    return nh3.clean(html, tags=set(TAGS), attributes={t: set(a) for t, a in ATTRIBUTES.items()},
                     tag_attribute_values={t: {a: set(v) for a, v in values.items()} for t, values in ALIGN.items()},
                     url_schemes=set(URL_SCHEMES), url_relative="pass_through", link_rel=None,
                     strip_comments=True, attribute_filter=_keep)


def _keep(element: str, attribute: str, value: str) -> str | None:
    """What nh3 cannot say itself: addresses that leave the site without a scheme, and the shape of an id."""
    if attribute == "href" and url_problem(value) is not None:
        return None
    if attribute == "id" and not ID.fullmatch(value):
        return None
    return value


USERINFO = "@"
"""What url_problem returns for an address with a name before "@", which reads as one site and goes to another."""


def url_problem(value: str) -> str | None:
    """Why a link address is not allowed: the scheme it uses ("javascript"), "" for an address that leaves the
    site without https://, or USERINFO; None when it is allowed. Read as a browser reads it: tabs and newlines removed,
    leading and trailing spaces and control characters ignored, any case."""
    url = _TAB_OR_NEWLINE.sub("", value).strip("".join(map(chr, range(0x21))))
    scheme = _SCHEME.match(url)
    if scheme is None:
        return "" if re.match(r"[/\\]{2}", url) else None
    name = scheme.group(1).lower()
    if name not in URL_SCHEMES:
        return name
    if name not in ("http", "https"):
        return None  # mailto:name@… is an address, not a site
    authority = re.match(r"[^:]*:[/\\]*([^/\\?#]*)", url).group(1)
    return USERINFO if "@" in authority else None  # https://our-site.example@other.example/ goes to other.example


def tokens(html: str) -> list[tuple]:
    """The HTML as a list of tags and text, entities decoded and comments left out: what a browser builds."""
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except AssertionError:  # Python's parser gives up on some declarations ("<![#"): read them as text, as nh3 does
        if "<!" not in html:
            raise
        return tokens(html.replace("<!", "&lt;!"))
    return reader.tokens


def findings(html: str) -> list[tuple[str, str, str]]:
    """(text to look for in the Markdown, what is wrong, what to do) for each thing `clean` removes from `html`."""
    found = []
    for token in tokens(html):
        if token[0] != "start":
            continue
        tag, attributes = token[1], token[2]
        if tag not in TAGS:
            found.append(_element(tag, dict(attributes)))
            continue
        for name, value in attributes:
            found.extend(_attribute(tag, name, value or ""))
    return found


def _element(tag: str, attributes: dict[str, str | None]) -> tuple[str, str, str]:
    remote = [value.strip() for name in ("src", "srcset", "data", "poster") if (value := attributes.get(name))
              and (_SCHEME.match(value.strip()) or re.match(r"[/\\]{2}", value.strip()))]
    if remote and (tag == "img" or tag not in _FIXED):  # a script is code first, wherever it comes from
        key = "sanitize.remote_image" if tag == "img" else "sanitize.remote_element"
        return _finding(remote[0][:12], key, tag=tag, address=remote[0])
    return _finding(f"<{tag}", "sanitize.element", tag=tag, todo=messages.text(f"sanitize.todo.{_FIXED.get(tag, 'element')}"))


def _attribute(tag: str, name: str, value: str) -> list[tuple[str, str, str]]:
    if name.startswith("on"):
        return [_finding(name, "sanitize.handler", name=name)]
    if name == "style":
        return [_finding(name, "sanitize.style", tag=tag)]
    if name in ALIGN.get(tag, {}):
        return [] if value.lower() in ALIGN[tag][name] else [_finding(name, "sanitize.align", value=value)]
    if name not in ATTRIBUTES.get(tag, ()):
        needle = {"id": f"#{value}", "class": f".{value.split()[0]}" if value.split() else name}.get(name, name)
        return [_finding(needle, "sanitize.attribute", name=name, tag=tag)]
    if name == "id" and not ID.fullmatch(value):
        return [_finding(value, "sanitize.heading_id", value=value)]
    if name == "href" and (scheme := url_problem(value)) is not None:
        key = {"": "sanitize.link_without_https", USERINFO: "sanitize.link_userinfo"}.get(scheme, "sanitize.link_scheme")
        return [_finding(value.strip()[:12] or "href", key, scheme=scheme, address=value.strip())]
    return []


def _finding(needle: str, key: str, /, **values) -> tuple[str, str, str]:
    """(text to look for in the Markdown, what is wrong, what to do), in the editor's language."""
    problem = messages.problem("", None, key, **values)
    return needle, problem.what, problem.todo


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted(attrs, key=lambda a: a[0]))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data":
            self.tokens[-1] = ("data", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("data", data))

    def handle_decl(self, decl):
        self.tokens.append(("decl", decl))

    def handle_pi(self, data):
        self.tokens.append(("pi", data))

    def unknown_decl(self, data):
        self.tokens.append(("decl", data))
