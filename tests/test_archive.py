"""The archive as a legal record, without git: what may live in docs/versions/, and what SHA256SUMS says about each
archived text. No message may offer the fingerprint of a text that differs from what `make release` wrote."""
import datetime as dt
import os
import re

import pytest
from conftest import SUMS, TODAY, archive_problems, sums, write_sums
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personvern import archive, versions
from personvern.versions import fingerprint

LANGUAGE_FILES = pytest.mark.parametrize("name", ["1.md", "1.en.md"])
LINE = {"1.md": 1, "1.en.md": 2, "2.md": 3, "2.en.md": 4}
CORRECTION = ("publish a correction as a new version instead: edit docs/index.md and run `make release` "
              "(README › Ny versjon)")
HOLDS = ("docs/versions/ holds only archived versions (N.md, N.en.md), the version history (index.md, index.en.md) "
         "and SHA256SUMS")
RESTORE_SUMS = ("restore the line from the file's history (git checkout -- docs/versions/SHA256SUMS); "
                "only `make release` writes fingerprints, never an editor")




def release_second(tiny) -> None:
    tiny.edit("docs/index.md", "lager vi lamper", "lager vi lykter")
    tiny.edit("docs/index.en.md", "we make lamps", "we make lanterns")
    tiny.release("2027-01-01", "Endret ordlyd.", "Changed wording.")


def no_fingerprint_of_any_file_on_disk(tiny, messages: list[str]) -> None:
    """No message may hand out a fingerprint an editor could copy into SHA256SUMS to bless what is on disk."""
    for path in (tiny.docs / "versions").iterdir():
        if path.is_file():
            digest = fingerprint(path.read_text(encoding="utf-8", errors="replace"))
            assert not any(digest in message for message in messages), (path, messages)


def changed(name: str) -> str:
    shown = f"docs/versions/{name}"
    return (f"{shown}: this archived text does not match its fingerprint ({SUMS}:{LINE[name]}): the text or that line "
            f"was changed after it was published — restore the text (git checkout -- {shown}); if the text is as "
            f"published, restore the line instead (git checkout -- {SUMS}). `personvern verify-archive --base main` "
            f"tells which one changed. Archived versions are legal records; to change the text, {CORRECTION}")


# --- a text and its fingerprint disagree ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "old", "new"), [
    ("1.md", "Nettsiden drives av", "Siden drives av"),
    ("1.en.md", "The site is run by", "This site is run by"),
    ("1.md", "summary: Første versjon.", "summary: Den første versjonen."),
])
def test_an_edited_text_names_the_text_and_its_line_and_how_to_restore_each(tiny, name, old, new):
    tiny.edit(f"docs/versions/{name}", old, new)
    messages = archive_problems(tiny)
    assert messages == [changed(name)]
    no_fingerprint_of_any_file_on_disk(tiny, messages)


@LANGUAGE_FILES
def test_a_truncated_text_is_reported_as_changed_not_parsed(tiny, name):
    path = tiny.docs / "versions" / name
    path.write_bytes(path.read_bytes()[:40])  # the front matter is cut off: no "add ---" advice for a legal record
    assert archive_problems(tiny) == [changed(name)]


@LANGUAGE_FILES
def test_a_text_that_is_no_longer_utf8_is_reported_as_changed(tiny, name):
    path = tiny.docs / "versions" / name
    data = path.read_bytes()
    path.write_bytes(data[:-1] + b"\xe6" + data[-1:])  # as a Latin-1 editor would save "æ"
    assert archive_problems(tiny) == [changed(name)]


@LANGUAGE_FILES
@pytest.mark.parametrize("digits", [1, 2, 8])
def test_a_mistyped_fingerprint_blames_the_line_not_the_text(tiny, name, digits):
    lines = sums(tiny)
    index = LINE[name] - 1
    recorded = lines[index][:64]
    typo = "".join("0" if i < digits and c != "0" else "1" if i < digits else c for i, c in enumerate(recorded))
    lines[index] = typo + lines[index][64:]
    write_sums(tiny, lines)
    where = ", ".join(f'digit {i + 1} reads "{typo[i]}" where the text has "{recorded[i]}"' for i in range(digits))
    assert archive_problems(tiny) == [
        f"{SUMS}:{LINE[name]}: the fingerprint of {name} was changed: {digits} of its 64 digits differ from the text's "
        "(a changed text would change nearly all of them) — restore the line from the file's history "
        f"(git checkout -- {SUMS}), or correct it: {where}"
    ]
    tiny.write(SUMS, tiny.read(SUMS).replace(typo, recorded))  # doing what the message says fixes it
    assert archive_problems(tiny) == []


def test_fingerprints_swapped_between_lines_blame_the_lines(tiny):
    first, second = sums(tiny)
    write_sums(tiny, [second[:64] + first[64:], first[:64] + second[64:]])
    assert archive_problems(tiny) == [
        f"{SUMS}:1: the fingerprint on this line is that of 1.en.md, not of 1.md — {RESTORE_SUMS}",
        f"{SUMS}:2: the fingerprint on this line is that of 1.md, not of 1.en.md — {RESTORE_SUMS}",
    ]


def test_uppercase_fingerprints_are_the_same_fingerprints(tiny):
    write_sums(tiny, [line[:64].upper() + line[64:] for line in sums(tiny)])
    assert archive_problems(tiny) == []


# --- a fingerprint line that is missing or wrong --------------------------------------------------------------------

@LANGUAGE_FILES
def test_a_published_text_without_its_line_asks_to_restore_the_line_not_to_add_one(tiny, name):
    release_second(tiny)
    write_sums(tiny, [line for line in sums(tiny) if not line.endswith(f"  {name}")])
    messages = archive_problems(tiny)
    assert messages == [f"docs/versions/{name}: this archived text has no fingerprint in {SUMS} — {RESTORE_SUMS}"]
    no_fingerprint_of_any_file_on_disk(tiny, messages)


def test_without_a_fingerprint_file_the_newest_version_is_half_written(tiny):
    (tiny.docs / "versions" / "SHA256SUMS").unlink()
    messages = archive_problems(tiny)
    assert messages == [
        f"docs/versions/1.md: version 1 is half-written: no fingerprint in {SUMS} for 1.md, 1.en.md — delete "
        "docs/versions/1.md and docs/versions/1.en.md, then publish the version again with `make release` (README › Ny versjon). "
        f"If version 1 was already published, restore it instead (git checkout -- docs/versions/1.md docs/versions/1.en.md {SUMS})"
    ]
    no_fingerprint_of_any_file_on_disk(tiny, messages)


@pytest.mark.parametrize("line", ["not a fingerprint", "0123abc  1.md", f"{'a' * 64}  01.md", f"{'a' * 64}  notes.md",
                                  f"{'a' * 64}  1.nb.md"])
def test_a_line_that_is_not_a_fingerprint_of_an_archived_text_is_restored(tiny, line):
    write_sums(tiny, sums(tiny) + [line])
    name = line.split()[-1]
    what = ("this line is not a fingerprint" if line.startswith(("not", "0123"))
            else f"this line names {name}, which is not an archived text")
    assert archive_problems(tiny) == [f"{SUMS}:3: {what} — {RESTORE_SUMS}"]


def test_a_second_line_for_the_same_text_is_an_error(tiny):
    write_sums(tiny, sums(tiny) + [sums(tiny)[0]])
    assert archive_problems(tiny) == [f"{SUMS}:3: a second fingerprint for 1.md (the first is on line 1) — {RESTORE_SUMS}"]


# --- deleted texts and half-written versions ------------------------------------------------------------------------

@LANGUAGE_FILES
def test_a_deleted_archived_text_is_an_error(tiny, name):
    (tiny.docs / "versions" / name).unlink()
    assert archive_problems(tiny) == [
        f"docs/versions/{name}: this archived text has been deleted — restore it from the file's history "
        f"(git checkout -- docs/versions/{name}); archived versions are legal records and are never removed"
    ]


def test_a_version_deleted_in_every_language_is_still_missed(tiny):
    for name in ("1.md", "1.en.md"):
        (tiny.docs / "versions" / name).unlink()
    assert archive_problems(tiny) == [
        f"docs/versions/{name}: this archived text has been deleted — restore it from the file's history "
        f"(git checkout -- docs/versions/{name}); archived versions are legal records and are never removed"
        for name in ("1.md", "1.en.md")
    ]


def half_written(number: int, what: str, present: list[str], lines: bool = False) -> str:
    files = " and ".join(f"docs/versions/{name}" for name in present)
    every = f"docs/versions/{number}.md docs/versions/{number}.en.md {SUMS}"
    return (f"docs/versions/{present[0]}: version {number} is half-written: {what} — delete {files}"
            f"{f' and their lines in {SUMS}' if lines else ''}, then publish the version again with `make release` "
            f"(README › Ny versjon). If version {number} was already published, restore it instead (git checkout -- {every})")


@pytest.mark.parametrize(("kept", "missing"), [("2.md", "2.en.md"), ("2.en.md", "2.md")])
def test_an_interrupted_old_release_with_one_language_written_is_half_written(tiny, kept, missing):
    release_second(tiny)
    write_sums(tiny, sums(tiny)[:2])
    (tiny.docs / "versions" / missing).unlink()
    path = tiny.docs / "versions" / kept
    path.write_bytes(path.read_bytes()[:100])  # killed while writing
    language = "nb" if missing == "2.md" else "en"
    messages = archive_problems(tiny)
    assert messages == [half_written(2, f"no fingerprint in {SUMS} for 2.md, 2.en.md; no text in {language}", [kept])]
    no_fingerprint_of_any_file_on_disk(tiny, messages)


def test_a_newest_version_with_one_fingerprint_line_is_half_written(tiny):
    release_second(tiny)
    write_sums(tiny, sums(tiny)[:3])
    assert archive_problems(tiny) == [half_written(2, f"no fingerprint in {SUMS} for 2.en.md", ["2.md", "2.en.md"], lines=True)]


def test_a_hand_made_version_is_half_written_and_never_offered_a_fingerprint(tiny):
    for language, suffix in (("nb", ""), ("en", ".en")):
        text = tiny.read(f"docs/versions/1{suffix}.md").replace("version: 1", "version: 2").replace("2026-11-25", "2027-01-01")
        tiny.write(f"docs/versions/2{suffix}.md", text)
    messages = archive_problems(tiny)
    assert messages == [half_written(2, f"no fingerprint in {SUMS} for 2.md, 2.en.md", ["2.md", "2.en.md"])]
    no_fingerprint_of_any_file_on_disk(tiny, messages)


def test_an_older_version_without_a_language_or_its_line_asks_for_both_back(tiny):
    release_second(tiny)
    (tiny.docs / "versions" / "1.en.md").unlink()
    write_sums(tiny, [line for line in sums(tiny) if not line.endswith("  1.en.md")])
    assert archive_problems(tiny) == [
        "docs/versions/1.en.md: version 1 has no text in this language, and no fingerprint for one — restore the file "
        f"and its line in {SUMS} from their history (git checkout -- docs/versions/1.en.md {SUMS}); archived versions "
        "are legal records"
    ]


# --- only recognised files live in docs/versions/ -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("01.md", "a version number is written without leading zeros — delete 01.md: archived versions are written by "
              f"`make release` as 1.md, 2.md … ({CORRECTION})"),
    ("0.md", "a version number is written without leading zeros — delete 0.md: archived versions are written by "
             f"`make release` as 1.md, 2.md … ({CORRECTION})"),
    ("1.nb.md", "the nb text has no language suffix: it is 1.md, not 1.nb.md — delete 1.nb.md; the nb text belongs in 1.md"),
    ("index.nb.md", "the nb text has no language suffix: it is index.md, not index.nb.md — delete index.nb.md; "
                    "the nb text belongs in index.md"),
    ("1.de.md", f'"de" is not one of the site\'s languages (nb, en) — delete it; {HOLDS}'),
    ("notes.md", "this file is not an archived version, the version history or SHA256SUMS, and would be published "
                 f"unchecked — move it out of docs/versions/, or delete it; {HOLDS}"),
    ("1.md.orig", "this file is not an archived version, the version history or SHA256SUMS, and would be published "
                  f"unchecked — move it out of docs/versions/, or delete it; {HOLDS}"),
    (".release-2.md.tmp", "a temporary file left by an interrupted release — delete it, then check again and run the "
                          "release again if its version is incomplete"),
])
def test_a_file_that_is_not_recognised_is_an_error(tiny, name, expected):
    tiny.write(f"docs/versions/{name}", tiny.read("docs/versions/1.md").replace("Nettsiden drives", "<script>x()</script>"))
    assert archive_problems(tiny) == [f"docs/versions/{name}: {expected}"]


def test_a_folder_in_the_archive_is_an_error(tiny):
    tiny.write("docs/versions/old/1.md", tiny.read("docs/versions/1.md"))
    assert archive_problems(tiny) == [f"docs/versions/old: a folder is not allowed in the archive — move it out of docs/versions/; {HOLDS}"]


@pytest.mark.parametrize("name", ["1.md", "3.md", "SHA256SUMS", "index.md"])
def test_a_symlink_in_the_archive_is_an_error(tiny, name):
    folder = tiny.docs / "versions"
    target = tiny.root / "elsewhere.md"
    target.write_bytes((folder / name).read_bytes() if (folder / name).exists() else b"x")
    if (folder / name).exists():
        (folder / name).unlink()
    os.symlink(target, folder / name)
    problems = archive_problems(tiny)
    link = (f"docs/versions/{name}: a symbolic link is not allowed in the archive — delete the link, and if it stood "
            f"for an archived text, restore the file (git checkout -- docs/versions/{name}); {HOLDS}")
    assert problems[0] == link
    if name == "1.md":  # the text it stood for counts as deleted
        assert problems[1:] == ["docs/versions/1.md: this archived text has been deleted — restore it from the file's "
                                "history (git checkout -- docs/versions/1.md); archived versions are legal records and are never removed"]


def test_a_symlink_loop_in_the_archive_is_an_error_not_a_crash(tiny):
    folder = tiny.docs / "versions"
    os.symlink(folder / "loop.md", folder / "loop.md")
    assert archive_problems(tiny) == [
        "docs/versions/loop.md: a symbolic link is not allowed in the archive — delete the link, and if it stood for an "
        f"archived text, restore the file (git checkout -- docs/versions/loop.md); {HOLDS}"
    ]


@pytest.mark.parametrize("name", ["01.md", "1.nb.md", "notes.md"])
def test_an_unrecognised_file_stops_the_build_before_anything_is_written(tiny, name):
    tiny.write(f"docs/versions/{name}", tiny.read("docs/versions/1.md").replace("Nettsiden drives", "<script>x()</script>"))
    result = tiny.build()
    assert not result.ok
    assert any(line.startswith(f"docs/versions/{name}: ") for line in result.messages), result.messages
    assert "Traceback" not in "\n".join(result.messages)
    assert not tiny.site.exists()


# --- a correction on the same day, as the site shows it ------------------------------------------------------------

@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 1, 1)])
def test_a_same_day_correction_replaces_the_version_it_corrects_on_the_site(tiny, today):
    release_second(tiny)
    tiny.edit("docs/index.md", "Rett til sletting", "Rett til å få opplysninger slettet")
    tiny.edit("docs/index.en.md", "Right to erasure", "Right to have information erased")
    tiny.release("2027-01-01", "Rettet versjon 2.", "Corrected version 2.")
    tiny.today = today
    result = tiny.build()
    assert result.ok, result.messages
    assert ("Versjon 2 skulle gjelde fra 1. januar 2027, men ble erstattet samme dag av rettelsen i versjon 3."
            in result.html("versions/2/index.html"))
    assert ("Version 2 was to take effect on 1 January 2027, but the correction in version 3 replaced it the same day."
            in result.html("en/versions/2/index.html"))
    nb, en = result.html("versions/index.html"), result.html("en/versions/index.html")
    for html, word in ((nb, "Rettet"), (en, "Corrected")):
        entries = re.findall(r'<li class="pv-entry pv-entry--(\w+)">.*?href="(\d)/".*?<span class="pv-status">([^<]+)</span>', html, re.S)
        assert [(status, number) for status, number, _ in entries if status == "corrected"] == [("corrected", "2")]
        assert word in [label for status, _, label in entries if status == "corrected"]
    current_nb, current_en = result.html("index.html"), result.html("en/index.html")
    if today == TODAY:  # only the correction is announced
        assert "versjon 3" in current_nb and "versjon 2)" not in current_nb
        assert "version 3" in current_en and "version 2)" not in current_en
    else:  # the correction is in force
        assert "Rett til å få opplysninger slettet" in current_nb and "Right to have information erased" in current_en


# --- any folder an editor can make: problems, never a crash --------------------------------------------------------

_NAMES = st.one_of(
    st.sampled_from(["1.md", "1.en.md", "2.md", "2.en.md", "01.md", "1.nb.md", "1.de.md", "index.md", "index.en.md",
                     "notes.md", ".release-2.md.x.tmp", "1.md~", "SHA256SUMS"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(_NAMES, st.binary(max_size=300), max_size=6), sums=st.binary(max_size=600))
def test_any_archive_folder_gives_one_line_problems_and_publishes_no_stranger(tmp_path_factory, files, sums):
    root = tmp_path_factory.mktemp("archive")
    folder = root / "docs" / "versions"
    folder.mkdir(parents=True)
    for name, data in files.items():
        if name not in (".", "..") and len(name.encode("utf-8", "surrogateescape")) < 200:
            (folder / name).write_bytes(data)
    if "SHA256SUMS" not in files:
        (folder / "SHA256SUMS").write_bytes(sums)
    problems = []
    versions.load(folder, root, problems)
    for problem in problems:
        assert "\n" not in str(problem) and " — " in str(problem), str(problem)
    allowed = {"SHA256SUMS", "index.md", "index.en.md"}
    for path in folder.iterdir():
        if archive.text_name(path.name) is None and path.name not in allowed:
            shown = path.name if path.name.isprintable() else ascii(path.name)[1:-1]
            assert any(problem.path == f"docs/versions/{shown}" for problem in problems), (path.name, problems)


def test_a_file_name_with_a_line_break_is_shown_on_one_line(tiny):
    tiny.write("docs/versions/1.md\nx", "text")
    assert archive_problems(tiny) == [
        "docs/versions/1.md\\nx: this file is not an archived version, the version history or SHA256SUMS, and would be "
        f"published unchecked — move it out of docs/versions/, or delete it; {HOLDS}"
    ]


# --- in the editor's language ----------------------------------------------------------------------------------------

def test_an_edited_text_is_reported_in_norwegian_by_default_with_the_same_prefix(tiny, monkeypatch):
    tiny.edit("docs/versions/1.md", "Nettsiden drives av", "Siden drives av")
    english = archive_problems(tiny)
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert archive_problems(tiny) == [
        f"docs/versions/1.md: denne arkiverte teksten stemmer ikke med fingeravtrykket sitt ({SUMS}:1): teksten eller den "
        "linjen er endret etter at den ble publisert — hent tilbake teksten (git checkout -- docs/versions/1.md); er teksten "
        f"slik den ble publisert, hent heller tilbake linjen (git checkout -- {SUMS}). `personvern verify-archive --base main` "
        "viser hvilken av dem som er endret. Arkiverte versjoner er juridiske dokumenter; for å endre teksten: publiser "
        "heller en rettelse som en ny versjon: rediger docs/index.md og kjør `make release` (README › Ny versjon)"]
    assert english == [changed("1.md")]


def test_a_half_written_version_and_a_stranger_are_reported_in_norwegian(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    (tiny.docs / "versions" / "SHA256SUMS").unlink()
    tiny.write("docs/versions/notater.txt", "hei")
    assert archive_problems(tiny) == [
        "docs/versions/notater.txt: denne filen er verken en arkivert versjon, versjonshistorikken eller SHA256SUMS, og "
        "ville blitt publisert uten kontroll — flytt den ut av docs/versions/, eller slett den; docs/versions/ skal bare "
        "inneholde arkiverte versjoner (N.md, N.en.md), versjonshistorikken (index.md, index.en.md) og SHA256SUMS",
        f"docs/versions/1.md: versjon 1 er ufullstendig: ingen fingeravtrykk i {SUMS} for 1.md, 1.en.md — slett "
        "docs/versions/1.md og docs/versions/1.en.md, og publiser så versjonen på nytt med `make release` (README › Ny "
        "versjon). Var versjon 1 allerede publisert, hent den heller tilbake (git checkout -- docs/versions/1.md "
        f"docs/versions/1.en.md {SUMS})",
    ]


def test_a_mistyped_fingerprint_is_reported_in_norwegian(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    first, second = sums(tiny)
    typo = ("0" if first[0] != "0" else "1") + first[1:]
    write_sums(tiny, [typo, second])
    assert archive_problems(tiny) == [
        f"{SUMS}:1: fingeravtrykket for 1.md er endret: 1 av de 64 tegnene skiller seg fra tekstens (en endret tekst "
        f"ville endret nesten alle) — hent tilbake linjen fra filens historikk (git checkout -- {SUMS}), eller rett den: "
        f"tegn nr. 1 er «{typo[0]}», men tekstens fingeravtrykk har «{first[0]}»"]
