"""The `personvern` command's own lines, in the editor's language: a usage error, an interrupted run, and an argument
that is not text. Norwegian is the default; the tests run in English (tests/conftest.py) unless they set "nb"."""
import pytest

from personvern import cli

RELEASE = ["release", "--effective", "2027-01-01", "--summary-nb", "Endret.", "--summary-en", "Changed."]


@pytest.fixture(params=["nb", "en"])
def language(request, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", request.param)
    return request.param


def test_an_interrupted_command_says_so_in_one_line(language, monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    from personvern import check
    monkeypatch.setattr(check, "run", interrupted)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == {"nb": "Avbrutt.\n", "en": "Interrupted.\n"}[language]


def test_an_argument_that_is_not_text_is_one_line_with_what_to_do(language, capsys):
    arguments = list(RELEASE)
    arguments[4] = "Endret \udcff."  # what the system hands over for the byte 0xff
    assert cli.main(arguments) == 2
    assert capsys.readouterr().err == {
        "nb": "--summary-nb: verdien er ikke gyldig UTF-8-tekst (byte 0xff) — skriv den på nytt i en terminal som bruker UTF-8\n",
        "en": "--summary-nb: the value is not valid UTF-8 text (byte 0xff) — type it again in a terminal that uses UTF-8\n",
    }[language]


@pytest.mark.parametrize("date", ["1.1.2027", "20270101", "2027-W01-1", "2027-02-30"])
def test_a_date_that_is_not_a_date_is_a_usage_error_in_the_editors_language(language, capsys, date):
    arguments = list(RELEASE)
    arguments[2] = date
    with pytest.raises(SystemExit) as exited:
        cli.main(arguments)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: personvern release ")
    assert err.splitlines()[-1] == {
        "nb": f"personvern release: feil: argument --effective: '{date}' er ikke en dato; skriv ÅÅÅÅ-MM-DD",
        "en": f"personvern release: error: argument --effective: '{date}' is not a date; write YYYY-MM-DD",
    }[language]
