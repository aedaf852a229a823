"""The spreadsheet for a reporting round: write one row per tiltak, read the filled-in rows.

`write_sheet` makes an .xlsx file (Excel and LibreOffice) where `Nummer`, `Tiltak` and
`Status nå` are grey and locked, `Ny status` is a list of the status names, and the header row
stays in view. `read_sheet` reads it back. openpyxl writes the list and the date rule but never
enforces them, and a reporter can paste anything into a cell, so every cell is checked again
with the same rules as the "Meld status" form (`reports.parse_report`). `import_sheet` appends
all the rows with the shared writer, or none: one bad row and nothing is written, and every
problem names the row as Excel numbers it and the column.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .load import load_plan
from .logwriter import LogReport, group_by_file, write_reports
from .model import Measure, Plan
from .text import norwegian_date
from .reports import parse_report
from .settings import build_date, data_dir

if TYPE_CHECKING:  # openpyxl is imported when a sheet is written or read, not with the package
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.datavalidation import DataValidation

SHEET_TITLE = "Statusrapport"
HEADER_ROW = 1
LOCKED_FILL = "D9D9D9"   # grey: read-only; the text on it stays dark enough to read (AA)
HEADER_FILL = "BFBFBF"
TEXT_COLOUR = "1F1F1F"
DATE_FORMAT = "yyyy-mm-dd"
LINE_HEIGHT = 15  # points per line of 11 pt Calibri (Excel) or Carlito (LibreOffice)
MIN_LINES = 3     # room to write in a row without resizing it


@dataclass(frozen=True)
class Column:
    """A column of the sheet: its header, the report field it holds ("": shown only),
    its width in characters, and whether the reporter fills it in."""

    header: str
    field: str
    width: int
    editable: bool
    prompt: str = ""


COLUMNS = (
    Column("Nummer", "tiltak", 10, False),
    Column("Tiltak", "", 55, False),
    Column("Status nå", "", 24, False),
    Column("Ny status", "status", 18, True,
           "Velg statusen tiltaket har nå. La feltet stå tomt hvis du ikke melder noe."),
    Column("Dato", "dato", 13, True,
           "Datoen statusen gjelder fra, som år-måned-dag (2025-03-14). Tomt betyr i dag."),
    Column("Hva er gjort", "tekst", 55, True,
           "Én eller noen få setninger om hva som er gjort eller bestemt. Publiseres på "
           "nettstedet."),
    Column("Lenke", "lenke", 32, True,
           "Valgfri lenke til mer informasjon. Må begynne med https://, http:// eller mailto:."),
)


class SheetErrors(Exception):
    """Problems in a filled-in sheet, each a Norwegian line naming the row and column."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"Fant {len(self.problems)} feil i {self.path}. Ingenting ble lagt inn."]
        return "\n".join(lines + self.problems)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def current_status(plan: Plan, measure: Measure) -> str:
    """The status a tiltak has now, as the `Status nå` column says it."""
    status = plan.status_of(measure)
    if measure.latest is None:
        return status.name
    text = f"{status.name}, {norwegian_date(measure.latest.date)}"
    return text + " (ikke oppdatert på lenge)" if plan.is_stale(measure) else text


def _text_safe(cell: Cell) -> Cell:
    """openpyxl writes a text that starts with "=" as a formula: the plan's text stays text."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def measure_cell_text(measure: Measure) -> str:
    """The tiltak's text with its sub-items, as shown in the `Tiltak` column."""
    return "\n".join([measure.text, *(f"– {item}" for item in measure.items)])


def _lines(text: str, width: int) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (an estimate)."""
    per_line = max(1, width - 2)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def write_sheet(plan: Plan, path: Path) -> None:
    """Write the reporting sheet for every tiltak of the plan to `path` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET_TITLE
    workbook.properties.title = f"Statusrapport – {plan.title}"
    workbook.properties.creator = plan.organisation
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
    dark = Font(color=TEXT_COLOUR)

    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True, color=TEXT_COLOUR)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = border
        sheet.column_dimensions[_letter(index)].width = column.width

    for row, measure in enumerate(plan.measures, HEADER_ROW + 1):
        shown = {"Nummer": measure.id, "Tiltak": measure_cell_text(measure),
                 "Status nå": current_status(plan, measure)}
        for index, column in enumerate(COLUMNS, 1):
            cell = _text_safe(sheet.cell(row, index, shown.get(column.header)))
            cell.alignment, cell.border, cell.font = wrap, border, dark
            if column.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = locked_fill
            if column.field == "tiltak":
                cell.number_format = "@"
            if column.field == "dato":
                cell.number_format = DATE_FORMAT
        # Neither program sizes rows to wrapped text when it opens a file, so set the height.
        lines = max(_lines(str(shown.get(c.header) or ""), c.width) for c in COLUMNS)
        sheet.row_dimensions[row].height = max(lines, MIN_LINES) * LINE_HEIGHT + 3

    last = HEADER_ROW + len(plan.measures)
    status_list = _list_formula(workbook, [s.name for s in plan.statuses])
    for index, column in enumerate(COLUMNS, 1):
        if column.editable:
            rule = _rule(column, status_list)
            sheet.add_data_validation(rule)
            rule.add(f"{_letter(index)}{HEADER_ROW + 1}:{_letter(index)}{last}")

    sheet.freeze_panes = f"B{HEADER_ROW + 1}"  # the header row and Nummer stay in view
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Locked without a password: the lock keeps the grey columns from being changed by
    # mistake, not by intent (Excel: Se gjennom › Opphev beskyttelse av ark).
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False
    sheet.protection.insertHyperlinks = False
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _rule(column: Column, status_list: str) -> DataValidation:
    """What Excel and LibreOffice check as the reporter types in a column (import checks it
    all again), and the hint the column shows when a cell is selected."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.field == "status":
        rule = DataValidation(type="list", formula1=status_list, showErrorMessage=True,
                              errorTitle="Ukjent status", error="Velg en av statusene i listen.")
    elif column.field == "dato":
        rule = DataValidation(type="date", operator="lessThanOrEqual", formula1="TODAY()",
                              showErrorMessage=True, errorTitle="Ugyldig dato",
                              error="Skriv en dato som år-måned-dag, for eksempel 2025-03-14, "
                                    "og ikke etter i dag.")
    else:
        rule = DataValidation()
    rule.allow_blank, rule.showInputMessage = True, True
    rule.promptTitle, rule.prompt = column.header, column.prompt
    return rule


def _list_formula(workbook: Workbook, names: list[str]) -> str:
    """The status list for the dropdown: inline when it can be, else on a hidden sheet."""
    inline = ",".join(names)
    if len(inline) <= 250 and not any("," in n or '"' in n for n in names):
        return f'"{inline}"'
    hidden = workbook.create_sheet("Statuser")
    for row, name in enumerate(names, 1):
        _text_safe(hidden.cell(row, 1, name))
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    return f"Statuser!$A$1:$A${len(names)}"


def _open(path: Path) -> Workbook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        raise SheetErrors(path, [f"Fant ikke filen {path}."])
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetErrors(path, [
            f"Kan ikke lese {path} som et regneark ({type(exc).__name__}). Lagre det som "
            f"Excel-arbeidsbok (.xlsx) uten passord, og prøv igjen."]) from None


def _cell_value(cell: Cell | MergedCell) -> object:
    """What a cell holds; for a link cell, the address it links to."""
    link = getattr(cell, "hyperlink", None)
    return link.target if link is not None and link.target else cell.value


def read_sheet(path: Path, plan: Plan, today: dt.date) -> list[LogReport]:
    """The reports in a filled-in sheet, or SheetErrors listing every problem in it."""
    workbook = _open(path)
    sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
    headers = {str(c.value).strip().casefold(): c.column
               for c in sheet[HEADER_ROW] if c.value is not None}
    wanted = [c for c in COLUMNS if c.field]
    missing = [c.header for c in wanted if c.header.casefold() not in headers]
    if missing:
        raise SheetErrors(path, [
            f"Rad {HEADER_ROW}: fant ikke kolonnen «{h}» (overskriftene skal være "
            f"{', '.join('«' + c.header + '»' for c in COLUMNS)})" for h in missing])
    where = {c.field: headers[c.header.casefold()] for c in wanted}
    header_of = {c.field: c.header for c in wanted}
    reports: list[LogReport] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        cells = {cell.column: cell for cell in row}
        values = {field: (_cell_value(cells[col]) if col in cells else None)
                  for field, col in where.items()}
        filled = [f for f in ("status", "dato", "tekst", "lenke")
                  if values[f] is not None and str(values[f]).strip()]
        if not filled:
            continue
        number = row[0].row or 0
        report, found = parse_report(plan, values, today)
        for problem in found:
            col = where[problem.field]
            problems.append(f"Rad {number}, kolonne {_letter(col)} "
                            f"({header_of[problem.field]}): {problem.render()}")
        if report is None:
            continue
        if report.measure_id in seen:
            col = where["tiltak"]
            problems.append(f"Rad {number}, kolonne {_letter(col)} ({header_of['tiltak']}): "
                            f"tiltak {report.measure_id} står også i rad "
                            f"{seen[report.measure_id]}; meld hvert tiltak bare én gang")
            continue
        seen[report.measure_id] = number
        reports.append(report)
    if problems:
        raise SheetErrors(path, problems)
    return reports


def import_sheet(path: Path, folder: Path | None = None,
                 today: dt.date | None = None) -> dict[Path, list[LogReport]]:
    """Append every filled-in row of the sheet, or none; returns the reports per file written.

    Raises SheetErrors for problems in the sheet and DataErrors for problems in the data.
    """
    folder = folder or data_dir()
    today = today or build_date()
    plan = load_plan(folder, today)
    reports = read_sheet(path, plan, today)
    if not reports:
        return {}
    write_reports(reports, folder, today)
    return group_by_file(plan, reports)
