"""`personvern verify-archive`: what the build alone cannot see. A real git history in tmp_path (--base), and the live
site's versions.json as a file or over HTTP (--published)."""
import functools
import http.server
import json
import os
import subprocess
import threading

import pytest
from conftest import TODAY

from personvern import feed
from personvern import project as project_module
from personvern.versions import fingerprint

SUMS = "docs/versions/SHA256SUMS"
CORRECTION = ("publish a correction as a new version instead: edit docs/index.md and run `make release` "
              "(README › Ny versjon)")
CLOSING = "problem(s). Archived versions are legal records: restore them as the messages say."
LANGUAGE_FILES = pytest.mark.parametrize(("name", "line"), [("1.md", 1), ("1.en.md", 2)])


def git(tiny, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE="2026-11-25T12:00:00+01:00", GIT_COMMITTER_DATE="2026-11-25T12:00:00+01:00",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    result = subprocess.run(["git", "-c", "user.name=Redaktør", "-c", "user.email=redaksjon@example.org", *args],
                            cwd=tiny.root, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def release_second(tiny) -> None:
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    tiny.release("2027-01-01", "Endret ordlyd.", "Changed wording.")


@pytest.fixture
def repo(tiny):
    """The tiny site with versions 1 and 2 committed on main, and a pull request branch checked out."""
    release_second(tiny)
    git(tiny, "init", "-q", "-b", "main")
    git(tiny, "add", "-A")
    git(tiny, "commit", "-q", "-m", "Versjon 1 og 2")
    git(tiny, "checkout", "-q", "-b", "endring")
    return tiny


def verify(tiny, *args: str) -> tuple[int, list[str], list[str]]:
    result = tiny.cli("personvern.cli", "verify-archive", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def check(tiny) -> int:
    return tiny.cli("personvern.cli", "check").returncode


def sums(tiny) -> list[str]:
    return tiny.read(SUMS).splitlines()


def write_sums(tiny, lines: list[str]) -> None:
    tiny.write(SUMS, "".join(f"{line}\n" for line in lines))


def rewrite_with_its_line(tiny, name: str, old: str, new: str) -> None:
    """What the build alone cannot catch: an archived text edited together with its fingerprint line."""
    tiny.edit(f"docs/versions/{name}", old, new)
    digest = fingerprint(tiny.read(f"docs/versions/{name}"))
    write_sums(tiny, [f"{digest}  {name}" if line.endswith(f"  {name}") else line for line in sums(tiny)])


EDITS = {"1.md": ("Nettsiden drives av", "Siden drives av"), "1.en.md": ("The site is run by", "This site is run by")}


# --- against a git revision ------------------------------------------------------------------------------------------

def test_an_unchanged_archive_passes(repo):
    assert verify(repo, "--base", "main") == (0, ["docs/versions: unchanged: 4 archived text(s) in main"], [])


def test_a_new_version_on_the_branch_passes(repo):
    repo.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    repo.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    repo.release("2027-06-01", "Tydeligere rettigheter.", "Clearer rights.")
    assert verify(repo, "--base", "main")[0] == 0


@LANGUAGE_FILES
def test_an_old_version_edited_with_its_fingerprint_passes_the_build_but_not_verify(repo, name, line):
    rewrite_with_its_line(repo, name, *EDITS[name])
    assert check(repo) == 0  # the build alone cannot know: the fingerprint agrees with the edited text
    old = git(repo, "show", f"main:{SUMS}").splitlines()[line - 1]
    assert verify(repo, "--base", "main") == (1, [], [
        f"docs/versions/{name}: this archived text differs from the one in main — restore it (git checkout main -- "
        f"docs/versions/{name}); archived versions are legal records; to change the text, {CORRECTION}",
        f"{SUMS}:{line}: the fingerprint of {name} differs from the one in main — write the line as it is in main: "
        f'"{old}" (git show main:./{SUMS}); only `make release` adds fingerprints',
        f"2 {CLOSING}",
    ])
    git(repo, "checkout", "main", "--", f"docs/versions/{name}", SUMS)  # doing what the messages say fixes it
    assert verify(repo, "--base", "main")[0] == 0


def test_the_newest_version_removed_without_a_trace_is_caught(repo):
    for name in ("2.md", "2.en.md"):
        (repo.docs / "versions" / name).unlink()
    write_sums(repo, sums(repo)[:2])
    for path in ("docs/index.md", "docs/index.en.md"):
        repo.write(path, git(repo, "show", f"HEAD~0:{path}").replace("lager vi lykter", "lager vi lamper")
                   .replace("we make lanterns", "we make lamps"))
    assert check(repo) == 0
    lines = git(repo, "show", f"main:{SUMS}").splitlines()
    assert verify(repo, "--base", "main") == (1, [], [
        "docs/versions/2.md: this archived text in main has been removed — restore it (git checkout main -- "
        "docs/versions/2.md); archived versions are legal records and are never removed",
        "docs/versions/2.en.md: this archived text in main has been removed — restore it (git checkout main -- "
        "docs/versions/2.en.md); archived versions are legal records and are never removed",
        f'{SUMS}: the fingerprint of 2.md is missing, unlike the one in main — write the line as it is in main: "{lines[2]}" '
        f"(git show main:./{SUMS}); only `make release` adds fingerprints",
        f'{SUMS}: the fingerprint of 2.en.md is missing, unlike the one in main — write the line as it is in main: "{lines[3]}" '
        f"(git show main:./{SUMS}); only `make release` adds fingerprints",
        f"4 {CLOSING}",
    ])


def test_a_renamed_version_is_named_as_renamed(repo):
    folder = repo.docs / "versions"
    (folder / "2.en.md").rename(folder / "3.en.md")
    code, out, err = verify(repo, "--base", "main")
    assert err[0] == ("docs/versions/2.en.md: this archived text in main has been renamed to docs/versions/3.en.md — "
                      "restore it (git checkout main -- docs/versions/2.en.md) and delete docs/versions/3.en.md; "
                      "archived versions are legal records")
    assert code == 1


@LANGUAGE_FILES
def test_a_mistyped_fingerprint_with_the_text_as_in_main_blames_only_the_line(repo, name, line):
    lines = sums(repo)
    old = lines[line - 1]
    lines[line - 1] = ("0" if old[0] != "0" else "1") + old[1:]
    write_sums(repo, lines)
    assert verify(repo, "--base", "main") == (1, [], [
        f"{SUMS}:{line}: the fingerprint of {name} differs from the one in main — write the line as it is in main: "
        f'"{old}" (git show main:./{SUMS}); only `make release` adds fingerprints',
        f"1 {CLOSING}",
    ])


def test_line_ends_changed_after_publishing_are_a_change(repo):
    """.gitattributes keeps git from converting them; an editor that saves the file again is a change like any other."""
    path = repo.docs / "versions" / "1.en.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    shown = "docs/versions/1.en.md"
    assert verify(repo, "--base", "main") == (1, [], [
        f"{shown}: this archived text was saved again with Windows line ends (CRLF), so it is no longer byte for byte the "
        f"one that was published — restore it (git checkout main -- {shown}); archived versions are legal records, and "
        "the fingerprint in SHA256SUMS covers every byte",
        f"1 {CLOSING}",
    ])


def test_outside_git_it_says_so_in_one_line(tiny):
    assert verify(tiny, "--base", "main") == (1, [], [
        "docs: this folder is not in a git repository, so it has no history to compare with — run this in a clone of "
        "the repository; without history, `personvern check` still checks SHA256SUMS and --published compares with "
        "the live site",
        f"1 {CLOSING}",
    ])


@pytest.mark.parametrize("ref", ["origin/main", "no-such-branch", "--output=x", "main:docs"])
def test_an_unknown_revision_is_one_line(repo, ref):
    assert verify(repo, f"--base={ref}") == (1, [], [
        f'--base: "{ref}" is not a revision in this repository — name a branch, tag or commit that exists here; fetch '
        "it first (git fetch origin main, or fetch-depth: 0 in GitHub Actions) and give it as origin/main",
        f"1 {CLOSING}",
    ])
    assert not (repo.root / "x").exists()


def test_without_an_option_it_asks_for_one(tiny):
    assert verify(tiny) == (2, [], ["verify-archive: give --base REF, --published FILE_OR_URL, or both"])


# --- against the live site -------------------------------------------------------------------------------------------

def publish(tiny) -> str:
    """The live site's versions.json as the build writes it, saved next to the project."""
    project = project_module.load(tiny.docs, tiny.root, TODAY)
    path = tiny.root.parent / f"{tiny.root.name}-versions.json"
    path.write_text(feed.versions_json(project, "https://personvern.example/"), encoding="utf-8")
    return str(path)


@pytest.fixture
def live(tiny):
    release_second(tiny)
    return publish(tiny)


def test_the_published_archive_unchanged_passes(tiny, live):
    assert verify(tiny, "--published", live) == (0, [f"docs/versions: unchanged: 2 version(s) published on {live}"], [])


def test_versions_json_records_the_fingerprint_of_each_text_in_both_languages(tiny, live):
    document = json.loads(open(live, encoding="utf-8").read())
    assert [item["fingerprint"] for item in document["versions"]] == [
        {"nb": fingerprint(tiny.read(f"docs/versions/{n}.md")), "en": fingerprint(tiny.read(f"docs/versions/{n}.en.md"))}
        for n in (1, 2)
    ]


@LANGUAGE_FILES
def test_an_old_version_edited_with_its_fingerprint_differs_from_the_published_one(tiny, live, name, line):
    published = fingerprint(tiny.read(f"docs/versions/{name}"))
    rewrite_with_its_line(tiny, name, *EDITS[name])
    assert check(tiny) == 0
    assert verify(tiny, "--published", live) == (1, [], [
        f"docs/versions/{name}: this archived text differs from the one published on {live} — restore the published "
        f"text from the file's history (git log -p -- docs/versions/{name}); its fingerprint is {published}. To change "
        f"the text, {CORRECTION}",
        f"{SUMS}:{line}: the fingerprint of {name} differs from the one published on {live} — write the line as it is "
        f'published on {live}: "{published}  {name}" (versions.json › fingerprint); only `make release` adds fingerprints',
        f"2 {CLOSING}",
    ])


def test_a_published_version_that_is_gone_is_an_error(tiny, live):
    for name in ("2.md", "2.en.md"):
        (tiny.docs / "versions" / name).unlink()
    write_sums(tiny, sums(tiny)[:2])
    code, out, err = verify(tiny, "--published", live)
    assert err[:2] == [
        f"docs/versions/{name}: version 2 was published on {live}, but this text is missing — restore it from the "
        f"file's history (git log -- docs/versions/{name} shows the commit that removed it); archived versions are "
        "legal records and are never removed"
        for name in ("2.md", "2.en.md")
    ]
    assert (code, err[-1]) == (1, f"4 {CLOSING}")


def test_a_versions_json_without_fingerprints_checks_that_each_version_exists(tiny, live):
    document = json.loads(open(live, encoding="utf-8").read())
    for item in document["versions"]:
        del item["fingerprint"]
    open(live, "w", encoding="utf-8").write(json.dumps(document))
    note = (f"{live}: some versions have no fingerprint (published by an older build): for them, only that their "
            "texts still exist was checked")
    assert verify(tiny, "--published", live) == (0, [note, f"docs/versions: unchanged: 2 version(s) published on {live}"], [])


@pytest.mark.parametrize(("content", "what"), [
    ("<html>Not found</html>", "this is not a versions.json (not JSON: JSONDecodeError)"),
    ('{"versions": [{"version": "1"}]}', 'this is not a versions.json (no list of "versions" with their numbers)'),
    ("[" * 200_000 + "]" * 200_000, "this is not a versions.json (its values are nested too deeply)"),
    ('{"versions": [{"version": 1, "fingerprint": {"nb": "x"}}]}',
     'version 1: "fingerprint" is not a SHA-256 per language (nb, en)'),
    ('{"versions": [{"version": 1, "fingerprint": {"../../x": "' + "a" * 64 + '"}}]}',
     'version 1: "fingerprint" is not a SHA-256 per language (nb, en)'),
])
def test_a_file_that_is_not_a_versions_json_is_one_line(tiny, content, what):
    path = tiny.root.parent / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = verify(tiny, "--published", str(path))
    assert (code, err) == (1, [f"{path}: {what} — " + (
        "give the live site's own /versions.json" if "fingerprint" in what
        else "give the address of the live site's /versions.json, or a copy of it"), f"1 {CLOSING}"])


def test_a_missing_file_is_one_line(tiny):
    assert verify(tiny, "--published", "gone.json") == (1, [], [
        "gone.json: cannot read it (No such file or directory) — give a saved copy of versions.json, or the live "
        "site's address (https://…/versions.json)",
        f"1 {CLOSING}",
    ])


def test_a_network_failure_is_one_line(tiny):
    code, out, err = verify(tiny, "--published", "http://127.0.0.1:9/versions.json")
    assert (code, len(err)) == (1, 2)
    assert err[0].startswith("http://127.0.0.1:9/versions.json: cannot fetch it (")
    assert err[0].endswith(") — check the address and the network, and try again")


@pytest.fixture
def server(tiny, live):
    """The live site's folder served over HTTP on a free local port."""
    folder = os.path.dirname(live)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_the_live_site_is_fetched_over_http(tiny, live, server):
    url = server + os.path.basename(live)
    assert verify(tiny, "--published", url) == (0, [f"docs/versions: unchanged: 2 version(s) published on {url}"], [])
    code, out, err = verify(tiny, "--published", server + "missing.json")
    assert (code, err[0]) == (1, f"{server}missing.json: the site answered 404 File not found — check the address: the "
                                 "live site's versions.json is at its root")


def test_a_site_that_has_published_nothing_yet_passes_only_when_told_so(tiny, live, server):
    url = server + "nothing-yet/versions.json"
    assert verify(tiny, "--published", url)[0] == 1
    assert verify(tiny, "--published", url, "--unpublished-ok") == (0, [
        f"{url}: nothing is published there yet (404): nothing to compare",
        f"docs/versions: unchanged: 0 version(s) published on {url}"], [])
    assert verify(tiny, "--published", "http://127.0.0.1:9/versions.json", "--unpublished-ok")[0] == 1  # other failures still fail


# --- in the editor's language ----------------------------------------------------------------------------------------

def test_verify_speaks_norwegian_by_default_with_the_same_prefixes(repo, monkeypatch):
    rewrite_with_its_line(repo, "1.md", *EDITS["1.md"])
    old = git(repo, "show", f"main:{SUMS}").splitlines()[0]
    english = verify(repo, "--base", "main")
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert verify(repo, "--base", "main") == (1, [], [
        "docs/versions/1.md: denne arkiverte teksten er ikke lik den i main — hent den tilbake (git checkout main -- "
        "docs/versions/1.md); arkiverte versjoner er juridiske dokumenter; for å endre teksten: publiser heller en "
        "rettelse som en ny versjon: rediger docs/index.md og kjør `make release` (README › Ny versjon)",
        f"{SUMS}:1: fingeravtrykket for 1.md er et annet enn det som står i main — skriv linjen slik den står i main: "
        f"«{old}» (git show main:./{SUMS}); bare `make release` legger til fingeravtrykk",
        "2 problem(er). Arkiverte versjoner er juridiske dokumenter: hent dem tilbake slik meldingene sier.",
    ])
    assert english[0] == 1 and [line.split(": ")[0] for line in english[2][:2]] == ["docs/versions/1.md", f"{SUMS}:1"]
    assert english[2][2] == f"2 {CLOSING}"


def test_verify_passing_and_its_usage_error_speak_norwegian(tiny, live, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert verify(tiny, "--published", live) == (0, [f"docs/versions: uendret: 2 versjon(er) publisert på {live}"], [])
    assert verify(tiny) == (2, [], ["verify-archive: oppgi --base REF, --published FILE_OR_URL eller begge"])
    missing = str(tiny.root / "borte.json")
    code, out, err = verify(tiny, "--published", missing)
    assert (code, err) == (1, [f"{missing}: kan ikke lese den (No such file or directory) — oppgi en lagret kopi av "
                                "versions.json, eller adressen til det publiserte nettstedet (https://…/versions.json)",
                                "1 problem(er). Arkiverte versjoner er juridiske dokumenter: hent dem tilbake slik "
                                "meldingene sier."])


def test_a_published_file_larger_than_a_versions_json_is_one_line_and_read_no_further(tiny):
    code, out, err = verify(tiny, "--published", "/dev/zero")
    assert (code, err) == (1, ["/dev/zero: this is not a versions.json (it is larger than 5000000 bytes) — give the "
                               "address of the live site's /versions.json, or a copy of it", f"1 {CLOSING}"])
