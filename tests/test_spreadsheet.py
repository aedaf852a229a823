"""The reporting spreadsheet: written for every tiltak, filled in, read back all or nothing.

openpyxl stands in for the reporter's Excel; one test also saves the sheet in LibreOffice when
it is installed. Everything works on a temporary copy of the example data.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from commandline import folder_hash, run_main
from conftest import BUILD_DATE, EXAMPLE_DATA
from macros.load import load_plan
from macros.spreadsheet import (COLUMNS, SHEET_TITLE, SheetErrors, import_sheet, read_sheet,
                                write_sheet)

TODAY = dt.date.fromisoformat(BUILD_DATE)
HEADERS = ["Nummer", "Tiltak", "Status nå", "Ny status", "Dato", "Hva er gjort", "Lenke"]
NAMES = '"Ikke startet,Pågår,Løpende,Fullført,Utsatt,Ikke videreført"'


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)


@pytest.fixture
def data(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


@pytest.fixture
def sheet(tmp_path, data) -> Path:
    path = tmp_path / "statusrapport.xlsx"
    write_sheet(load_plan(data, TODAY), path)
    return path


def fill(path: Path, rows: dict[int, dict[str, object]], save_as: Path | None = None) -> Path:
    """Type values into the sheet as a reporter would: {row: {header: value}}."""
    workbook = load_workbook(path)
    worksheet = workbook[SHEET_TITLE]
    for row, values in rows.items():
        for header, value in values.items():
            worksheet.cell(row, HEADERS.index(header) + 1, value)
    workbook.save(save_as or path)
    return save_as or path


def log(folder: Path, measure_id: str) -> list[tuple]:
    measure = load_plan(folder, TODAY).measures_by_id[measure_id]
    return sorted(((e.date, e.status.id, e.text, e.link) for e in measure.log),
                  key=lambda e: e[0])


def cells(path: Path) -> list[list[object]]:
    """The value of every cell of the sheet, row by row."""
    return [[c.value for c in row] for row in load_workbook(path)[SHEET_TITLE].iter_rows()]


def test_one_row_per_tiltak_with_locked_grey_columns(sheet, data):
    plan = load_plan(data, TODAY)
    worksheet = load_workbook(sheet)[SHEET_TITLE]
    assert [c.value for c in worksheet[1]] == HEADERS
    assert worksheet.max_row == 1 + len(plan.measures) == 34
    assert [worksheet.cell(r, 1).value for r in range(2, 35)] == [m.id for m in plan.measures]
    assert worksheet["B2"].value == plan.measures[0].text
    assert worksheet["C2"].value == "Pågår, 15. september 2026"
    assert worksheet["C4"].value == "Ikke rapportert"
    row_351 = 2 + [m.id for m in plan.measures].index("3.5.1")
    assert worksheet.cell(row_351, 2).value.split("\n")[1].startswith("– ")
    stale = 2 + [m.id for m in plan.measures].index("3.2.1")
    assert worksheet.cell(stale, 3).value == "Pågår, 1. desember 2025 (ikke oppdatert på lenge)"
    assert worksheet.protection.sheet is True and worksheet.protection.password is None
    for row in (2, 20, 34):
        for column, header in enumerate(HEADERS, 1):
            cell = worksheet.cell(row, column)
            locked = header in ("Nummer", "Tiltak", "Status nå")
            assert cell.protection.locked is locked, (row, header)
            assert (cell.fill.fgColor.rgb == "00D9D9D9") is locked, (row, header)
            assert cell.alignment.wrap_text is True
    assert worksheet["E2"].number_format == "yyyy-mm-dd"
    assert worksheet["A2"].number_format == "@"


def test_status_list_date_rule_widths_and_frozen_header(sheet):
    worksheet = load_workbook(sheet)[SHEET_TITLE]
    rules = {str(r.sqref): r for r in worksheet.data_validations.dataValidation}
    assert set(rules) == {"D2:D34", "E2:E34", "F2:F34", "G2:G34"}
    assert (rules["D2:D34"].type, rules["D2:D34"].formula1) == ("list", NAMES)
    assert rules["D2:D34"].showDropDown in (None, False)  # False means: show the arrow
    assert (rules["E2:E34"].type, rules["E2:E34"].operator, rules["E2:E34"].formula1) == (
        "date", "lessThanOrEqual", "TODAY()")
    assert rules["F2:F34"].prompt.startswith("Én eller noen få setninger")
    assert worksheet.freeze_panes == "B2"
    assert {c.header: worksheet.column_dimensions[chr(64 + i)].width
            for i, c in enumerate(COLUMNS, 1)} == {
        "Nummer": 10, "Tiltak": 55, "Status nå": 24, "Ny status": 18, "Dato": 13,
        "Hva er gjort": 55, "Lenke": 32}
    assert all(worksheet.row_dimensions[r].height >= 48 for r in range(2, 35))
    assert worksheet.print_title_rows == "$1:$1"


def _look(cell) -> tuple:
    """How a cell looks and whether it is locked: bold, text colour, fill, the four borders,
    wrapping, vertical alignment, locked."""
    sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
    return (cell.font.b, cell.font.color.rgb, cell.fill.patternType, cell.fill.fgColor.rgb,
            [(side.style, side.color.rgb) for side in sides], cell.alignment.wrap_text,
            cell.alignment.vertical, cell.protection.locked)


def test_the_sheet_looks_and_prints_as_designed(sheet):
    workbook = load_workbook(sheet)
    worksheet = workbook[SHEET_TITLE]
    assert (workbook.properties.title, workbook.properties.creator) == (
        "Statusrapport – Handlingsplan for Norsk kulturskoleråd Oslo og Viken",
        "Norsk kulturskoleråd Oslo og Viken")
    borders = [("thin", "00808080")] * 4
    header = (True, "001F1F1F", "solid", "00BFBFBF", borders, True, "center", True)
    locked = (False, "001F1F1F", "solid", "00D9D9D9", borders, True, "top", True)
    editable = (False, "001F1F1F", None, "00000000", borders, True, "top", False)
    for column, _ in enumerate(HEADERS, 1):
        assert _look(worksheet.cell(1, column)) == header, column
        for row in (2, 34):
            assert _look(worksheet.cell(row, column)) == (locked if column <= 3 else editable)
    # Rows are as high as their longest wrapped text, at least three lines of 15 points (+3):
    # 3.5.1 (row 29) has three lines of text and five sub-items.
    heights = {row: worksheet.row_dimensions[row].height for row in range(2, 35)}
    assert heights == {**{row: 48.0 for row in range(2, 35)}, 16: 63.0, 20: 78.0, 23: 63.0,
                       25: 63.0, 28: 63.0, 29: 123.0, 33: 63.0}
    rules = [(str(r.sqref), r.type, r.operator, r.formula1, r.showErrorMessage, r.errorTitle,
              r.error, r.allow_blank, r.showInputMessage, r.promptTitle, r.prompt)
             for r in worksheet.data_validations.dataValidation]
    assert rules == [
        ("D2:D34", "list", None, NAMES, True, "Ukjent status", "Velg en av statusene i listen.",
         True, True, "Ny status",
         "Velg statusen tiltaket har nå. La feltet stå tomt hvis du ikke melder noe."),
        ("E2:E34", "date", "lessThanOrEqual", "TODAY()", True, "Ugyldig dato",
         "Skriv en dato som år-måned-dag, for eksempel 2025-03-14, og ikke etter i dag.",
         True, True, "Dato",
         "Datoen statusen gjelder fra, som år-måned-dag (2025-03-14). Tomt betyr i dag."),
        ("F2:F34", None, None, None, False, None, None, True, True, "Hva er gjort",
         "Én eller noen få setninger om hva som er gjort eller bestemt. Publiseres på "
         "nettstedet."),
        ("G2:G34", None, None, None, False, None, None, True, True, "Lenke",
         "Valgfri lenke til mer informasjon. Må begynne med https://, http:// eller mailto:."),
    ]
    setup = worksheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight,
            worksheet.sheet_properties.pageSetUpPr.fitToPage) == ("landscape", 1, 0, True)
    protection = worksheet.protection
    assert (protection.sheet, protection.formatColumns, protection.formatRows,
            protection.insertHyperlinks) == (True, False, False, False)
    assert workbook.sheetnames == [SHEET_TITLE]  # the status names fit inline


def test_status_names_that_cannot_be_listed_inline_go_on_a_hidden_sheet(tmp_path, data):
    plan_file = data / "plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(
        'navn: "Pågår"', 'navn: "Pågår, i rute"'), encoding="utf-8")
    path = tmp_path / "ark.xlsx"
    write_sheet(load_plan(data, TODAY), path)
    workbook = load_workbook(path)
    assert workbook["Statuser"].sheet_state == "hidden"
    assert workbook["Statuser"].protection.sheet is True
    assert [workbook["Statuser"].cell(r, 1).value for r in range(1, 7)][:2] == [
        "Ikke startet", "Pågår, i rute"]
    rule = next(r for r in workbook[SHEET_TITLE].data_validations.dataValidation
                if r.type == "list")
    assert rule.formula1 == "Statuser!$A$1:$A$6"
    fill(path, {3: {"Ny status": "Pågår, i rute", "Hva er gjort": "I gang."}})
    assert [r.status for r in read_sheet(path, load_plan(data, TODAY), TODAY)] == ["pagar"]


INLINE = "Ikke startet,Pågår,Løpende,Fullført,Utsatt,Ikke videreført"


@pytest.mark.parametrize("renamed, inline", [
    ("Utsatt" + "x" * (250 - len(INLINE)), True),  # 250 characters: Excel's limit, inline
    ("Utsatt" + "x" * (251 - len(INLINE)), False),
    ('Utsatt "på vent"', False),  # a quote would end the inline list
])
def test_the_status_list_is_inline_up_to_250_characters(tmp_path, data, renamed, inline):
    plan_file = data / "plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(
        'navn: "Utsatt"', f"navn: '{renamed}'"), encoding="utf-8")
    path = tmp_path / "ark.xlsx"
    write_sheet(load_plan(data, TODAY), path)
    workbook = load_workbook(path)
    rule = next(r for r in workbook[SHEET_TITLE].data_validations.dataValidation
                if r.type == "list")
    names = INLINE.replace("Utsatt", renamed)
    assert (workbook.sheetnames, rule.formula1) == (
        ([SHEET_TITLE], f'"{names}"') if inline else
        ([SHEET_TITLE, "Statuser"], "Statuser!$A$1:$A$6"))


def test_a_formula_is_read_as_its_value_never_as_its_text(sheet, data):
    """A cell with a formula counts by what it shows; openpyxl saves no value for it, so the
    row is empty, and the formula's own text is never imported."""
    fill(sheet, {2: {"Hva er gjort": '="Ferdig"'}})
    assert read_sheet(sheet, load_plan(data, TODAY), TODAY) == []


def test_filled_rows_are_imported_and_empty_rows_skipped(sheet, data):
    area = data / "omrader" / "1-mangfold.yaml"
    before = area.read_text(encoding="utf-8")
    fill(sheet, {
        2: {"Ny status": "Pågår", "Dato": dt.datetime(2026, 10, 3),
            "Hva er gjort": "Første linje: «sitat» #1\nAndre linje", "Lenke": "https://example.org/r"},
        4: {"Ny status": "fullført", "Dato": "2026-10-04", "Hva er gjort": 'Ferdig "helt"'},
        5: {"Ny status": "Utsatt", "Hva er gjort": "  Tom dato er i dag  "},
        6: {"Dato": None, "Hva er gjort": None},
    })
    written = import_sheet(sheet, data, TODAY)
    assert {p.name: [r.measure_id for r in reports] for p, reports in written.items()} == {
        "1-mangfold.yaml": ["1.1.1", "1.1.3", "1.1.4"]}
    assert log(data, "1.1.1")[-1] == (dt.date(2026, 10, 3), "pagar",
                                      "Første linje: «sitat» #1\nAndre linje",
                                      "https://example.org/r")
    assert log(data, "1.1.3") == [(dt.date(2026, 10, 4), "fullfort", 'Ferdig "helt"', None)]
    assert log(data, "1.1.4") == [(TODAY, "utsatt", "Tom dato er i dag", None)]
    after = area.read_text(encoding="utf-8")
    old_lines = before.splitlines(keepends=True)
    remaining = iter(after.splitlines(keepends=True))
    assert all(any(line == new for new in remaining) for line in old_lines)


def test_a_full_sheet_of_33_rows_is_imported(sheet, data):
    plan = load_plan(data, TODAY)
    fill(sheet, {row: {"Ny status": "Løpende", "Hva er gjort": f"Rad {row}."}
                 for row in range(2, 35)})
    written = import_sheet(sheet, data, TODAY)
    assert sum(len(r) for r in written.values()) == 33
    after = load_plan(data, TODAY)
    for measure in plan.measures:
        assert len(after.measures_by_id[measure.id].log) == len(measure.log) + 1
        assert after.status_of(after.measures_by_id[measure.id]).id == "lopende"


def test_one_bad_row_refuses_the_whole_sheet_naming_row_and_column(sheet, data):
    fill(sheet, {
        2: {"Ny status": "Pågår", "Hva er gjort": "Denne raden er i orden."},
        4: {"Ny status": "Ferdig", "Dato": "2025-02-30", "Hva er gjort": "Feil status og dato."},
        7: {"Dato": "14.03.2025", "Hva er gjort": "Status mangler."},
        9: {"Ny status": "Utsatt", "Lenke": "www.example.org"},
        10: {"Ny status": "Utsatt", "Dato": "i går", "Hva er gjort": "Ord som dato."},
        11: {"Nummer": "9.9.9", "Ny status": "Utsatt", "Hva er gjort": "Endret nummer."},
        12: {"Ny status": "Utsatt", "Dato": dt.date(2026, 11, 2), "Hva er gjort": "Fremtid."},
    })
    before = folder_hash(data)
    with pytest.raises(SheetErrors) as caught:
        import_sheet(sheet, data, TODAY)
    assert folder_hash(data) == before
    allowed = ("(tillatt: 'Ikke startet', 'Pågår', 'Løpende', 'Fullført', 'Utsatt', "
               "'Ikke videreført')")
    assert caught.value.report().splitlines()[0] == (
        f"Fant 9 feil i {sheet}. Ingenting ble lagt inn.")
    assert caught.value.problems == [
        f"Rad 4, kolonne D (Ny status): 'Ferdig' er ikke en status {allowed}",
        "Rad 4, kolonne E (Dato): '2025-02-30' er ikke en dato som finnes (år-måned-dag, for "
        "eksempel 2025-03-14)",
        f"Rad 7, kolonne D (Ny status): mangler: velg en av {allowed[10:-1]}",
        "Rad 7, kolonne E (Dato): '14.03.2025' er ikke en dato på formen år-måned-dag, for "
        "eksempel 2025-03-14 – mente du '2025-03-14'?",
        "Rad 9, kolonne F (Hva er gjort): mangler: skriv kort hva som er gjort eller bestemt",
        "Rad 9, kolonne G (Lenke): 'www.example.org' er ikke en lenke som kan brukes; skriv "
        "https:// foran (den må begynne med https://, http:// eller mailto: og kan ikke ha "
        "mellomrom)",
        "Rad 10, kolonne E (Dato): 'i går' er ikke en dato på formen år-måned-dag, for "
        "eksempel 2025-03-14",
        "Rad 11, kolonne A (Nummer): '9.9.9' er ikke et tiltak i planen (skriv nummeret slik "
        "det står på nettstedet, for eksempel 1.1.1)",
        "Rad 12, kolonne E (Dato): 2026-11-02 er etter i dag (1. november 2026); en "
        "statusmelding gjelder noe som er gjort",
    ]



def test_the_error_says_its_report_when_printed(tmp_path):
    path = tmp_path / "ark.xlsx"
    assert str(SheetErrors(path, ["Rad 2, kolonne D (Ny status): mangler"])) == (
        f"Fant 1 feil i {path}. Ingenting ble lagt inn.\n"
        "Rad 2, kolonne D (Ny status): mangler")


def test_import_checks_data_sheet_and_writing_against_the_given_date(tmp_path, sheet, data):
    """A later date than the build date: reports up to it are accepted everywhere."""
    later = TODAY + dt.timedelta(days=30)
    fill(sheet, {2: {"Ny status": "Pågår", "Dato": TODAY + dt.timedelta(days=10),
                     "Hva er gjort": "Etter byggedatoen."}})
    assert [r.measure_id for r in import_sheet(sheet, data, later)[
        data / "omrader" / "1-mangfold.yaml"]] == ["1.1.1"]
    second = tmp_path / "neste.xlsx"
    write_sheet(load_plan(data, later), second)
    fill(second, {3: {"Ny status": "Utsatt", "Hva er gjort": "Tom dato er den gitte datoen."}})
    import_sheet(second, data, later)
    plan = load_plan(data, later)
    assert [max((e.date, e.status.id, e.text) for e in plan.measures_by_id[m].log)
            for m in ("1.1.1", "1.1.2")] == [
        (TODAY + dt.timedelta(days=10), "pagar", "Etter byggedatoen."),
        (later, "utsatt", "Tom dato er den gitte datoen.")]


def test_a_tiltak_twice_is_refused(sheet, data):
    fill(sheet, {2: {"Ny status": "Pågår", "Hva er gjort": "A"},
                 3: {"Nummer": "1.1.1", "Ny status": "Utsatt", "Hva er gjort": "B"},
                 4: {"Ny status": "Ferdig", "Hva er gjort": "C"},
                 5: {"Hva er gjort": "   "}})  # only spaces: an empty row
    with pytest.raises(SheetErrors) as caught:
        read_sheet(sheet, load_plan(data, TODAY), TODAY)
    assert caught.value.problems == [
        "Rad 3, kolonne A (Nummer): tiltak 1.1.1 står også i rad 2; meld hvert tiltak bare én "
        "gang",
        "Rad 4, kolonne D (Ny status): 'Ferdig' er ikke en status (tillatt: 'Ikke startet', "
        "'Pågår', 'Løpende', 'Fullført', 'Utsatt', 'Ikke videreført')"]


def test_a_link_cell_gives_its_address(sheet, data):
    workbook = load_workbook(sheet)
    worksheet = workbook[SHEET_TITLE]
    worksheet["D2"], worksheet["F2"], worksheet["G2"] = "Pågår", "Med lenke.", "referatet"
    worksheet["G2"].hyperlink = "https://example.org/referat-2"
    workbook.save(sheet)
    [report] = read_sheet(sheet, load_plan(data, TODAY), TODAY)
    assert report.link == "https://example.org/referat-2"


def test_sheet_without_the_columns_is_refused(tmp_path, data):
    path = tmp_path / "annet.xlsx"
    workbook = Workbook()
    workbook.active.append(["Nummer", "Status"])
    workbook.save(path)
    with pytest.raises(SheetErrors) as caught:
        read_sheet(path, load_plan(data, TODAY), TODAY)
    assert caught.value.problems[0] == (
        "Rad 1: fant ikke kolonnen «Ny status» (overskriftene skal være «Nummer», «Tiltak», "
        "«Status nå», «Ny status», «Dato», «Hva er gjort», «Lenke»)")
    assert len(caught.value.problems) == 4
    assert caught.value.report().splitlines()[0] == f"Fant 4 feil i {path}. Ingenting ble lagt inn."


def test_the_sheet_is_found_by_its_name_and_written_into_a_new_folder(tmp_path, data):
    path = tmp_path / "ny" / "mappe" / "ark.xlsx"
    write_sheet(load_plan(data, TODAY), path)
    workbook = load_workbook(path)
    workbook.create_sheet("Notater", 0)  # a reporter's own sheet first
    workbook[SHEET_TITLE]["D3"], workbook[SHEET_TITLE]["F3"] = "Pågår", "I gang."
    workbook.save(path)
    assert [r.measure_id for r in read_sheet(path, load_plan(data, TODAY), TODAY)] == ["1.1.2"]


@pytest.mark.parametrize("length, lines", [(53, 1), (54, 2), (106, 2), (107, 3)])
def test_row_height_counts_the_lines_a_55_wide_column_wraps_to(length, lines):
    from macros.spreadsheet import _lines

    assert _lines("x" * length, 55) == lines
    assert _lines("x" * length + "\nkort", 55) == lines + 1


def _cli(*args: str) -> subprocess.CompletedProcess:
    code, out, err = run_main(list(args))
    return subprocess.CompletedProcess(args, code, out, err)


def test_commands_write_refuse_to_overwrite_and_import(tmp_path, data):
    path = tmp_path / "runde.xlsx"
    made = _cli("rapportskjema", str(path), "--data", str(data))
    assert made.returncode == 0, made.stderr
    assert made.stdout == (f"Skrev {path} med 33 tiltak. Fyll ut Ny status, Dato, Hva er gjort "
                           f"og eventuelt Lenke på tiltakene du melder, lagre, og les arket inn "
                           f"med make importer FIL={path}\n")
    again = _cli("rapportskjema", str(path), "--data", str(data))
    assert again.returncode == 2
    assert again.stderr == (f"{path} finnes fra før, og kan være fylt ut. Velg et annet navn, "
                            f"eller bruk --overwrite for å skrive over den.\n")
    csv = _cli("rapportskjema", str(tmp_path / "x.csv"), "--data", str(data))
    assert (csv.returncode, csv.stdout, csv.stderr) == (
        2, "", f"Filnavnet må slutte på .xlsx (fikk {tmp_path / 'x.csv'}).\n")
    empty = _cli("importer", str(path), "--data", str(data))
    assert (empty.returncode, empty.stdout) == (
        0, f"Ingen rader i {path} har Ny status fylt ut. Ingenting ble lagt inn.\n")
    fill(path, {3: {"Ny status": "Pågår", "Hva er gjort": "I gang."}})
    done = _cli("importer", str(path), "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"La inn 1 statusmelding fra {path}:\n"
                           f"  {data / 'omrader/1-mangfold.yaml'}: tiltak 1.1.2\n"
                           f"Se endringen med make diff, og send den som en pull request.\n")
    second = tmp_path / "runde-2.xlsx"
    assert _cli("rapportskjema", str(second), "--data", str(data)).returncode == 0
    fill(second, {4: {"Ny status": "Pågår", "Hva er gjort": "I gang."},
                  5: {"Ny status": "Utsatt", "Hva er gjort": "Vent."},
                  14: {"Ny status": "Fullført", "Hva er gjort": "Ferdig."}})
    more = _cli("importer", str(second), "--data", str(data))
    assert (more.returncode, more.stderr) == (0, "")
    assert more.stdout.splitlines()[:3] == [
        f"La inn 3 statusmeldinger fra {second}:",
        f"  {data / 'omrader/1-mangfold.yaml'}: tiltak 1.1.3, 1.1.4",
        f"  {data / 'omrader/2-fordypning.yaml'}: tiltak 2.1.1"]


def test_rapportskjema_names_the_sheet_by_the_date_and_reads_the_data_given(tmp_path, data,
                                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAN_DATA_DIR", str(tmp_path / "finnes-ikke"))  # only --data is read
    name = f"statusrapport-{BUILD_DATE}.xlsx"
    said = (0, f"Skrev {name} med 33 tiltak. Fyll ut Ny status, Dato, Hva er gjort og eventuelt "
               f"Lenke på tiltakene du melder, lagre, og les arket inn med make importer "
               f"FIL={name}\n", "")
    assert run_main(["rapportskjema", "--data", str(data)]) == said
    write_sheet(load_plan(data, TODAY), tmp_path / "fasit.xlsx")
    assert cells(tmp_path / name) == cells(tmp_path / "fasit.xlsx")
    assert run_main(["rapportskjema", "--overwrite", "--data", str(data)]) == said


@pytest.mark.parametrize("content,name", [(b"Nummer;Ny status\n", "ark.xlsx"),
                                          (None, "finnes-ikke.xlsx")])
def test_a_file_that_is_not_a_sheet_is_a_clear_error(tmp_path, data, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _cli("importer", str(path), "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = (f"Kan ikke lese {path} som et regneark (BadZipFile). Lagre det som "
                f"Excel-arbeidsbok (.xlsx) uten passord, og prøv igjen." if content else
                f"Fant ikke filen {path}.")
    assert result.stderr.splitlines() == [f"Fant 1 feil i {path}. Ingenting ble lagt inn.",
                                          expected]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice er ikke installert")
def test_libreoffice_keeps_the_sheet_usable(tmp_path, sheet, data):
    """Save the filled-in sheet in LibreOffice (headless) and import what it wrote."""
    fill(sheet, {2: {"Ny status": "Pågår", "Dato": dt.datetime(2026, 10, 3),
                     "Hva er gjort": "Fra LibreOffice: «ok»"},
                 8: {"Ny status": "Løpende", "Dato": "2026-10-05", "Hva er gjort": "Tekstdato."}})
    out = tmp_path / "libreoffice"
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                             "--convert-to", "xlsx", "--outdir", str(out), str(sheet)],
                            capture_output=True, text=True, timeout=180)
    saved = out / sheet.name
    assert saved.is_file(), result.stdout + result.stderr
    worksheet = load_workbook(saved)[SHEET_TITLE]
    assert worksheet.protection.sheet is True
    assert worksheet["A2"].protection.locked is True and worksheet["D2"].protection.locked is False
    assert any(r.formula1 == NAMES for r in worksheet.data_validations.dataValidation)
    import_sheet(saved, data, TODAY)
    assert log(data, "1.1.1")[-1] == (dt.date(2026, 10, 3), "pagar", "Fra LibreOffice: «ok»",
                                      None)
    assert log(data, "1.1.7") == [(dt.date(2026, 10, 5), "lopende", "Tekstdato.", None)]


def test_a_plan_text_that_starts_like_a_formula_is_written_as_text(tmp_path, data):
    """openpyxl writes any text that starts with "=" as a formula; the sheet must show the plan's
    text as it is, never run it (CSV injection, the spreadsheet way)."""
    area = data / "omrader" / "1-mangfold.yaml"
    text = '=HYPERLINK("https://example.org";"Eksempel: klikk")'
    area.write_text(area.read_text(encoding="utf-8").replace(
        '"Etablere et samarbeid med en relevant tilbyder av sertifisering i mangfoldsledelse."',
        "'" + text + "'", 1), encoding="utf-8")
    path = tmp_path / "ark.xlsx"
    write_sheet(load_plan(data, TODAY), path)
    cell = load_workbook(path)[SHEET_TITLE].cell(2, 2)
    assert (cell.value, cell.data_type) == (text, "s")
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
