"""The security policy: a <meta> tag on every page, `_headers` and an nginx snippet with the same policy."""
import re

import pytest

from personvern import embed, headers, layout
from test_csp_browser import headers_for, read_headers

EMPTY_SHA = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
"""The hash of an empty script, as browsers compute it."""
ORIGINS = ["https://nordlys-elektro.no", "http://localhost:*"]


def test_the_policy_is_strict_and_never_unsafe():
    policy = headers.policy([EMPTY_SHA], "'none'")
    assert policy == (f"default-src 'self'; script-src 'self' {EMPTY_SHA}; style-src 'self'; img-src 'self'; "
                      "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    assert "unsafe" not in policy and "frame-ancestors" not in headers.policy()


def test_inline_scripts_are_hashed_and_scripts_from_files_are_not():
    html = '<script></script><script src="assets/personvern.js" defer></script><SCRIPT type="module"></SCRIPT>'
    assert headers.inline_scripts(html) == [EMPTY_SHA]
    assert headers.inline_scripts('<script>a()</script>') != headers.inline_scripts('<script>a() </script>')


def test_the_meta_tag_comes_right_after_the_charset_with_the_page_own_scripts():
    html = '<html><head><meta charset="utf-8"><title>T</title><script></script></head></html>'
    assert headers.with_meta(html) == (
        f'<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{headers.policy([EMPTY_SHA])}">'
        '<meta name="referrer" content="no-referrer"><title>T</title><script></script></head></html>')


def test_a_page_with_its_own_policy_keeps_it():
    html = '<head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head>'
    assert headers.with_meta(html) == html


SITE_PATHS = ["/", "/index.html", "/versions/", "/versions/1/", "/404.html", "/en/", "/en/versions/2/", "/en/404.html"]
EMBED_PATHS = ["/embed/", "/embed/index.html", "/en/embed/"]


@pytest.fixture
def rules():
    return read_headers(headers.netlify(headers.rules([EMPTY_SHA], embed.headers(ORIGINS))))


@pytest.mark.parametrize("path", SITE_PATHS)
def test_headers_give_the_site_pages_the_policy_once_and_deny_framing(rules, path):
    sent = headers_for(rules, path)
    assert sent == {**headers.SERVER_ONLY, "Content-Security-Policy": headers.policy([EMPTY_SHA], "'none'")}
    assert "," not in sent["Content-Security-Policy"]  # one rule only: Cloudflare Pages joins every rule that matches


@pytest.mark.parametrize("path", EMBED_PATHS)
def test_headers_let_the_allowed_websites_frame_the_embed_pages(rules, path):
    assert headers_for(rules, path) == {**headers.SERVER_ONLY, "Content-Security-Policy": embed.frame_ancestors(ORIGINS)}


def test_without_framed_pages_the_whole_site_gets_one_rule():
    assert read_headers(headers.netlify(headers.rules([], {}))) == [
        ("/*", {"Content-Security-Policy": headers.policy([], "'none'"), **headers.SERVER_ONLY})]


def test_the_permissions_policy_denies_every_feature():
    assert all(re.fullmatch(r"[a-z-]+=\(\)", item) for item in headers.SERVER_ONLY["Permissions-Policy"].split(", "))


def test_nginx_sends_the_same_policy_and_repeats_every_header_in_a_framed_location():
    snippet = headers.nginx(headers.rules([EMPTY_SHA], embed.headers(ORIGINS)))
    server, *locations = snippet.split("\nlocation ")
    site = {"Content-Security-Policy": headers.policy([EMPTY_SHA], "'none'"), **headers.SERVER_ONLY}
    assert re.findall(r'^add_header (\S+) "([^"]*)" always;$', server, re.M) == list(site.items())
    assert [block.split(" {")[0] for block in locations] == [f"^~ /{layout.page_url(lang, layout.EMBED_PATH)}"
                                                             for lang in layout.LANGUAGES]
    for block in locations:
        assert dict(re.findall(r'add_header (\S+) "([^"]*)" always;', block)) == {
            **headers.SERVER_ONLY, "Content-Security-Policy": embed.frame_ancestors(ORIGINS)}


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_built_page_carries_the_policy_and_the_header_files_are_written(tiny, language):
    result = tiny.build()
    assert result.ok, result.messages
    built = [p for p in (tiny.site / layout.page_url(language)).rglob("*.html")
             if language != layout.DEFAULT or not p.relative_to(tiny.site).as_posix().startswith(tuple(
                 layout.page_url(other) for other in layout.LANGUAGES if other != layout.DEFAULT))]
    snippets = {layout.page_url(language, path) for path in layout.EMBED_MARKUP}
    for path in built:
        if path.relative_to(tiny.site).as_posix() in snippets:
            continue  # markup for another website to paste, not a page
        html = path.read_text(encoding="utf-8")
        assert len(re.findall(r'<meta http-equiv="Content-Security-Policy" content="default-src', html)) == 1, path
        assert "unsafe-inline" not in html, path
        assert html.index("Content-Security-Policy") < html.find("<script") or "<script" not in html, path
    assert (tiny.site / layout.HEADERS_FILE).read_text(encoding="utf-8").startswith("# Security headers")
    assert (tiny.site / layout.NGINX_FILE).read_text(encoding="utf-8").count("add_header Content-Security-Policy") >= 1


def test_a_page_an_editor_adds_gets_the_site_policy_and_may_not_be_framed(tiny):
    """On Netlify and Cloudflare Pages the policy header (with frame-ancestors 'none') goes to the paths of the site's
    own pages, so an editor's page needs its own rule: without one, any website could frame it."""
    for name, title in (("om-oss.md", "Om oss"), ("om-oss.en.md", "About us")):
        tiny.write(f"docs/{name}", f"---\ntitle: {title}\n---\n\n# {title}\n\nTekst.\n")
    result = tiny.build()
    assert result.ok, result.messages
    rules = read_headers((tiny.site / layout.HEADERS_FILE).read_text(encoding="utf-8"))
    policy = headers_for(rules, "/")["Content-Security-Policy"]
    for language in layout.LANGUAGES:
        for path in ("om-oss/", "om-oss/index.html"):
            assert headers_for(rules, "/" + layout.page_url(language, path))["Content-Security-Policy"] == policy
