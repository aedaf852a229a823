"""Reading YAML: values exactly as PyYAML reads them, and syntax errors in bokmål."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from macros.errors import DataError
from macros.read import Document, _after_quote, _quote_start, describe, read_document, yaml_problem

QUOTE = "en verdi kan ikke begynne med {} uten anførselstegn; sett verdien i anførselstegn"
TAB = ("YAML-feil: linjen er rykket inn med tabulator; bruk mellomrom (YAML tillater ikke "
       "tabulator i innrykket)")
UNCLOSED = ("YAML-feil: anførselstegnet (\") som begynner her, blir ikke avsluttet på samme "
            "linje; sett \" også til slutt i teksten")
COLON = ("et kolon med mellomrom etter leses som starten på et nytt felt, også inne i en tekst; "
         "sett hele teksten i anførselstegn")
INDENT = ("YAML-feil: innrykket stemmer ikke med linjene over; felt som hører sammen, skal "
          "begynne rett under hverandre")
UNREADABLE = ("filen kan ikke leses som YAML her; sjekk innrykket og anførselstegnene på denne "
              "linjen og linjen over")


class _TextDates(yaml.SafeLoader):
    """PyYAML's own pure-Python safe loader, with dates kept as text as the loader does."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_yaml_str)


def _read(tmp_path: Path, text: str | bytes):
    """The document read from a file holding `text` (bytes as they are, text as UTF-8)."""
    path = tmp_path / "fil.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_document(path, None)


@pytest.mark.parametrize("text", ["017", "0180", "1:30", ".inf", "-.inf", "~", "null", "",
                                  "yes", "no", "NO", "On", "3.10", "0x1f", "1_000", "1e3",
                                  "y", "'017'", '"yes"'])
def test_a_value_is_what_yaml_safe_load_reads(tmp_path, text):
    assert _read(tmp_path, f"a: {text}\n").value == {"a": yaml.safe_load(f"a: {text}")["a"]}


def test_not_a_number_is_what_yaml_safe_load_reads(tmp_path):
    assert math.isnan(_read(tmp_path, "a: .nan\n").value["a"])


def test_dates_stay_the_text_they_are_written_as(tmp_path):
    assert _read(tmp_path, "a: 2025-03-14\nb: 2025-02-30\n").value == \
        {"a": "2025-03-14", "b": "2025-02-30"}


def test_every_data_file_reads_as_pyyaml_reads_it():
    files = [*(ROOT / "data").rglob("*.yaml"), *FIXTURES.rglob("*.yaml")]
    compared = 0
    for path in files:
        doc = read_document(path, None)
        if doc.value is not None:
            assert doc.value == yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates), path
            compared += 1
    assert compared > 40, compared


def test_positions_come_from_the_node_tree(tmp_path):
    doc = _read(tmp_path, "a:\n  - b: 1\n    c:\n      - x\n      -   'y'\n")
    assert doc.where(("a", 0, "c", 1)) == (5, 11)
    assert doc.where(("a", 0, "c")) == (4, 7)
    assert doc.where(("a", 0, "c"), at_key=True) == (3, 5)
    assert doc.where(("a", 0, "finnes-ikke")) == (2, 5)


def test_an_anchor_and_a_merge_key_read_as_pyyaml_reads_them(tmp_path):
    doc = _read(tmp_path, "a: &x\n  b: 1\nc:\n  <<: *x\n  d: 2\n")
    assert doc.value == {"a": {"b": 1}, "c": {"b": 1, "d": 2}} and doc.errors == []
    assert doc.where(("c", "d")) == (5, 6)



def test_a_file_saved_with_a_byte_order_mark_reads_as_without_it(tmp_path):
    """Notepad and Excel save UTF-8 with a BOM: the first line and its columns are unchanged."""
    path = tmp_path / "fil.yaml"
    path.write_text("\ufeff# yaml-language-server: $schema=x.json\na: 1\n", encoding="utf-8")
    doc = read_document(path, "x.json")
    assert (doc.value, doc.errors) == ({"a": 1}, [])
    doc = _read(tmp_path, "\ufeffa: @x\n")
    assert [str(e).partition(":")[2] for e in doc.errors] == [
        "1:4: YAML-feil: " + QUOTE.format("@")]


@pytest.mark.parametrize("text, expected", [
    ("a:\n  b: 1\n\tc: 2\n", f"3:1: {TAB}"),
    ("l:\n  - a: 1\n  \t b: 2\n", f"3:3: {TAB}"),
    ("x:\n\t- a\n", f"2:1: {TAB}"),
    ('a:\n  - t: "Brevet er sendt\n  - t: x\n', f"2:8: {UNCLOSED}"),
    ('a:\n  - t: "Brevet er sendt\n  - t: "neste"\n', f"2:8: {UNCLOSED}"),
    ("a:\n  t: Eksempel: hei\n",
     "2:14: YAML-feil: et kolon med mellomrom etter leses som starten på et nytt felt, også "
     "inne i en tekst; sett hele teksten i anførselstegn: t: \"Eksempel: hei\""),
    ('a:\n  t: Eksempel: "hei"\n',
     "2:14: YAML-feil: et kolon med mellomrom etter leses som starten på et nytt felt, også "
     "inne i en tekst; sett hele teksten i anførselstegn"),
    ("l:\n  - a: 1\n    b: 2\n   c: 3\n",
     "4:4: YAML-feil: innrykket stemmer ikke med listen over; et nytt punkt i listen begynner "
     "med «- », og feltene i ett punkt skal begynne rett under hverandre"),
    ("a:\n  b: 1\n c: 2\n",
     "3:2: YAML-feil: innrykket stemmer ikke med linjene over; felt som hører sammen, skal "
     "begynne rett under hverandre"),
    ('a:\n  t: "abc" def\n',
     "2:12: YAML-feil: det står tekst etter anførselstegnet som avslutter verdien; sett hele "
     "teksten innenfor anførselstegnene"),
    ("a:\n  t: 'abc' def\n",
     "2:12: YAML-feil: det står tekst etter anførselstegnet som avslutter verdien; sett hele "
     "teksten innenfor anførselstegnene"),
    ("a: 1\nb\nc: 2\n",
     "2:1: YAML-feil: fant ikke kolonet etter feltnavnet på denne linjen; skriv feltnavn, "
     "kolon og verdi, for eksempel tekst: \"…\""),
    ("a: [1, 2\nb: 3\n",
     "1:4: YAML-feil: en verdi som begynner med [ eller {, leses som en liste eller en "
     "samling og må avsluttes; er det tekst, sett hele verdien i anførselstegn"),
    ("a: @x\n", "1:4: YAML-feil: " + QUOTE.format("@")),
    ("a: `x`\n", "1:4: YAML-feil: " + QUOTE.format("`")),
    ("a: %x\n", "1:4: YAML-feil: " + QUOTE.format("%")),
    ("a: *x\n", "1:4: YAML-feil: " + QUOTE.format("*")),
    ("a: &\n", "1:4: YAML-feil: " + QUOTE.format("&")),
    ("a: !foo x\n", "1:4: YAML-feil: " + QUOTE.format("!")),
    ('a: "c:\\d"\n',
     "1:7: YAML-feil: en omvendt skråstrek (\\) i tekst med doble anførselstegn må skrives "
     "\\\\; eller bruk enkle anførselstegn rundt teksten"),
    ("a: 1\n---\nb: 2\n", "2:1: YAML-feil: filen kan bare ha ett dokument; fjern linjen med ---"),
    ("a:\n \t\tb: 1\n", f"2:2: {TAB}"),
    ("- a\n-\tb\n\t- c\n", f"2:2: {TAB}"),
    ("a: {b: 1,\n\tc: d: e}\n", f"2:1: {TAB}"),
    ("a:\n  b: 1\n c: 2\t# x\n", f"3:2: {INDENT}"),
    ("a:\n  - t: 'Brevet er sendt\n  - t: 'neste'\n", "2:8: " + UNCLOSED.replace('"', "'")),
    ('x: 1\t\na:\n  - t: "Brevet er sendt\n  - t: "neste"\n', f"3:8: {UNCLOSED}"),
    ('x: 1\na: "en\n  to"\nb: c: d\n', f"4:5: YAML-feil: {COLON}: b: \"c: d\""),
    ("a#b: c: d\n", f"1:7: YAML-feil: {COLON}"),
    ("a: 1\nb: |x\n", f"2:5: YAML-feil: {UNREADABLE}"),
], ids=["tabulator", "tabulator-etter-mellomrom", "tabulator-i-liste", "anforselstegn-ut-filen",
        "anforselstegn-lukket-senere", "kolon", "kolon-med-anforselstegn", "innrykk-i-liste",
        "innrykk", "tekst-etter-anforselstegn", "tekst-etter-enkle-anforselstegn",
        "mangler-kolon", "liste-uten-slutt", "krollalfa", "baktikk", "prosent", "stjerne",
        "og-tegn", "utropstegn", "skrastrek", "to-dokumenter", "to-tabulatorer-etter-mellomrom",
        "tabulator-etter-strek", "tabulator-i-samling", "innrykk-tabulator-etter-verdien",
        "enkle-anforselstegn-lukket-senere", "anforselstegn-etter-tabulator-bak-verdi",
        "anforselstegn-over-to-linjer", "kolon-uten-forslag", "ukjent-feil"])
def test_a_yaml_error_says_where_it_begins_and_what_to_do(tmp_path, text, expected):
    doc = _read(tmp_path, text)
    assert doc.value is None
    assert [str(e).partition(":")[2] for e in doc.errors] == [expected]


def test_an_invisible_control_character_is_named_and_located(tmp_path):
    doc = _read(tmp_path, 'a: 1\nb: "x\x07y"\n')
    assert [str(e).partition(":")[2] for e in doc.errors] == [
        "2:6: YAML-feil: tegnet U+0007 er ikke tillatt i en YAML-fil; fjern det (det er ofte "
        "usynlig)"]


def test_the_advice_on_a_comment_after_a_value_escapes_its_double_quotes(tmp_path):
    doc = _read(tmp_path, 'a: 1\nt: Hun sa "ja" # på møtet\n')
    assert doc.value == {"a": 1, "t": 'Hun sa "ja"'}
    assert [str(e).partition(":")[2] for e in doc.errors] == [
        "2:4: t: YAML leser alt fra # som en kommentar, så «# på møtet» blir borte; skal det stå "
        "i verdien, sett hele verdien i anførselstegn: \"Hun sa \\\"ja\\\" # på møtet\". Er "
        "det en kommentar, flytt den til en egen linje"]


@pytest.mark.parametrize("text", ["--- # bare en kommentar", "--- # bare en kommentar\n"],
                         ids=["uten-linjeskift", "med-linjeskift"])
def test_a_comment_after_the_document_start_on_the_last_line_is_no_error(tmp_path, text):
    """The empty document's value ends past the last line: nothing follows it."""
    doc = _read(tmp_path, text)
    assert (doc.value, doc.errors) == (None, [])


def _mark(line: int, column: int) -> yaml.Mark:
    return yaml.Mark("fil.yaml", 0, line, column, None, None)


def test_the_advice_names_no_character_where_the_place_is_unknown_or_blank():
    """libyaml's mark can be missing or lie past the text: the advice then names no character
    (and the advice on text after a quote falls back to the one on indentation)."""
    lines = ["a: @x", "b: 'c' d"]
    start = "en verdi kan ikke begynne slik uten anførselstegn; sett verdien i anførselstegn"
    indent = ("innrykket stemmer ikke med linjene over; felt som hører sammen, skal begynne "
              "rett under hverandre")
    assert [_quote_start(lines, mark) for mark in (None, _mark(2, 0), _mark(0, 5), _mark(0, 2),
                                                   _mark(0, 3))] == [
        start, start, start, start, QUOTE.format("@")]
    assert [_after_quote(lines, mark) for mark in (None, _mark(2, 0), _mark(1, 0))] == \
        [indent] * 3


@pytest.mark.parametrize("problem, expected", [
    ("mapping values are not allowed here", COLON), ("something new", UNREADABLE)],
    ids=["kjent", "ukjent"])
def test_a_yaml_error_without_a_place_is_put_at_the_start_of_the_file(problem, expected):
    """PyYAML's errors may come without marks: the advice then stands at 1:1."""
    assert yaml_problem("a: 1\n", yaml.MarkedYAMLError(problem=problem)) == (1, 1, expected)


def test_a_yaml_error_placed_past_the_last_line_suggests_no_value():
    exc = yaml.MarkedYAMLError(problem="mapping values are not allowed here",
                               problem_mark=_mark(1, 0))
    assert yaml_problem("a: b: c\n", exc) == (2, 1, COLON)


@pytest.mark.parametrize("root, path, kind, expected", [
    ({"id": "1", "navn": "x"}, ("navn",), "", ("", "navn")),
    ({"navn": "x"}, ("navn",), "område", ("område", "navn")),
    ({"id": 1}, ("id",), "område", ("område", "id")),
    ({"a": 5}, ("a", "b"), "", ("", "a.b")),
    ({"a": [1]}, ("a", 1), "", ("", "a[2]")),
    ({"a": [1]}, ("a", 3, "b"), "", ("", "a[4].b")),
    ({"tiltak": {"id": "1.1.1", "navn": "x"}}, ("tiltak", "navn"), "", ("", "tiltak.navn")),
    ([{"id": "x"}], (0, "tiltak"), "", ("", "[1].tiltak")),
    ({"tiltak": ["tekst"]}, ("tiltak", 0), "", ("det 1. tiltaket", "")),
], ids=["uten-slag", "uten-id", "id-som-tall", "inn-i-et-tall", "forbi-listen",
        "langt-forbi-listen", "tiltak-som-samling", "liste-ytterst", "tiltak-som-tekst"])
def test_describe_names_a_path_that_leaves_the_expected_shape(root, path, kind, expected):
    """A path into a value of another shape than the plan's (the schema refuses it) is named
    by its keys and places, without a subject the value does not give."""
    assert describe(root, path, kind) == expected


def test_describe_names_no_subject_without_a_kind():
    assert describe({"id": "1", "navn": "x"}, ("navn",)) == ("", "navn")


def test_every_schema_error_on_a_field_is_kept_and_no_other_error_after_them(tmp_path):
    doc = Document(tmp_path / "fil.yaml", "fil.yaml", value={"a": 1})
    doc.marks[("a",)] = (2, 4)
    doc.error(("a",), "første", rule="schema")
    doc.error(("a",), "andre", rule="schema")
    doc.error(("a",), "en annen sjekk")
    doc.error(("b",), "uten regel")
    assert [(e, e.rule) for e in doc.errors] == [
        (DataError("fil.yaml", 2, 4, "", "a", "første"), "schema"),
        (DataError("fil.yaml", 2, 4, "", "a", "andre"), "schema"),
        (DataError("fil.yaml", 1, 1, "", "b", "uten regel"), "")]


def test_a_missing_file_is_an_error_of_the_whole_file_found_by_the_yaml_reader(tmp_path):
    path = tmp_path / "mangler.yaml"
    assert [(e, e.rule) for e in read_document(path, None).errors] == [
        (DataError(path.as_posix(), 1, 1, "", "", "filen mangler"), "yaml")]


def _problems(tmp_path: Path, data: bytes) -> tuple[object, list[tuple[str, str]]]:
    """The value read from a file holding `data`, and its errors as (line:col: text, rule)."""
    doc = _read(tmp_path, data)
    return doc.value, [(str(e).partition(":")[2], e.rule) for e in doc.errors]


@pytest.mark.parametrize("data,expected", [
    ("a: 1\n".encode("cp1252") + b"t: Bl\xe5b\xe6r\n",
     "1:1: filen er ikke lagret som UTF-8; lagre den som UTF-8"),
    (b"", "1:1: filen er tom"),
    ("# bare en kommentar\n".encode(), "1:1: filen er tom"),
    (b"a: &x [*x]\n", "1:1: YAML-feil: et alias (*) viser til verdien det selv står i; skriv "
                      "verdien ut i stedet for aliaset"),
    # The line and column of a character YAML refuses count every line before it, also an
    # empty first line, and no line after it.
    ("\n# k\nb: 1\nc: x\x07y\nd: 2\n".encode(),
     "4:5: YAML-feil: tegnet U+0007 er ikke tillatt i en YAML-fil; fjern det (det er ofte "
     "usynlig)"),
    ("\nc: x\x07y\n".encode(),
     "2:5: YAML-feil: tegnet U+0007 er ikke tillatt i en YAML-fil; fjern det (det er ofte "
     "usynlig)"),
    # A list as a field name: placed at the name, not where the mapping begins.
    (b"a: 1\n[x, y]: 2\n", f"2:1: YAML-feil: {UNREADABLE}"),
], ids=["ikke-utf-8", "tom", "bare-kommentar", "alias-i-seg-selv", "styretegn-etter-tom-linje",
        "styretegn-paa-linje-to", "liste-som-feltnavn"])
def test_a_file_that_cannot_be_read_has_no_value_and_one_located_error(tmp_path, data,
                                                                         expected):
    assert _problems(tmp_path, data) == (None, [(expected, "yaml")])


def test_what_the_yaml_reader_finds_inside_a_value_is_a_yaml_error(tmp_path):
    """A repeated key and a comment after a value (also after a tab) are the reader's finds,
    under its rule, with the value as YAML reads it."""
    assert _problems(tmp_path, b"a: 1\na: 2\nt: Brevet\t# se referat\n") == (
        {"a": 2, "t": "Brevet"},
        [("2:1: a: feltet 'a' står to ganger (første gang på linje 1); behold bare ett av dem",
          "yaml"),
         ("3:4: t: YAML leser alt fra # som en kommentar, så «# se referat» blir borte; skal det "
          "stå i verdien, sett hele verdien i anførselstegn: \"Brevet # se referat\". Er det en "
          "kommentar, flytt den til en egen linje", "yaml")])


def test_a_field_name_written_as_a_date_stays_that_text(tmp_path):
    assert _problems(tmp_path, b"2025-03-14: a\n") == ({"2025-03-14": "a"}, [])
