"""Status reports without YAML: the shared writer, the "Meld status" form and its command.

Everything runs on a temporary copy of the example data (tests/fixtures/eksempel), never on
data/. Bodies are written exactly as GitHub renders a submitted issue form.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib.util
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from commandline import folder_hash, run_main
from conftest import BUILD_DATE, EXAMPLE_DATA, ROOT
from macros.errors import DataErrors
from macros.formlink import FORM_FILE, report_url
from macros.issueform import (FormField, Outcome, code_block, code_span, form_fields, meld_status,
                              parse_body)
from macros.load import load_plan
from macros.logwriter import (LogReport, append_entries, entry_text, fits_literal_block,
                              flow_entry, new_texts, write_reports, yaml_string)
from macros.reports import report_link, report_text

TODAY = dt.date.fromisoformat(BUILD_DATE)
AREA = "omrader/1-mangfold.yaml"

# What GitHub puts in the issue body for a form with 1.1.3 prefilled, "Pågår" chosen, the date
# and the link left empty, and two lines of text.
BODY = """### Tiltak

1.1.3

### Status

Pågår

### Dato

_No response_

### Hva er gjort

Første møte: «kulturskoleløftet» er drøftet.
Neste møte er i mars.

### Lenke (valgfri)

_No response_"""


@pytest.fixture
def data(tmp_path) -> Path:
    """A throwaway copy of the example data."""
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)
    monkeypatch.delenv("PLAN_REPO_URL", raising=False)


def body(**values: str) -> str:
    """A form body like BODY, with some fields replaced (by field id; "" = _No response_)."""
    fields = {"tiltak": "1.1.3", "status": "Pågår", "dato": "", "tekst": "Møtet er holdt.",
              "lenke": ""} | values
    return "\n\n".join(f"### {f.label}\n\n{fields[f.id] or '_No response_'}"
                       for f in form_fields())


def form_variant(tmp_path: Path, change) -> Path:
    """A copy of the form file with `change` applied to its parsed YAML."""
    form = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    change(form)
    path = tmp_path / "meld-status.yml"
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def refused(*problems: str) -> str:
    """The whole reply to a refused report with these problems."""
    return ("**Statusmeldingen ble ikke lagt inn.** Rett dette ved å redigere saken, så prøves "
            "den på nytt:\n\n" + "".join(f"- {p}\n" for p in problems)
            + "\nIngenting er endret.\n")


def only_inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any old line changed or went away."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert {op[0] for op in opcodes} <= {"insert"}, opcodes
    return [line for op in opcodes for line in new_lines[op[3]:op[4]]]


def entries(folder: Path, measure_id: str) -> list[tuple]:
    """The measure's log entries as (date, status id, text, link), in file order."""
    measure = load_plan(folder, TODAY).measures_by_id[measure_id]
    return sorted(((e.date, e.status.id, e.text, e.link) for e in measure.log),
                  key=lambda e: e[0])


# The form ----------------------------------------------------------------------------------

def test_form_fields_are_the_ones_the_issue_names():
    fields = form_fields()
    assert [(f.id, f.kind) for f in fields] == [
        ("tiltak", "input"), ("status", "dropdown"), ("dato", "input"), ("tekst", "textarea"),
        ("lenke", "input")]
    form = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    required = {e["id"]: e.get("validations", {}).get("required", False)
                for e in form["body"] if "id" in e}
    assert required == {"tiltak": True, "status": True, "dato": False, "tekst": True,
                        "lenke": False}
    assert form["labels"] == ["statusmelding"]


def test_status_options_are_exactly_the_status_names_of_the_plan_in_order():
    options = next(f.options for f in form_fields() if f.id == "status")
    assert list(options) == [s.name for s in load_plan(ROOT / "data").statuses]
    assert list(options) == ["Ikke startet", "Pågår", "Løpende", "Fullført", "Utsatt",
                             "Ikke videreført"]


def test_report_url_prefills_the_tiltak_and_the_title():
    assert report_url("https://github.com/eier/repo/", "1.1.1") == (
        "https://github.com/eier/repo/issues/new?template=meld-status.yml&tiltak=1.1.1"
        "&title=Status%20for%20tiltak%201.1.1")
    assert report_url(None, "1.1.1") is None and report_url("", "1.1.1") is None
    # Only the slash at the end is taken off the address, no other character.
    assert report_url("https://git.example.org/eier/plan-X/", "1.1.1") == (
        "https://git.example.org/eier/plan-X/issues/new?template=meld-status.yml&tiltak=1.1.1"
        "&title=Status%20for%20tiltak%201.1.1")


def test_the_form_is_read_as_utf8_whatever_the_locale(windows_locale):
    assert form_fields() == [
        FormField("tiltak", "Tiltak", "input"),
        FormField("status", "Status", "dropdown", ("Ikke startet", "Pågår", "Løpende", "Fullført",
                                                   "Utsatt", "Ikke videreført")),
        FormField("dato", "Dato", "input"), FormField("tekst", "Hva er gjort", "textarea"),
        FormField("lenke", "Lenke (valgfri)", "input")]


def test_a_markdown_element_with_an_id_is_not_a_field(tmp_path):
    form = form_variant(tmp_path, lambda f: f["body"].insert(0, {
        "type": "markdown", "id": "forklaring", "attributes": {"value": "Fyll ut alt."}}))
    assert form_fields(form) == form_fields()


def test_a_form_without_fields_is_answered_with_the_field_ids(tmp_path, data):
    form = tmp_path / "tomt.yml"
    form.write_text("name: Meld status\ndescription: Uten felter\n", encoding="utf-8")
    assert form_fields(form) == []
    assert meld_status(BODY, data, TODAY, form) == Outcome(False, refused(
        "Fant ingen av feltene «tiltak», «status», «dato», «tekst», «lenke». Bruk skjemaet "
        "«Meld status», og la overskriftene stå."))


def test_a_problem_in_a_field_the_form_lacks_is_named_by_its_id(tmp_path, data):
    form = form_variant(tmp_path, lambda f: f.update(
        body=[e for e in f["body"] if e.get("id") != "tekst"]))
    before = folder_hash(data)
    outcome = meld_status("### Tiltak\n\n1.1.3\n\n### Status\n\nPågår", data, TODAY, form)
    assert outcome == Outcome(False, refused(
        "**tekst**: mangler: skriv kort hva som er gjort eller bestemt"))
    assert folder_hash(data) == before


# Parsing -----------------------------------------------------------------------------------

def test_parses_a_real_body_with_no_response_fields():
    assert parse_body(BODY, form_fields()) == {
        "tiltak": "1.1.3", "status": "Pågår", "dato": None,
        "tekst": "Første møte: «kulturskoleløftet» er drøftet.\nNeste møte er i mars.",
        "lenke": None}


def test_an_empty_section_is_read_as_no_value():
    assert parse_body("### Tiltak\n### Status\n\nPågår\n\n### Lenke (valgfri)\n",
                      form_fields()) == {
        "tiltak": None, "status": "Pågår", "dato": None, "tekst": None, "lenke": None}


def test_windows_line_endings_read_the_same():
    assert parse_body(BODY.replace("\n", "\r\n"), form_fields()) == parse_body(BODY, form_fields())


def test_a_heading_typed_in_the_text_stays_in_the_text():
    text = "Referat:\n### Status\nAlt er i rute.\n### Lenke (valgfri)\nkommer"
    values = parse_body(body(tekst=text, lenke="https://example.org/r"), form_fields())
    assert values["tekst"] == text
    assert (values["status"], values["lenke"]) == ("Pågår", "https://example.org/r")


def test_a_label_renamed_in_the_form_is_followed(tmp_path, data):
    form = tmp_path / "meld-status.yml"
    form.write_text(FORM_FILE.read_text(encoding="utf-8").replace(
        "label: Hva er gjort", "label: Hva har skjedd?"), encoding="utf-8")
    renamed = BODY.replace("### Hva er gjort", "### Hva har skjedd?")
    assert parse_body(renamed, form_fields(form))["tekst"].startswith("Første møte")
    assert parse_body(renamed, form_fields())["tekst"] is None  # the old label is gone
    outcome = meld_status(renamed, data, TODAY, form)
    assert outcome.accepted, outcome.reply
    assert entries(data, "1.1.3")[-1][2] == ("Første møte: «kulturskoleløftet» er drøftet.\n"
                                             "Neste møte er i mars.")
    # The command reads the form given with --form.
    code, reply, err = run_main(["meld-status", "--data", str(data), "--form", str(form)],
                                renamed.replace("1.1.3", "1.1.4"))
    assert (code, err) == (0, ""), reply
    assert entries(data, "1.1.4")[-1][2] == ("Første møte: «kulturskoleløftet» er drøftet.\n"
                                             "Neste møte er i mars.")


# Accepted reports --------------------------------------------------------------------------

def test_a_report_only_adds_lines_and_keeps_every_old_byte(data):
    path = data / AREA
    before = path.read_bytes()
    code, reply, _ = run_main(["meld-status", "--data", str(data)], BODY)
    assert code == 0, reply
    after = path.read_bytes()
    added = only_inserted(before.decode(), after.decode())
    assert added == ['        logg:\n', '          - dato: 2026-11-01\n',
                     '            status: pagar\n', '            tekst: |-\n',
                     '              Første møte: «kulturskoleløftet» er drøftet.\n',
                     '              Neste møte er i mars.\n']
    # Byte level: the old file is the new file with whole lines taken out.
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    remaining = iter(new_lines)
    assert all(any(line == candidate for candidate in remaining) for line in old_lines)
    assert len(new_lines) == len(old_lines) + len(added)
    assert after.startswith(before.split(b'      - id: "1.1.4"')[0].rstrip(b"\n")[:200])
    assert reply == (
        "**Takk! Statusmeldingen for tiltak 1.1.3 er lagt inn.**\n\n"
        "> Vurdere å søke eksterne midler til finansiering.\n\n"
        "- Status: **Pågår** (før: Ikke rapportert)\n- Dato: 1. november 2026\n\n"
        "Endringen blir en pull request som en kollega går gjennom. Statusen vises på "
        "nettstedet når den er godkjent, og da lukkes denne saken. Vil du rette noe før det, "
        "rediger saken, så lages endringen på nytt.\n")


def test_only_the_area_file_of_the_tiltak_changes(data):
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    assert meld_status(body(tiltak="4.1.1"), data, TODAY).accepted
    changed = [p.relative_to(data).as_posix() for p in before if p.read_bytes() != before[p]]
    assert changed == ["omrader/4-fremtidens-kulturskole.yaml"]


def test_a_second_report_appends_a_second_entry(data):
    logs_before = (data / AREA).read_text(encoding="utf-8").count("        logg:\n")
    first = meld_status(body(dato="2026-10-01", status="Pågår", tekst="Startet."), data, TODAY)
    second = meld_status(body(status="fullført", tekst="Ferdig.",
                              lenke="https://example.org/sluttrapport"), data, TODAY)
    assert first.accepted and second.accepted, (first.reply, second.reply)
    assert entries(data, "1.1.3") == [
        (dt.date(2026, 10, 1), "pagar", "Startet.", None),
        (dt.date(2026, 11, 1), "fullfort", "Ferdig.", "https://example.org/sluttrapport")]
    text = (data / AREA).read_text(encoding="utf-8")
    assert text.count("        logg:\n") == logs_before + 1  # one new logg, not two
    assert "- Status: **Fullført** (før: Pågår)" in second.reply
    assert "- Lenke: `https://example.org/sluttrapport`" in second.reply
    assert second.commit_message == ("Status for tiltak 1.1.3: Fullført\n\nMeldt med skjemaet "
                                     "«Meld status», datert 2026-11-01.\n")


def test_an_older_date_is_added_and_the_reply_says_the_newer_status_still_shows(data):
    outcome = meld_status(body(tiltak="1.1.1", status="Utsatt", dato="2026-01-05"), data, TODAY)
    assert outcome.accepted
    assert outcome.reply.splitlines()[7] == ("Merk: Tiltaket har en nyere melding fra "
                                             "15. september 2026, så statusen som vises, er "
                                             "fortsatt Pågår.")
    plan = load_plan(data, TODAY)
    assert plan.status_of(plan.measures_by_id["1.1.1"]).id == "pagar"
    assert outcome.reply == (
        "**Takk! Statusmeldingen for tiltak 1.1.1 er lagt inn.**\n\n"
        "> Etablere et samarbeid med en relevant tilbyder av sertifisering i "
        "mangfoldsledelse.\n\n"
        "- Status: **Utsatt** (før: Pågår)\n- Dato: 5. januar 2026\n\n"
        "Merk: Tiltaket har en nyere melding fra 15. september 2026, så statusen som vises, er "
        "fortsatt Pågår.\n\n"
        "Endringen blir en pull request som en kollega går gjennom. Statusen vises på "
        "nettstedet når den er godkjent, og da lukkes denne saken. Vil du rette noe før det, "
        "rediger saken, så lages endringen på nytt.\n")


def test_a_report_dated_the_same_day_as_the_newest_gets_no_note(data):
    outcome = meld_status(body(tiltak="1.1.1", status="Utsatt", dato="2026-09-15"), data, TODAY)
    assert outcome.reply == (
        "**Takk! Statusmeldingen for tiltak 1.1.1 er lagt inn.**\n\n"
        "> Etablere et samarbeid med en relevant tilbyder av sertifisering i "
        "mangfoldsledelse.\n\n"
        "- Status: **Utsatt** (før: Pågår)\n- Dato: 15. september 2026\n\n"
        "Endringen blir en pull request som en kollega går gjennom. Statusen vises på "
        "nettstedet når den er godkjent, og da lukkes denne saken. Vil du rette noe før det, "
        "rediger saken, så lages endringen på nytt.\n")


def test_a_report_dated_today_is_accepted(data):
    outcome = meld_status(body(dato=BUILD_DATE), data, TODAY)
    assert outcome.report == LogReport("1.1.3", TODAY, "pagar", "Møtet er holdt.", None)
    assert entries(data, "1.1.3") == [(TODAY, "pagar", "Møtet er holdt.", None)]


def test_the_day_given_is_today_for_reading_checking_and_writing_the_data(data):
    later = dt.date(2026, 12, 1)  # a month after PLAN_BUILD_DATE
    write_reports([LogReport("1.1.3", dt.date(2026, 11, 15), "pagar", "Startet.")], data, later)
    outcome = meld_status(body(dato="2026-11-20", status="Fullført", tekst="Ferdig."), data,
                          later)
    assert outcome == Outcome(
        True,
        "**Takk! Statusmeldingen for tiltak 1.1.3 er lagt inn.**\n\n"
        "> Vurdere å søke eksterne midler til finansiering.\n\n"
        "- Status: **Fullført** (før: Pågår)\n- Dato: 20. november 2026\n\n"
        "Endringen blir en pull request som en kollega går gjennom. Statusen vises på "
        "nettstedet når den er godkjent, og da lukkes denne saken. Vil du rette noe før det, "
        "rediger saken, så lages endringen på nytt.\n",
        LogReport("1.1.3", dt.date(2026, 11, 20), "fullfort", "Ferdig.", None),
        "Status for tiltak 1.1.3: Fullført\n\nMeldt med skjemaet «Meld status», datert "
        "2026-11-20.\n")
    log = load_plan(data, later).measures_by_id["1.1.3"].log
    assert [(e.date, e.status.id, e.text) for e in log] == [
        (dt.date(2026, 11, 20), "fullfort", "Ferdig."),
        (dt.date(2026, 11, 15), "pagar", "Startet.")]


def test_status_by_id_and_tiltak_written_as_text_are_understood(data):
    outcome = meld_status(body(tiltak="Tiltak 2.2.1", status="ikke-viderefort",
                               dato="2026-3-7"), data, TODAY)
    assert outcome.accepted, outcome.reply
    assert entries(data, "2.2.1") == [(dt.date(2026, 3, 7), "ikke-viderefort",
                                       "Møtet er holdt.", None)]


HOSTILE = [
    "Kolon: her, og # ingen kommentar",
    "#hashtag først",
    'Både "doble" og \'enkle\' anførselstegn, og «sitat»',
    "<script>alert('x')</script> og <b>fet</b>",
    "{{ plan.title }} og {% raw %} og ${{ github.token }}",
    "Linje 1\nLinje 2: med kolon\n\nLinje 4 etter tom linje",
    "Linje med # i\nog «sitat»",
    "  innrykket start og slutt  ",
    "Slutter med linjeskift\n",
    "Tabulator\ther og bakstrek \\n C:\\mappe",
    "- dato: 2020-01-01\n  status: pagar",
    "--- og ... og &anker *alias !tag %YAML @bruker",
    "null", "yes", "1.10", "~", "|", ">", "[1, 2]", "{a: b}",
    "Emoji 😀 og ǅ og \u200b null-bredde",
    "Skjulte tegn: \x07 \x1b \x85 \u2028 \u2029 \ufeff \x7f \x9f",
    "Mellomrom på slutten av linja   \nneste linje",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_exactly_through_the_loader(data, text):
    report = LogReport("1.1.3", TODAY, "pagar", text, "https://example.org/?a=1&b=«2»#x")
    write_reports([report], data, TODAY)
    assert entries(data, "1.1.3") == [(TODAY, "pagar", text, report.link)]


def test_hostile_text_through_the_form_is_inert_in_the_reply(data):
    outcome = meld_status(body(tekst="<script>x</script> @alle #1 {{ a }}",
                               lenke="https://example.org/`x`"), data, TODAY)
    assert outcome.accepted, outcome.reply
    assert "<script>" not in outcome.reply and "@alle" not in outcome.reply
    assert "- Lenke: `` https://example.org/`x` ``" in outcome.reply.splitlines()


def test_random_text_round_trips_through_both_scalar_styles():
    """Property check: any text, in either style the writer picks, loads back unchanged."""
    alphabet = "ab æ«»:#'\"\\-{}[]|>&*!%@`\n\t\r \x00\x07\x85\u2028\ufeff😀"
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        source = f"x: {yaml_string(text)}\n"
        assert yaml.load(source, Loader=yaml.CSafeLoader)["x"] == text, repr(text)
        if fits_literal_block(text):
            block = "x: |-\n" + "\n".join(f"  {line}" if line else "" for line in
                                          text.split("\n")) + "\n"
            assert yaml.load(block, Loader=yaml.CSafeLoader)["x"] == text, repr(text)


# File shapes the writer keeps ----------------------------------------------------------------

AREA_HEAD = '# yaml-language-server: $schema=../schema/omrade.schema.json\nid: "1"\nslug: s\n' \
            'tittel: "T"\ndelmål:\n  - id: "1.1"\n    tekst: "D"\n    tiltak:\n'
REPORT = LogReport("1.1.1", dt.date(2026, 10, 1), "pagar", "Ny: melding")


@pytest.mark.parametrize("tail,expected", [
    # No logg yet, a comment before the next tiltak stays with the next tiltak.
    ('      - id: "1.1.1"\n        tekst: "A"  # kommentar\n      # om 1.1.2\n'
     '      - id: "1.1.2"\n        tekst: "B"\n',
     '      - id: "1.1.1"\n        tekst: "A"  # kommentar\n        logg:\n'
     '          - dato: 2026-10-01\n            status: pagar\n'
     '            tekst: "Ny: melding"\n      # om 1.1.2\n      - id: "1.1.2"\n'
     '        tekst: "B"\n'),
    # A logg whose items sit at the key's indentation, followed by another key.
    ('      - id: "1.1.1"\n        logg:\n        - dato: 2026-01-01\n          status: utsatt\n'
     '          tekst: gammel\n        tekst: "A"\n',
     '      - id: "1.1.1"\n        logg:\n        - dato: 2026-01-01\n          status: utsatt\n'
     '          tekst: gammel\n        - dato: 2026-10-01\n          status: pagar\n'
     '          tekst: "Ny: melding"\n        tekst: "A"\n'),
    # A logg in flow style gets a flow entry.
    ('      - id: "1.1.1"\n        tekst: "A"\n        logg: []\n',
     '      - id: "1.1.1"\n        tekst: "A"\n        logg: [{dato: 2026-10-01, status: pagar, '
     'tekst: "Ny: melding"}]\n'),
    # A tiltak written in flow style.
    ('      - {id: "1.1.1", tekst: "A"}\n',
     '      - {id: "1.1.1", tekst: "A", logg: [{dato: 2026-10-01, status: pagar, '
     'tekst: "Ny: melding"}]}\n'),
    # A block text as the last value, with blank lines it keeps, and no newline at the end.
    ('      - id: "1.1.1"\n        tekst: |+\n          A\n\n',
     '      - id: "1.1.1"\n        tekst: |+\n          A\n\n        logg:\n'
     '          - dato: 2026-10-01\n            status: pagar\n'
     '            tekst: "Ny: melding"\n'),
    ('      - id: "1.1.1"\n        tekst: "A"',
     '      - id: "1.1.1"\n        tekst: "A"\n        logg:\n          - dato: 2026-10-01\n'
     '            status: pagar\n            tekst: "Ny: melding"\n'),
], ids=["comment-after", "indentless-logg", "flow-logg", "flow-tiltak", "keep-block", "no-eol"])
def test_the_file_keeps_its_shape(tail, expected):
    new = append_entries(AREA_HEAD + tail, [REPORT])
    assert new == AREA_HEAD + expected
    loaded = yaml.load(new, Loader=yaml.CSafeLoader)
    old = yaml.load(AREA_HEAD + tail, Loader=yaml.CSafeLoader)
    measure, before = loaded["delmål"][0]["tiltak"][0], old["delmål"][0]["tiltak"][0]
    assert measure["logg"][-1] == {"dato": dt.date(2026, 10, 1), "status": "pagar",
                                   "tekst": "Ny: melding"}
    assert {k: v for k, v in measure.items() if k != "logg"} == \
        {k: v for k, v in before.items() if k != "logg"}


LINKED = LogReport("1.1.1", dt.date(2026, 10, 2), "fullfort", "Linje 1\n\nLinje 3",
                   "https://example.org/r")
# REPORT and LINKED as block entries under a `-` indented 10 spaces, and in flow style.
BLOCK_ENTRIES = ('          - dato: 2026-10-01\n            status: pagar\n'
                 '            tekst: "Ny: melding"\n          - dato: 2026-10-02\n'
                 '            status: fullfort\n            tekst: |-\n              Linje 1\n'
                 '\n              Linje 3\n            lenke: "https://example.org/r"\n')
FLOW_ENTRIES = ('{dato: 2026-10-01, status: pagar, tekst: "Ny: melding"}, {dato: 2026-10-02, '
                'status: fullfort, tekst: "Linje 1\\n\\nLinje 3", lenke: "https://example.org/r"}')
OLD_ENTRY = "{dato: 2026-01-01, status: utsatt, tekst: gammel}"
NEXT = '      - id: "1.1.2"\n        tekst: "B"\n'


@pytest.mark.parametrize("tail,expected", [
    # No logg yet: one new logg with both; the blank line of the text gets no spaces.
    ('      - id: "1.1.1"\n        tekst: "A"\n' + NEXT,
     '      - id: "1.1.1"\n        tekst: "A"\n        logg:\n' + BLOCK_ENTRIES + NEXT),
    # A folded text (`>`) as the last value: the entries go before the next tiltak.
    ('      - id: "1.1.1"\n        tekst: >\n          A\n' + NEXT,
     '      - id: "1.1.1"\n        tekst: >\n          A\n        logg:\n' + BLOCK_ENTRIES
     + NEXT),
    # The only entry on the last line of the file, with a line break after it and without.
    ('      - id: "1.1.1"\n        logg:\n          - ' + OLD_ENTRY + '\n',
     '      - id: "1.1.1"\n        logg:\n          - ' + OLD_ENTRY + '\n' + BLOCK_ENTRIES),
    ('      - id: "1.1.1"\n        logg:\n          - ' + OLD_ENTRY,
     '      - id: "1.1.1"\n        logg:\n          - ' + OLD_ENTRY + '\n' + BLOCK_ENTRIES),
    # A flow logg with an entry whose text has an invisible byte order mark (U+FEFF), which
    # the pure-Python composer would not count as a column.
    ('      - id: "1.1.1"\n        logg: [{dato: 2026-01-01, status: utsatt, tekst: "a\ufeffb"}]\n',
     '      - id: "1.1.1"\n        logg: [{dato: 2026-01-01, status: utsatt, tekst: "a\ufeffb"}, '
     + FLOW_ENTRIES + ']\n'),
    ('      - {id: "1.1.1", tekst: "A"}\n',
     '      - {id: "1.1.1", tekst: "A", logg: [' + FLOW_ENTRIES + ']}\n'),
], ids=["new-logg", "folded-text", "last-line", "last-line-no-eol", "flow-logg", "flow-tiltak"])
def test_several_reports_for_one_tiltak_land_in_order(tail, expected):
    new = append_entries(AREA_HEAD + tail, [REPORT, LINKED])
    assert new == AREA_HEAD + expected
    measure = yaml.load(new, Loader=yaml.CSafeLoader)["delmål"][0]["tiltak"][0]
    assert measure["logg"][-2:] == [
        {"dato": dt.date(2026, 10, 1), "status": "pagar", "tekst": "Ny: melding"},
        {"dato": dt.date(2026, 10, 2), "status": "fullfort", "tekst": "Linje 1\n\nLinje 3",
         "lenke": "https://example.org/r"}]


def test_a_new_logg_in_a_file_with_windows_line_endings_uses_them():
    head, tail = AREA_HEAD.replace("\n", "\r\n"), '      - id: "1.1.1"\r\n        tekst: "A"\r\n'
    assert append_entries(head + tail, [LINKED]) == head + tail + (
        '        logg:\r\n          - dato: 2026-10-02\r\n            status: fullfort\r\n'
        '            tekst: |-\r\n              Linje 1\r\n\r\n              Linje 3\r\n'
        '            lenke: "https://example.org/r"\r\n')


def test_a_file_on_one_line_gets_its_entry_in_flow_style():
    text = 'delmål: [{id: "1.1", tiltak: [{id: "1.1.1", tekst: "A"}]}]'
    assert append_entries(text, [REPORT]) == (
        'delmål: [{id: "1.1", tiltak: [{id: "1.1.1", tekst: "A", logg: [{dato: 2026-10-01, '
        'status: pagar, tekst: "Ny: melding"}]}]}]')


@pytest.mark.parametrize("text", [
    "", "- a\n", 'id: "1"\n', "delmål: [x, {id: a}, {tiltak: x}, {tiltak: [y, {id: [z]}]}]\n",
], ids=["empty", "a-list", "no-delmal", "odd-items"])
def test_a_file_without_the_tiltak_is_a_key_error_whatever_its_shape(text):
    with pytest.raises(KeyError) as caught:
        append_entries(text, [REPORT])
    assert caught.value.args == ("1.1.1",)


@pytest.mark.parametrize("tail,message", [
    ('      - id: "1.1.1"\n        logg:\n          -\n            a\n',
     "fant ikke '-' foran innslaget på linje 12"),
    ('      - id: "1.1.1"\n        logg: x\n', "logg på linje 10 er ikke en liste"),
], ids=["entry-below-its-dash", "logg-not-a-list"])
def test_a_logg_the_writer_cannot_extend_is_a_value_error_naming_the_line(tail, message):
    with pytest.raises(ValueError) as caught:
        append_entries(AREA_HEAD + tail, [REPORT])
    assert caught.value.args == (message,)


@pytest.mark.parametrize("status, written", [
    ("pagar", "pagar"), ("ikke-startet", "ikke-startet"), ("no", '"no"'),
    ("Ikke startet", '"Ikke startet"'), ("2026", '"2026"'),
])
def test_a_status_is_plain_only_when_yaml_reads_it_back_as_the_same_text(status, written):
    report = LogReport("1.1.1", dt.date(2026, 10, 1), status, "A")
    assert entry_text(report, "  ") == (f"  - dato: 2026-10-01\n    status: {written}\n"
                                        f'    tekst: "A"\n')
    assert flow_entry(report) == f'{{dato: 2026-10-01, status: {written}, tekst: "A"}}'


def test_windows_line_endings_in_the_file_are_kept(data):
    path = data / AREA
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    write_reports([LogReport("1.1.1", TODAY, "pagar", "To\nlinjer")], data, TODAY)
    after = path.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert after.replace(before.split(b'      - id: "1.1.2"')[0], b"").startswith(
        b"          - dato: 2026-11-01\r\n            status: pagar\r\n"
        b"            tekst: |-\r\n              To\r\n              linjer\r\n")
    assert entries(data, "1.1.1")[-1] == (TODAY, "pagar", "To\nlinjer", None)


# The writer's own checks ---------------------------------------------------------------------

def test_new_texts_checks_everything_and_writes_nothing(data):
    before = folder_hash(data)
    texts = new_texts([LogReport("1.1.3", TODAY, "pagar", "A"),
                       LogReport("4.1.1", TODAY, "utsatt", "B")], data, TODAY)
    assert sorted(p.relative_to(data).as_posix() for p in texts) == [
        AREA, "omrader/4-fremtidens-kulturskole.yaml"]
    assert folder_hash(data) == before


@pytest.mark.parametrize("report,expected", [
    (LogReport("9.9.9", TODAY, "pagar", "A"), "tiltak 9.9.9: finnes ikke i planen"),
    (LogReport("1.1.3", TODAY, "ferdig", "A"),
     "tiltak 1.1.3 logg.status: ukjent status 'ferdig' (tillatt: 'ikke-startet', 'pagar', "
     "'lopende', 'fullfort', 'utsatt', 'ikke-viderefort')"),
    (LogReport("1.1.3", TODAY + dt.timedelta(days=1), "pagar", "A"),
     "tiltak 1.1.3 logg.dato: 2026-11-02 er etter i dag (2026-11-01); en statusmelding kan "
     "ikke være fremtidig"),
    (LogReport("1.1.3", TODAY, "pagar", " \n "), "tiltak 1.1.3 logg.tekst: kan ikke være tom"),
    (LogReport("1.1.3", TODAY, "pagar", "A", "https://example.org/med mellomrom"),
     "tiltak 1.1.3 logg[1].lenke: 'https://example.org/med mellomrom' er ikke gyldig: "
     "lenken må begynne med https://, http:// eller mailto: og kan "
     "ikke ha mellomrom"),
], ids=["unknown-tiltak", "unknown-status", "future", "empty-text", "loader-refuses-link"])
def test_the_writer_refuses_a_bad_report_and_writes_nothing(data, report, expected):
    good = LogReport("4.1.1", TODAY, "pagar", "Denne er i orden")
    before = folder_hash(data)
    with pytest.raises(DataErrors) as caught:
        write_reports([good, report], data, TODAY)
    assert folder_hash(data) == before
    lines = caught.value.report().splitlines()
    assert lines[0].startswith("Fant 1 feil i dataene.")
    assert lines[1].split(": ", 1)[1] == expected
    assert "plan-rapport-" not in caught.value.report()  # the real file, not the copy
    assert lines[1].startswith(str(data / "omrader")), lines[1]


@pytest.mark.parametrize("old,new,problem", [
    ("Vurdere å søke", "Vurdere å ikke søke", "tiltak 1.1.3: andre felt enn logg ble endret"),
    ('tekst: "Ny melding"', 'tekst: "Ny melding!"',
     "tiltak 1.1.3: loggen ble ikke lest tilbake slik den ble skrevet"),
    ('status: ikke-startet', 'status: pagar',
     "tiltak 1.1.1: loggen ble ikke lest tilbake slik den ble skrevet"),
], ids=["other-field", "new-entry", "old-entry"])
def test_an_edit_that_changes_more_than_it_adds_is_stopped(data, monkeypatch, old, new, problem):
    """The safety net: the loaded result must be the old data plus exactly the new entries."""
    from macros import logwriter

    real = logwriter.append_entries
    monkeypatch.setattr(logwriter, "append_entries",
                        lambda text, reports: real(text, reports).replace(old, new, 1))
    before = folder_hash(data)
    with pytest.raises(DataErrors) as caught:
        write_reports([LogReport("1.1.3", TODAY, "pagar", "Ny melding")], data, TODAY)
    assert folder_hash(data) == before
    assert caught.value.report().splitlines()[1] == (
        f"{data.as_posix()}:1:1: endringen ble stoppet fordi den ville endret mer enn loggen "
        f"({problem}); ingenting ble skrevet")


def test_two_identical_reports_are_both_added(data):
    report = LogReport("1.1.3", TODAY, "pagar", "Samme melding")
    write_reports([report, report], data, TODAY)
    assert entries(data, "1.1.3") == [(TODAY, "pagar", "Samme melding", None)] * 2


def test_the_day_given_is_today_for_every_check_not_the_build_date(data):
    later = TODAY + dt.timedelta(days=10)
    ahead = LogReport("1.1.3", TODAY + dt.timedelta(days=5), "pagar", "Fem dager fram")
    write_reports([ahead], data, later)
    before = (data / AREA).read_text(encoding="utf-8")
    texts = new_texts([LogReport("1.1.3", later, "utsatt", "Ti dager fram")], data, later)
    assert list(texts) == [data / AREA]
    assert only_inserted(before, texts[data / AREA]) == [
        "          - dato: 2026-11-11\n", "            status: utsatt\n",
        '            tekst: "Ti dager fram"\n']
    measure = load_plan(data, later).measures_by_id["1.1.3"]
    assert [(e.date, e.status.id, e.text) for e in measure.log] == [
        (dt.date(2026, 11, 6), "pagar", "Fem dager fram")]


def test_report_problems_point_at_the_tiltak_or_else_the_area_folder(data):
    with pytest.raises(DataErrors) as caught:
        new_texts([LogReport("9.9.9", TODAY, "ferdig", "A"),
                   LogReport("1.1.3", TODAY + dt.timedelta(days=1), "pagar", " ")], data, TODAY)
    area, folder = (data / AREA).as_posix(), (data / "omrader").as_posix()
    allowed = "'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', 'ikke-viderefort'"
    assert [(str(e), e.rule) for e in caught.value.errors] == [
        (f"{folder}:1:1: tiltak 9.9.9: finnes ikke i planen", "report"),
        (f"{folder}:1:1: tiltak 9.9.9 logg.status: ukjent status 'ferdig' (tillatt: {allowed})",
         "report"),
        (f"{area}:38:1: tiltak 1.1.3 logg.dato: 2026-11-02 er etter i dag (2026-11-01); en "
         f"statusmelding kan ikke være fremtidig", "report"),
        (f"{area}:38:1: tiltak 1.1.3 logg.tekst: kan ikke være tom", "report")]


def test_data_inside_the_repository_is_named_from_its_root(tmp_path, data, monkeypatch):
    """Also when the temporary copy the result is checked in lies inside the repository."""
    from macros import logwriter, read

    monkeypatch.setattr(read, "ROOT", tmp_path)
    monkeypatch.setattr(logwriter, "ROOT", tmp_path)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    assert list(new_texts([LogReport("1.1.3", TODAY, "pagar", "A")], data, TODAY)) == \
        [data / AREA]
    with pytest.raises(DataErrors) as caught:
        new_texts([LogReport("1.1.3", TODAY, "ferdig", "A"),
                   LogReport("9.9.9", TODAY, "pagar", "A")], data, TODAY)
    assert [str(e) for e in caught.value.errors] == [
        "data/omrader:1:1: tiltak 9.9.9: finnes ikke i planen",
        "data/omrader/1-mangfold.yaml:38:1: tiltak 1.1.3 logg.status: ukjent status 'ferdig' "
        "(tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', 'ikke-viderefort')"]
    with pytest.raises(DataErrors) as caught:
        new_texts([LogReport("1.1.3", TODAY, "pagar", "A", "https://example.org/med mellomrom")],
                  data, TODAY)
    assert [str(e) for e in caught.value.errors] == [
        "data/omrader/1-mangfold.yaml:44:20: tiltak 1.1.3 logg[1].lenke: 'https://example.org/"
        "med mellomrom' er ikke gyldig: lenken må begynne med https://, http:// eller mailto: og "
        "kan ikke ha mellomrom"]


def test_a_report_is_written_and_checked_as_utf_8_whatever_the_locale(data, windows_locale):
    write_reports([LogReport("1.1.3", TODAY, "pagar", "Møte i Bærum: «æøå»")], data, TODAY)
    assert entries(data, "1.1.3") == [(TODAY, "pagar", "Møte i Bærum: «æøå»", None)]


def test_a_lost_tiltak_is_stopped_and_the_other_tiltak_are_still_compared(data, monkeypatch):
    from macros import logwriter

    real = logwriter.append_entries
    monkeypatch.setattr(logwriter, "append_entries", lambda text, reports: real(text, reports)
                        .replace('id: "1.1.1"', 'id: "1.1.9"', 1)
                        .replace("Vurdere å søke", "Vurdere å ikke søke", 1))
    before = folder_hash(data)
    with pytest.raises(DataErrors) as caught:
        write_reports([LogReport("1.1.3", TODAY, "pagar", "Ny melding")], data, TODAY)
    assert folder_hash(data) == before
    assert caught.value.report().splitlines()[1:] == [
        f"{data.as_posix()}:1:1: endringen ble stoppet fordi den ville endret mer enn loggen "
        f"({problem}); ingenting ble skrevet"
        for problem in ("tiltak 1.1.3: andre felt enn logg ble endret",
                        "tiltakene i planen ble endret")]


def test_a_file_the_writer_cannot_edit_is_a_clear_error(data, monkeypatch):
    from macros import logwriter

    def cannot(text, reports):
        raise ValueError("fant ikke '-' foran innslaget på linje 14")

    monkeypatch.setattr(logwriter, "append_entries", cannot)
    before = folder_hash(data)
    with pytest.raises(DataErrors) as caught:
        write_reports([LogReport("1.1.3", TODAY, "pagar", "A")], data, TODAY)
    assert folder_hash(data) == before
    assert str(caught.value.errors[0]) == (
        f"{(data / AREA).as_posix()}:1:1: kan ikke legge til logginnslag i denne filen "
        f"automatisk (fant ikke '-' foran innslaget på linje 14); legg dem inn for hånd")



def test_a_report_the_writer_refuses_is_answered_with_its_errors_inside_the_list(data,
                                                                                 monkeypatch):
    """The errors stand in a code block indented under the list item, blank lines left empty."""
    from macros import logwriter

    def cannot(text, reports):
        raise ValueError("fant ikke '-' foran innslaget\n\npå linje 14")

    monkeypatch.setattr(logwriter, "append_entries", cannot)
    before = folder_hash(data)
    outcome = meld_status(BODY, data, TODAY)
    assert not outcome.accepted and folder_hash(data) == before
    assert outcome.reply == (
        "**Statusmeldingen ble ikke lagt inn.** Rett dette ved å redigere saken, så prøves den på "
        "nytt:\n\n- Endringen besto ikke sjekken av dataene:\n\n  ```text\n  Fant 1 feil i "
        f"dataene. Ingenting ble publisert.\n  {(data / AREA).as_posix()}:1:1: kan ikke legge "
        "til logginnslag i denne filen automatisk (fant ikke '-' foran innslaget\n\n  på linje "
        "14); legg dem inn for hånd\n  ```\n\nIngenting er endret.\n")

# Refused reports through the command ---------------------------------------------------------

NAMES = "'Ikke startet', 'Pågår', 'Løpende', 'Fullført', 'Utsatt', 'Ikke videreført'"
LINK_RULE = "(den må begynne med https://, http:// eller mailto: og kan ikke ha mellomrom)"
WHERE = "(skriv nummeret slik det står på nettstedet, for eksempel 1.1.1)"
REFUSED = {
    "unknown": (dict(tiltak="9.9.9"), f"**Tiltak**: `9.9.9` er ikke et tiltak i planen {WHERE}"),
    "near-miss": (dict(tiltak="1.1.8"),
                  f"**Tiltak**: `1.1.8` er ikke et tiltak i planen – mente du '1.1.7'? {WHERE}"),
    "goal": (dict(tiltak="1.2"), "**Tiltak**: 1.2 er et delmål; skriv nummeret på ett av "
                                 "tiltakene i det, for eksempel 1.2.1"),
    "no-tiltak": (dict(tiltak=""), "**Tiltak**: mangler: skriv nummeret på tiltaket, for "
                                   "eksempel 1.1.1"),
    "near-status-id": (dict(status="pagaar"),
                       f"**Status**: `pagaar` er ikke en status – mente du 'Pågår'? "
                       f"(tillatt: {NAMES})"),
    "typo-status": (dict(status="Fulført"),
                    f"**Status**: `Fulført` er ikke en status – mente du 'Fullført'? "
                    f"(tillatt: {NAMES})"),
    "unknown-status": (dict(status="Ferdig"),
                       f"**Status**: `Ferdig` er ikke en status (tillatt: {NAMES})"),
    "no-status": (dict(status=""), f"**Status**: mangler: velg en av {NAMES}"),
    "no-such-date": (dict(dato="2025-02-30"), "**Dato**: `2025-02-30` er ikke en dato som "
                                              "finnes (år-måned-dag, for eksempel 2025-03-14)"),
    "future": (dict(dato="2026-11-02"), "**Dato**: 2026-11-02 er etter i dag (1. november "
                                        "2026); en statusmelding gjelder noe som er gjort"),
    "norwegian-date": (dict(dato="14.03.2025"),
                       "**Dato**: `14.03.2025` er ikke en dato på formen år-måned-dag, for "
                       "eksempel 2025-03-14 – mente du '2025-03-14'?"),
    "no-text": (dict(tekst=""), "**Hva er gjort**: mangler: skriv kort hva som er gjort eller "
                                "bestemt"),
    "ftp": (dict(lenke="ftp://example.org/fil"),
            f"**Lenke (valgfri)**: `ftp://example.org/fil` er ikke en lenke som kan brukes "
            f"{LINK_RULE}"),
    "no-scheme": (dict(lenke="www.example.org"),
                  f"**Lenke (valgfri)**: `www.example.org` er ikke en lenke som kan brukes; "
                  f"skriv https:// foran {LINK_RULE}"),
    "email": (dict(lenke="ola@example.org"),
              f"**Lenke (valgfri)**: `ola@example.org` er ikke en lenke som kan brukes; skriv "
              f"mailto: foran en e-postadresse {LINK_RULE}"),
    "space-in-link": (dict(lenke="https://example.org/a b"),
                      f"**Lenke (valgfri)**: `https://example.org/a b` er ikke en lenke som kan "
                      f"brukes {LINK_RULE}"),
    "bare-mailto": (dict(lenke="mailto:"),
                    f"**Lenke (valgfri)**: `mailto:` er ikke en lenke som kan brukes {LINK_RULE}"),
    "word": (dict(lenke="sluttrapporten"),
             f"**Lenke (valgfri)**: `sluttrapporten` er ikke en lenke som kan brukes {LINK_RULE}"),
    "email-in-capitals": (dict(lenke="Ola@Example.NO"),
                          f"**Lenke (valgfri)**: `Ola@Example.NO` er ikke en lenke som kan "
                          f"brukes; skriv mailto: foran en e-postadresse {LINK_RULE}"),
    "domain-in-capitals": (dict(lenke="WWW.EXAMPLE.ORG"),
                           f"**Lenke (valgfri)**: `WWW.EXAMPLE.ORG` er ikke en lenke som kan "
                           f"brukes; skriv https:// foran {LINK_RULE}"),
    "not-the-form": (None, "Fant ingen av feltene «Tiltak», «Status», «Dato», «Hva er gjort», "
                           "«Lenke (valgfri)». Bruk skjemaet «Meld status», og la "
                           "overskriftene stå."),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_report_is_refused_in_bokmal_and_data_is_untouched(data, case):
    fields, expected = REFUSED[case]
    text = body(**fields) if fields is not None else "Hei, kan dere sette 1.1.3 til ferdig?"
    before = folder_hash(data)
    code, reply, err = run_main(["meld-status", "--data", str(data)], text)
    assert code == 1
    assert folder_hash(data) == before
    assert reply == refused(expected)
    assert reply.splitlines()[0] == ("**Statusmeldingen ble ikke lagt inn.** Rett dette ved å "
                                     "redigere saken, så prøves den på nytt:")
    assert err == ""


def test_every_problem_is_listed_at_once(data):
    code, reply, _ = run_main(["meld-status", "--data", str(data)],
                         body(tiltak="x", status="?", dato="i går", tekst="", lenke="ftp:x"))
    assert code == 1
    assert [line.split("**")[1] for line in reply.splitlines() if line.startswith("- ")] == [
        "Tiltak", "Status", "Dato", "Hva er gjort", "Lenke (valgfri)"]


def test_data_with_errors_already_is_refused_without_a_change(data):
    path = data / "omrader" / "2-fordypning.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('id: "2.1.1"', "id: 2.10", 1),
                    encoding="utf-8")
    before = folder_hash(data)
    code, reply, _ = run_main(["meld-status", "--data", str(data)], BODY)
    assert code == 1 and folder_hash(data) == before
    assert reply == (
        "**Statusmeldingen ble ikke lagt inn**, fordi dataene i repoet har feil fra før. Be en "
        "administrator rette dem (`make check`):\n\n```text\nFant 1 feil i dataene. Ingenting "
        f"ble publisert.\n{path}:10:13: det 1. tiltaket under delmål 2.1 id: må være tekst, men "
        "YAML leser 2.10 som tallet 2,1; sett verdien i anførselstegn: \"2.10\"\n```\n\n"
        "Ingenting er endret.\n")
    assert meld_status(BODY, data, TODAY) == Outcome(False, reply)


def test_no_traceback_even_when_the_tool_fails(data):
    """A real process: a missing form file is a tool failure, answered in bokmål (exit 2)."""
    result = subprocess.run(
        [sys.executable, "-m", "macros", "meld-status", "--data", str(data), "--form",
         str(data / "finnes-ikke.yml")], input=BODY, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stdout == ("**Statusmeldingen ble ikke lagt inn** på grunn av en feil i "
                             "verktøyet (FileNotFoundError). Be en administrator se på "
                             "kjøringen.\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_tool_failure_is_one_line_for_the_issue_and_the_details_on_stderr(data):
    form = data / "finnes-ikke.yml"
    before = folder_hash(data)
    assert run_main(["meld-status", "--data", str(data), "--form", str(form)], BODY) == (
        2, "**Statusmeldingen ble ikke lagt inn** på grunn av en feil i verktøyet "
           "(FileNotFoundError). Be en administrator se på kjøringen.\n",
        f"Intern feil: FileNotFoundError: [Errno 2] No such file or directory: '{form}'\n")
    assert folder_hash(data) == before


def test_bytes_that_are_not_utf8_are_replaced_not_a_failure(data):
    latin1 = BODY.encode("utf-8").replace("Neste møte".encode("utf-8"), b"Neste m\xf8te")
    code, reply, err = run_main(["meld-status", "--data", str(data)], latin1)
    assert (code, err) == (0, ""), reply
    assert entries(data, "1.1.3")[-1][2] == ("Første møte: «kulturskoleløftet» er drøftet.\n"
                                             "Neste m\ufffdte er i mars.")


def test_a_check_that_stops_the_write_is_told_in_the_reply(data, monkeypatch):
    from macros import logwriter

    def cannot(text, reports):
        raise ValueError("fant ikke '-' foran innslaget:\n\nlogg: []")

    monkeypatch.setattr(logwriter, "append_entries", cannot)
    before = folder_hash(data)
    # The report is indented under its list item; an empty line stays empty.
    assert meld_status(BODY, data, TODAY) == Outcome(False, refused(
        "Endringen besto ikke sjekken av dataene:\n\n"
        "  ```text\n  Fant 1 feil i dataene. Ingenting ble publisert.\n"
        f"  {(data / AREA).as_posix()}:1:1: kan ikke legge til logginnslag i denne filen "
        "automatisk (fant ikke '-' foran innslaget:\n\n  logg: []); legg dem inn for hånd\n"
        "  ```"))
    assert folder_hash(data) == before


def test_the_message_file_is_utf8_whatever_the_locale(tmp_path, data, windows_locale):
    message = tmp_path / "melding.txt"
    code, reply, err = run_main(["meld-status", "--data", str(data), "--message-file",
                                 str(message)], BODY)
    assert (code, err) == (0, ""), reply
    assert message.read_bytes() == ("Status for tiltak 1.1.3: Pågår\n\nMeldt med skjemaet "
                                    "«Meld status», datert 2026-11-01.\n").encode("utf-8")


def test_message_file_is_written_only_when_accepted(tmp_path, data):
    message = tmp_path / "melding.txt"
    assert run_main(["meld-status", "--data", str(data), "--message-file", str(message)],
               body(tiltak="9.9.9"))[0] == 1
    assert not message.exists()
    assert run_main(["meld-status", "--data", str(data), "--message-file", str(message)], BODY)[0] == 0
    assert message.read_text(encoding="utf-8").splitlines()[0] == "Status for tiltak 1.1.3: Pågår"


# The fields of a report (reports.py), shared by the form and the spreadsheet ----------------

def test_http_and_mailto_links_are_accepted_as_written():
    assert report_link("http://example.org/referat") == ("http://example.org/referat", None)
    assert report_link(" mailto:post@example.org ") == ("mailto:post@example.org", None)


def test_every_kind_of_line_break_in_a_text_becomes_one_newline():
    assert report_text(" Linje 1\r\nLinje 2\rLinje 3\nLinje 4 ") == (
        "Linje 1\nLinje 2\nLinje 3\nLinje 4", None)


def test_code_span_shows_any_text_inert():
    assert code_span("a") == "`a`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a") == "`` `a ``"
    assert code_span("a\nb") == "`a b`"


# YAML's printable characters at each edge of its ranges, and the byte order mark.
PRINTABLE_EDGES = {"\x1f": False, " ": True, "~": True, "\x7f": False, "\x9f": False,
                   "\xa0": True, "\ud7ff": True, "\ud800": False, "\udfff": False,
                   "\ue000": True, "\ufffd": True, "\ufffe": False, "\ufeff": False,
                   "\U00010000": True, "\U0010ffff": True}


def test_printable_follows_yaml_at_every_edge():
    from macros.logwriter import _printable

    assert {char: _printable(char) for char in PRINTABLE_EDGES} == PRINTABLE_EDGES


@pytest.mark.parametrize("text, written", [
    ("a\x7fb", '"a\\x7Fb"'), ("\x9f", '"\\x9F"'), ("\ud800", '"\\uD800"'),
    ("\ufffe", '"\\uFFFE"'), ("\uffff", '"\\uFFFF"'), ("\ufeff", '"\\uFEFF"'),
    ("\U0010ffff", '"\U0010ffff"'),
    ("\x85\u2028\t\"\\", '"\\N\\L\\t\\"\\\\"'),
])
def test_yaml_string_escapes_exactly_what_yaml_cannot_show(text, written):
    assert yaml_string(text) == written


@pytest.mark.parametrize("text, fits", [
    ("to\nlinjer", True), ("innrykk\n  beholdes", True), ("mellomrom \netter", False),
    ("mellomrom\netter ", False), ("# som kommentar\nnei", False), ("tab\tinni\nnei", False),
    (" foran\nnei", False), ("én linje", False), ("linje\u2028skille\nnei", False),
    ("kontroll\x7f\nnei", False),
])
def test_a_literal_block_only_for_text_it_holds_exactly(text, fits):
    assert fits_literal_block(text) is fits


@pytest.mark.parametrize("text, fence", [
    ("Ingen backticks", "```"), ("Én ` og to ``", "```"), ("Tre ``` på rad", "````"),
    ("Fire ```` og én `", "`````"),
])
def test_code_block_fence_is_longer_than_any_run_of_backticks(text, fence):
    assert code_block(text) == f"{fence}text\n{text}\n{fence}"


def test_the_form_illustration_is_drawn_from_the_form_file():
    spec = importlib.util.spec_from_file_location("skjemabilde", ROOT / ".github" / "bilder" / "skjemabilde.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.form_html()
    for field in form_fields():
        assert f'<span class="label">{field.label}' in page
    assert "".join(f"<li>{o}</li>" for o in form_fields()[1].options) in page
    assert '<div class="box filled">Status for tiltak 1.1.1</div>' in page
    assert "(ikke et skjermbilde fra GitHub)" in page
    assert (ROOT / ".github" / "bilder" / "meld-status-skjema.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "![Illustrasjon, ikke et skjermbilde: skjemaet «Meld status»" in guide
    assert "](.github/bilder/meld-status-skjema.png)" in guide
    assert guide.index("## Meld status uten å redigere filer") < guide.index("## Hvor står hva?")
