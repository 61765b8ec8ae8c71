"""Line ends and byte order marks. An archived text is a legal record, fingerprinted byte for byte: the check agrees
with `sha256sum -c SHA256SUMS` on every change, and .gitattributes keeps git from converting it. A current text may
come from a Windows editor with CRLF and a BOM; the release archives it with LF and no BOM."""
import hashlib
import os
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SUMS, archive_problems

SHOWN = "docs/versions/1.md"
RESAVED = {
    "en": "{shown}: this archived text was saved again with {added}, so it is no longer byte for byte the one that was "
          "published — restore it (git checkout -- {shown}); archived versions are legal records, and the fingerprint in "
          "SHA256SUMS covers every byte",
    "nb": "{shown}: denne arkiverte teksten er lagret på nytt med {added}, så den er ikke lenger byte for byte den som ble "
          "publisert — hent den tilbake (git checkout -- {shown}); arkiverte versjoner er juridiske dokumenter, og "
          "fingeravtrykket i SHA256SUMS gjelder hver byte",
}
ADDED = {
    "crlf": {"en": "Windows line ends (CRLF)", "nb": "Windows-linjeskift (CRLF)"},
    "bom": {"en": "a byte order mark (BOM) at the start", "nb": "et byte order mark (BOM) først"},
    "both": {"en": "a byte order mark (BOM) at the start and Windows line ends (CRLF)",
             "nb": "et byte order mark (BOM) først og Windows-linjeskift (CRLF)"},
}
SAVED_AGAIN = {"crlf": lambda data: data.replace(b"\n", b"\r\n"), "bom": lambda data: b"\xef\xbb\xbf" + data,
               "both": lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")}
CHANGES = [
    lambda data: data.replace(b"\n", b"\r\n"),
    lambda data: data.replace(b"\n", b"\r\n", 1),
    lambda data: b"\xef\xbb\xbf" + data,
    lambda data: data.replace(b"\n", b"\r", 1),
    lambda data: data.rstrip(b"\n"),
    lambda data: data + b"\n",
    lambda data: data.replace(b"\n\n", b"\n \n", 1),
    lambda data: data.replace(" ".encode(), "\u00a0".encode(), 1),
]
"""Byte changes no reader would see: line ends, a BOM, a lone CR, a final line break, a space."""


def sha256sum_check(tiny) -> bool:
    """What `sha256sum -c SHA256SUMS` says in docs/versions/ (coreutils), or the same computed here where it is missing."""
    folder = tiny.docs / "versions"
    if shutil.which("sha256sum"):
        return subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, capture_output=True).returncode == 0
    lines = (line.split("  ", 1) for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    return all(hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest for digest, name in lines)


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("change", list(SAVED_AGAIN))
def test_an_archived_text_saved_again_with_crlf_or_a_bom_says_so(tiny, monkeypatch, language, change):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    path = tiny.root / SHOWN
    path.write_bytes(SAVED_AGAIN[change](path.read_bytes()))
    assert archive_problems(tiny) == [RESAVED[language].format(shown=SHOWN, added=ADDED[change][language])]
    assert not sha256sum_check(tiny)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=st.sampled_from(CHANGES), name=st.sampled_from(["1.md", "1.en.md"]))
def test_the_check_and_sha256sum_agree_on_every_byte_change(tiny, change, name):
    path = tiny.docs / "versions" / name
    original = path.read_bytes()
    try:
        path.write_bytes(change(original))
        assert sha256sum_check(tiny) is False
        assert len(archive_problems(tiny)) == 1
    finally:
        path.write_bytes(original)
    assert sha256sum_check(tiny) and archive_problems(tiny) == []


def test_a_release_from_a_windows_editor_archives_lf_without_a_bom(tiny):
    for path in ("docs/index.md", "docs/index.en.md"):
        target = tiny.root / path
        target.write_bytes(b"\xef\xbb\xbf" + (target.read_bytes() + "\nTillegg.\n".encode()).replace(b"\n", b"\r\n"))
    tiny.release("2027-01-01", "Endret ordlyd.", "Changed wording.")
    checked = tiny.cli("personvern.cli", "check")
    assert checked.returncode == 0, checked.stderr  # the current texts still have their BOM and CRLF
    assert (tiny.docs / "index.md").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("2.md", "2.en.md"):
        data = (tiny.docs / "versions" / name).read_bytes()
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf"), name
    assert sha256sum_check(tiny)
    assert archive_problems(tiny) == []
    assert tiny.read(SUMS).count("\n") == 4 and "\r" not in tiny.read(SUMS)


def test_git_keeps_every_byte_of_an_archived_text_whatever_core_autocrlf_says(tiny):
    """With the project's .gitattributes, a checkout under core.autocrlf=true (Git for Windows' default) is the text as
    published; without it, the same checkout would have CRLF line ends."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=Redaktør", "-c", "user.email=redaksjon@example.org", *args], cwd=tiny.root,
                       env=env, capture_output=True, check=True)

    published = (tiny.root / SHOWN).read_bytes()
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Versjon 1")
    for attributes, expected in ((None, published.replace(b"\n", b"\r\n")), (ROOT / ".gitattributes", published)):
        if attributes is not None:
            shutil.copy(attributes, tiny.root / ".gitattributes")
        (tiny.root / SHOWN).unlink()
        git("-c", "core.autocrlf=true", "checkout", "--", SHOWN)
        assert (tiny.root / SHOWN).read_bytes() == expected
    assert sha256sum_check(tiny)
