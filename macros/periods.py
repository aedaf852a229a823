"""Reporting periods: the plan's `perioder`, the report of each period, and freezing it.

A period is `{id, navn, fra, til}` in `data/plan.yaml`. Its report compares the status of every
tiltak at the start (the day before `fra`) and at the end (`til`; the build date while the
period runs, which makes the report "foreløpig"), and lists every log entry dated inside it.
All statuses come from `Plan.status_on`, the one rule for status on a date.

After the årsmøte has approved a report, `python -m macros fastsett <id>` freezes it in
`data/perioder/<id>.yaml` (a snapshot). From then on the report is built from the snapshot, and
anything the live log says differently about the period is listed as a note on the page and as a
warning from `make check`, with the file and line of the entry.

The loader calls `check_plan` and `check_snapshot` (located `DataError`s, like every other
check) and `build_periods`; everything else works on the built `Plan`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from .errors import DataError, allowed_list
from .model import LogEntry, Measure, Plan, Status
from .text import markdown_text, norwegian_date
from .urls import absolute

if TYPE_CHECKING:  # for annotations only: the loader imports this module and renders nothing
    from .render import Renderer

SNAPSHOT_DIR = "perioder"  # data/perioder/<id>.yaml
SNAPSHOT_SCHEMA = "periode.schema.json"
SNAPSHOT_SCHEMA_REF = f"../schema/{SNAPSHOT_SCHEMA}"
UNREPORTED_ID = "ikke-rapportert"
PAGES_URL = "perioder/"
DATA_URL = "data/perioder/"
PERIOD_MACRO = "periodeside"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The schema of the published data/perioder/<id>.json (copied to site/data/schema/).
JSON_SCHEMA = Path(__file__).resolve().parent / "periode-json.schema.json"

Where = Callable[[tuple], tuple[int, int]]  # a path in a YAML document -> (line, column)

# What a period's report is, by the build date and whether it was frozen.
UPCOMING, PROVISIONAL, ENDED, FIXED = "kommende", "foreløpig", "avsluttet", "fastsatt"


# Model ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SnapshotEntry:
    """A log entry as it was frozen: status by id, `line` in the snapshot file."""

    date: dt.date
    status: str
    text: str
    link: str | None
    line: int

    @property
    def key(self) -> tuple:
        return self.date, self.status, self.text, self.link


@dataclass(frozen=True)
class SnapshotRow:
    """One tiltak in a snapshot; `log` holds the entries inside the period, newest first."""

    id: str
    start: str
    end: str
    log: tuple[SnapshotEntry, ...]
    line: int


@dataclass(frozen=True)
class Snapshot:
    """A frozen report (`data/perioder/<id>.yaml`), read by the loader."""

    period_id: str
    fixed: dt.date
    rows: tuple[SnapshotRow, ...]
    source: str  # the file as editors know it, for messages


@dataclass(frozen=True)
class Period:
    """A reporting period from `perioder` in data/plan.yaml; both days are part of it."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    snapshot: Snapshot | None = None

    @property
    def page_url(self) -> str:
        return f"{PAGES_URL}{self.id}/"

    @property
    def page_file(self) -> str:
        return f"{PAGES_URL}{self.id}.md"

    @property
    def json_url(self) -> str:
        return f"{DATA_URL}{self.id}.json"

    @property
    def csv_url(self) -> str:
        return f"{DATA_URL}{self.id}.csv"

    @property
    def pdf_name(self) -> str:
        return f"rapport-{self.id}.pdf"

    @property
    def day_before(self) -> dt.date:
        """The start status is the status on this day: before any entry dated in the period."""
        return self.start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Row:
    """One tiltak in a report: status at the start and end, and its entries in the period."""

    id: str
    measure: Measure | None  # None for a frozen tiltak no longer in the plan
    start: Status
    end: Status
    entries: tuple[LogEntry, ...]  # newest first

    @property
    def area_id(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def changed(self) -> bool:
        return self.start.id != self.end.id


@dataclass(frozen=True)
class Difference:
    """Something the live log now says about a frozen period that its snapshot does not.

    `text` is the note on the page; `advice` adds what it means for the editor who runs
    `make check`; `file` and `line` point at the entry that disagrees.
    """

    period_id: str
    measure_id: str
    text: str
    advice: str
    file: str
    line: int

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}: tiltak {self.measure_id} (periode {self.period_id}): "
                f"{self.text}; {self.advice}")


@dataclass(frozen=True)
class Report:
    """What a period's page, open data and PDF show."""

    period: Period
    state: str  # UPCOMING, PROVISIONAL, ENDED or FIXED
    end: dt.date  # the day the end status is taken on
    rows: tuple[Row, ...]
    since: tuple[Difference, ...] = ()  # live log vs. snapshot (fixed periods only)

    @property
    def fixed(self) -> dt.date | None:
        return self.period.snapshot.fixed if self.period.snapshot else None

    @property
    def started(self) -> bool:
        return self.state != UPCOMING

    def entry_count(self) -> int:
        return sum(len(row.entries) for row in self.rows)


# Checks (called by the loader) ---------------------------------------------------------------

def _date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD text as a date, or None if it is not one that exists."""
    if isinstance(value, str) and DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _bad_date(value: Any) -> bool:
    """True for text shaped like a date that does not exist (2025-02-30); the schema catches
    every other shape."""
    return isinstance(value, str) and bool(DATE.match(value)) and _date(value) is None


def _date_message(value: str) -> str:
    return f"'{value}' er ikke en dato som finnes (år-måned-dag, for eksempel 2025-03-14)"


def _items(value: Any) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _ident(item: dict) -> str | None:
    return item["id"] if isinstance(item.get("id"), str) else None


def check_plan(value: Any, where: Where, file: str) -> list[DataError]:
    """`vedtatt` and `perioder` in data/plan.yaml, beyond what its schema says: dates that exist,
    `fra` before `til`, unique ids, no two periods overlapping."""
    if not isinstance(value, dict):
        return []
    errors: list[DataError] = []

    def error(path: tuple, subject: str, field: str, message: str) -> None:
        line, column = where(path)
        errors.append(DataError(file, line, column, subject, field, message, "perioder"))

    if _bad_date(value.get("vedtatt")):
        error(("vedtatt",), "", "vedtatt", _date_message(value["vedtatt"]))
    spans: list[_Span] = []
    seen: dict[str, int] = {}
    for index, item in _items(value.get("perioder")):
        ident = _ident(item)
        subject = f"periode {ident}" if ident else f"den {index + 1}. perioden"
        if ident is not None:
            if ident in seen:
                error(("perioder", index, "id"), subject, "id",
                      f"id-en '{ident}' er brukt før (linje {where(('perioder', seen[ident]))[0]}); "
                      f"hver periode må ha sin egen id")
            seen.setdefault(ident, index)
        for field in ("fra", "til"):
            if _bad_date(item.get(field)):
                error(("perioder", index, field), subject, field, _date_message(item[field]))
        start, end = _date(item.get("fra")), _date(item.get("til"))
        if start and end:
            if end <= start:
                error(("perioder", index, "til"), subject, "til",
                      f"{end.isoformat()} kommer ikke etter fra ({start.isoformat()}); "
                      f"til er siste dag i perioden og må være etter fra")
            else:
                spans.append(_Span(start, end, index, ident or f"nr. {index + 1}", subject))
    # In start order, a period overlaps an earlier one if it starts before the latest end so far;
    # the one further down in the file gets the error, naming the other.
    latest: _Span | None = None
    for span in sorted(spans):
        if latest is not None and span.start <= latest.end:
            here, other = (span, latest) if span.position > latest.position else (latest, span)
            error(("perioder", here.position, "fra"), here.subject, "fra",
                  f"perioden overlapper med perioden {other.name} (linje "
                  f"{where(('perioder', other.position))[0]}), som varer fra "
                  f"{other.start.isoformat()} til {other.end.isoformat()}; periodene kan ikke "
                  f"overlappe")
        if latest is None or span.end > latest.end:
            latest = span
    return errors


class _Span(NamedTuple):
    """A period of plan.yaml while it is checked: its days and where it stands."""

    start: dt.date
    end: dt.date
    position: int  # in the list
    name: str
    subject: str


def _snapshot_subject(value: dict, path: tuple) -> tuple[str, str]:
    """("tiltak 1.1.1", "logg[2].dato") for a path inside a snapshot."""
    subject, rest = "", path
    if len(path) >= 2 and path[0] == "tiltak" and isinstance(path[1], int):
        rows = value.get("tiltak")
        row = rows[path[1]] if isinstance(rows, list) and path[1] < len(rows) else None
        ident = _ident(row) if isinstance(row, dict) else None
        subject = f"tiltak {ident}" if ident else f"det {path[1] + 1}. tiltaket"
        rest = path[2:]
    field = ""
    for part in rest:
        field += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if field else part)
    return subject, field


def check_snapshot(value: Any, where: Where, file: str, name: str, plan_value: Any,
                   status_ids: list[str]) -> list[DataError]:
    """A snapshot file (`name` is its file name without .yaml), beyond what its schema says: it
    belongs to a period of data/plan.yaml with the same dates, its dates exist and its entries
    lie inside the period, its tiltak are unique and its statuses are in the vocabulary."""
    if not isinstance(value, dict):
        return []
    errors: list[DataError] = []

    def error(path: tuple, message: str) -> None:
        line, column = where(path)
        subject, field = _snapshot_subject(value, path)
        errors.append(DataError(file, line, column, subject, field, message, "perioder"))

    ident = value.get("periode")
    periods: dict[str | None, dict] = {}
    for _, item in _items(plan_value.get("perioder") if isinstance(plan_value, dict) else None):
        periods.setdefault(_ident(item), item)  # a repeated id is reported in plan.yaml
    period = periods.get(ident) if isinstance(ident, str) else None
    if isinstance(ident, str):
        if ident != name:
            error(("periode",), f"filen skal hete {ident}.yaml, etter perioden den fastsetter "
                                f"(den heter {name}.yaml)")
        if period is None:
            known = [k for k in periods if k]
            error(("periode",), f"perioden '{ident}' finnes ikke under perioder i data/plan.yaml"
                                f" (perioder: {allowed_list(known) if known else 'ingen'}); "
                                f"en fastsatt periode må stå der")
    for field in ("fra", "til", "fastsatt"):
        if _bad_date(value.get(field)):
            error((field,), _date_message(value[field]))
    start, end, fixed = (_date(value.get(f)) for f in ("fra", "til", "fastsatt"))
    if period is not None:
        for field, day in (("fra", start), ("til", end)):
            planned = _date(period.get(field))
            if day and planned and day != planned:
                error((field,), f"perioden ble fastsatt med {field} {day.isoformat()}, men "
                                f"data/plan.yaml sier nå {planned.isoformat()}; endre ikke "
                                f"datoene til en fastsatt periode (eller fastsett den på nytt)")
    if start and fixed and fixed < start:
        error(("fastsatt",), f"{fixed.isoformat()} er før perioden begynte ({start.isoformat()})")
    last = min(end, fixed) if end and fixed else end
    known_ids = set(status_ids)
    seen: dict[str, int] = {}
    for index, row in _items(value.get("tiltak")):
        row_id = _ident(row)
        if row_id is not None:
            if row_id in seen:
                error(("tiltak", index, "id"), f"tiltaket står to ganger (første gang på linje "
                                               f"{where(('tiltak', seen[row_id]))[0]})")
            seen.setdefault(row_id, index)
        for field in ("status_ved_start", "status_ved_slutt"):
            status = row.get(field)
            if isinstance(status, str) and status not in known_ids | {UNREPORTED_ID}:
                error(("tiltak", index, field),
                      f"ukjent status '{status}' (tillatt: "
                      f"{allowed_list([*status_ids, UNREPORTED_ID])})")
        for entry_index, entry in _items(row.get("logg")):
            path = ("tiltak", index, "logg", entry_index)
            status = entry.get("status")
            if isinstance(status, str) and status not in known_ids:
                error((*path, "status"), f"ukjent status '{status}' (tillatt: "
                                         f"{allowed_list(status_ids)})")
            if _bad_date(entry.get("dato")):
                error((*path, "dato"), _date_message(entry["dato"]))
            day = _date(entry.get("dato"))
            if day and start and last and not start <= day <= last:
                error((*path, "dato"), f"{day.isoformat()} er utenfor perioden som ble fastsatt "
                                       f"({start.isoformat()} til {last.isoformat()})")
    return errors


# Building (called by the loader once the checks pass) ----------------------------------------

def _snapshot(value: dict, where: Where, source: str) -> Snapshot:
    rows = []
    for index, row in enumerate(value["tiltak"]):
        entries = [SnapshotEntry(dt.date.fromisoformat(e["dato"]), e["status"], e["tekst"],
                                 e.get("lenke"), where(("tiltak", index, "logg", i))[0])
                   for i, e in enumerate(row.get("logg") or [])]
        # Newest first like every log; on the same date the later line is newer.
        ordered = [e for _, e in sorted(enumerate(entries), key=lambda t: (t[1].date, t[0]),
                                        reverse=True)]
        rows.append(SnapshotRow(row["id"], row["status_ved_start"], row["status_ved_slutt"],
                                tuple(ordered), where(("tiltak", index))[0]))
    return Snapshot(value["periode"], dt.date.fromisoformat(value["fastsatt"]), tuple(rows),
                    source)


def build_periods(plan_value: dict, snapshots: list[tuple[Any, Where, str]]) -> tuple[Period, ...]:
    """The periods of data/plan.yaml, oldest first, each with its snapshot if it has one.

    `snapshots` holds (value, position lookup, file) of every checked snapshot file."""
    frozen = {value["periode"]: _snapshot(value, where, source)
              for value, where, source in snapshots}
    periods = [Period(p["id"], p["navn"], dt.date.fromisoformat(p["fra"]),
                      dt.date.fromisoformat(p["til"]), frozen.get(p["id"]))
               for p in plan_value.get("perioder") or []]
    return tuple(sorted(periods, key=lambda p: p.start))


def adopted(plan_value: dict) -> dt.date | None:
    """`vedtatt` as a date, if given."""
    return dt.date.fromisoformat(plan_value["vedtatt"]) if plan_value.get("vedtatt") else None


def snapshot_files(folder: Path) -> list[Path]:
    """The snapshot files of a data folder, in a stable order."""
    return sorted((folder / SNAPSHOT_DIR).glob("*.yaml"))


# Reports --------------------------------------------------------------------------------------

def state(plan: Plan, period: Period) -> str:
    if period.snapshot is not None:
        return FIXED
    if period.start > plan.build_date:
        return UPCOMING
    return PROVISIONAL if period.end > plan.build_date else ENDED


def live_rows(plan: Plan, period: Period, end: dt.date) -> tuple[Row, ...]:
    """Every tiltak's status before the period and on `end`, and its entries in between."""
    before = period.day_before
    return tuple(
        Row(m.id, m, plan.status_on(m, before), plan.status_on(m, end),
            tuple(e for e in m.log if period.start <= e.date <= end))
        for m in plan.measures)


def _frozen_rows(plan: Plan, snapshot: Snapshot) -> tuple[Row, ...]:
    return tuple(
        Row(row.id, plan.measures_by_id.get(row.id), plan.status_by_id(row.start),
            plan.status_by_id(row.end),
            tuple(LogEntry(e.date, plan.status_by_id(e.status), e.text, e.link, e.line)
                  for e in row.log))
        for row in snapshot.rows)


def report(plan: Plan, period: Period) -> Report:
    """The period's report, computed once per plan and kept with it (in the instance's
    __dict__, where the plan keeps its own `cached_property` values)."""
    cache: dict[str, Report] = plan.__dict__.setdefault("_period_reports", {})
    if period.id not in cache:
        cache[period.id] = _report(plan, period)
    return cache[period.id]


def _report(plan: Plan, period: Period) -> Report:
    kind = state(plan, period)
    if period.snapshot is not None:
        end = min(period.end, period.snapshot.fixed)
        rows = _frozen_rows(plan, period.snapshot)
        return Report(period, kind, end, rows,
                      differences(plan, period, period.snapshot, rows, end))
    if kind == UPCOMING:
        return Report(period, kind, period.end, ())
    end = min(period.end, plan.build_date)
    return Report(period, kind, end, live_rows(plan, period, end))


def reports(plan: Plan) -> list[Report]:
    return [report(plan, period) for period in plan.periods]


def _entry_key(entry: LogEntry) -> tuple[dt.date, str, str, str | None]:
    return entry.date, entry.status.id, entry.text, entry.link


def _describe_entry(entry: LogEntry) -> str:
    return f"melding {norwegian_date(entry.date)} ({entry.status.name}): «{entry.text}»"


def differences(plan: Plan, period: Period, snapshot: Snapshot, frozen: tuple[Row, ...],
                end: dt.date) -> tuple[Difference, ...]:
    """What the live log now says about a frozen period that its snapshot does not: entries
    registered or changed since, and statuses at the start that a backdated entry changed."""
    fixed = norwegian_date(snapshot.fixed)
    snapshot_file = snapshot.source
    live = {row.id: row for row in live_rows(plan, period, end)}
    frozen_by_id = {row.id: row for row in frozen}
    found: list[Difference] = []

    def note(measure_id: str, text: str, advice: str, file: str, line: int) -> None:
        found.append(Difference(period.id, measure_id, text, advice, file, line))

    kept = f"rapporten fastsatt {fixed} viser det som ble fastsatt"
    for measure in plan.measures:
        row_id, row = measure.id, live[measure.id]
        source = plan.area(measure.area_id).source
        old = frozen_by_id.get(row_id)
        if old is None:
            note(row_id, "tiltaket er nytt i planen og er ikke med i rapporten",
                 f"det er lagt til etter at perioden ble fastsatt {fixed}", source, measure.line)
            continue
        old_keys = {_entry_key(e) for e in old.entries}
        new_keys = {_entry_key(e) for e in row.entries}
        for entry in reversed(row.entries):
            if _entry_key(entry) not in old_keys:
                note(row_id, f"ny {_describe_entry(entry)}",
                     f"datert i perioden, men registrert etter at den ble fastsatt; {kept}",
                     source, entry.line)
        for entry in reversed(old.entries):
            if _entry_key(entry) not in new_keys:
                note(row_id, f"{_describe_entry(entry)} er endret eller fjernet i loggen",
                     f"den står i den fastsatte rapporten; {kept}", snapshot_file, entry.line)
        if row.start.id != old.start.id:
            cause = plan.report_on(measure, period.day_before)
            note(row_id, f"status ved start er nå {row.start.name} etter loggen, ikke "
                         f"{old.start.name}",
                 f"en melding datert før perioden er lagt til eller endret; {kept}",
                 source, cause.line if cause else measure.line)
    for gone in snapshot.rows:
        if gone.id not in live:
            note(gone.id, "tiltaket står i rapporten, men finnes ikke lenger i planen",
                 "det er fjernet eller har fått nytt nummer", snapshot_file, gone.line)
    return tuple(found)


def warnings(plan: Plan) -> list[Difference]:
    """Every disagreement between a snapshot and the live log (`make check` prints them)."""
    return [d for r in reports(plan) for d in r.since]


def rows_by_area(plan: Plan, rows: tuple[Row, ...]) -> list[tuple[Any, list[Row]]]:
    """Rows grouped by area in plan order; rows of areas no longer in the plan come last
    under None."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.area_id, []).append(row)
    known = [(area, groups.pop(area.id)) for area in plan.areas if area.id in groups]
    rest = [row for group in groups.values() for row in group]
    return known + ([(None, rest)] if rest else [])


# Open data ------------------------------------------------------------------------------------

def _entry_value(entry: LogEntry) -> dict[str, Any]:
    return {"dato": entry.date.isoformat(), "status": entry.status.id, "tekst": entry.text,
            "lenke": entry.link}


def period_document(plan: Plan, result: Report, site_url: str, licence: str) -> dict[str, Any]:
    """`data/perioder/<id>.json`: one row per tiltak with its statuses and entries."""
    period = result.period
    return {
        "periode": {"id": period.id, "navn": period.name, "fra": period.start.isoformat(),
                    "til": period.end.isoformat(), "status_per": result.end.isoformat(),
                    "foreløpig": result.state == PROVISIONAL,
                    "fastsatt": result.fixed.isoformat() if result.fixed else None,
                    "url": absolute(period.page_url, site_url)},
        "plan": plan.title,
        "bygget": plan.build_date.isoformat(),
        "lisens": licence or None,
        "statuser": [{"id": s.id, "navn": s.name} for s in (*plan.statuses, plan.unreported)],
        "tiltak": [{"id": row.id, "status_ved_start": row.start.id,
                    "status_ved_slutt": row.end.id,
                    "logg": [_entry_value(e) for e in row.entries]} for row in result.rows],
    }


CSV_COLUMNS = ("Tiltak", "Tekst", "Status ved start", "Status ved slutt",
               "Meldinger i perioden", "Nyeste melding i perioden", "Dato for nyeste melding")


def csv_rows(result: Report) -> list[tuple[str, ...]]:
    """The same rows as the JSON, with the header first (for spreadsheets)."""
    from .opendata import _cell as safe_cell  # one rule for CSV cells

    rows: list[tuple[str, ...]] = [CSV_COLUMNS]
    for row in result.rows:
        newest = row.entries[0] if row.entries else None
        rows.append((f"Tiltak {row.id}", safe_cell(row.measure.text if row.measure else ""),
                     row.start.name, row.end.name, str(len(row.entries)),
                     safe_cell(newest.text) if newest else "",
                     newest.date.isoformat() if newest else ""))
    return rows


def published_files(plan: Plan) -> list[str]:
    """The site paths `write_period_data` writes (for the link contract of `make check`)."""
    files = [f"data/schema/{JSON_SCHEMA.name}"]
    for result in reports(plan):
        if result.started:
            files += [result.period.json_url, result.period.csv_url]
    return files


def write_period_data(plan: Plan, site_dir: Path, site_url: str, licence: str) -> list[Path]:
    """Write the JSON and CSV of every period that has begun, and their schema; returns the
    paths."""
    from .opendata import csv_text

    written = []
    for result in reports(plan):
        if not result.started:
            continue
        json_path = site_dir / result.period.json_url
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(period_document(plan, result, site_url, licence),
                                        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        csv_path = site_dir / result.period.csv_url
        csv_path.write_text(csv_text(csv_rows(result)), encoding="utf-8-sig", newline="")
        written += [json_path, csv_path]
    schema = site_dir / "data" / "schema" / JSON_SCHEMA.name
    schema.parent.mkdir(parents=True, exist_ok=True)
    written.append(Path(shutil.copyfile(JSON_SCHEMA, schema)))
    return written



# Freezing a period ----------------------------------------------------------------------------

class FreezeError(Exception):
    """`fastsett` refused; the message is Norwegian and says what to do."""


# Characters a YAML double-quoted scalar cannot hold raw (line breaks YAML folds, controls and
# other non-printable characters); JSON already escapes quotes, backslashes and C0 controls.
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly (JSON's escapes are YAML's)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def snapshot_text(plan: Plan, period: Period, fixed: dt.date, schema_ref: str) -> str:
    """The snapshot file for a period frozen on `fixed`, from the live log."""
    end = min(period.end, fixed)
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# Fastsatt rapport for perioden {period.id}, skrevet av «make fastsett "
        f"PERIODE={period.id}».",
        "# Ikke rediger for hånd: nettstedet viser rapporten slik den står her. Se CONTRIBUTING.md.",
        f"periode: {yaml_string(period.id)}",
        f"fra: {period.start.isoformat()}",
        f"til: {period.end.isoformat()}",
        f"fastsatt: {fixed.isoformat()}",
        "tiltak:",
    ]
    for row in live_rows(plan, period, end):
        lines += [f"  - id: {yaml_string(row.id)}",
                  f"    status_ved_start: {row.start.id}",
                  f"    status_ved_slutt: {row.end.id}"]
        if not row.entries:
            lines.append("    logg: []")
            continue
        lines.append("    logg:")
        for entry in reversed(row.entries):  # oldest first, as in the area files
            lines += [f"      - dato: {entry.date.isoformat()}",
                      f"        status: {entry.status.id}",
                      f"        tekst: {yaml_string(entry.text)}"]
            if entry.link:
                lines.append(f"        lenke: {yaml_string(entry.link)}")
    return "\n".join(lines) + "\n"


def freeze(folder: Path, period_id: str, today: dt.date, overwrite: bool = False,
           force: bool = False) -> tuple[Path, Report]:
    """Write `perioder/<id>.yaml` in the data folder from the live log, all or nothing.

    Raises `DataErrors` if the data has errors and `FreezeError` if the freeze is refused."""
    from .errors import DataErrors
    from .load import load_plan
    from .settings import DATA_DIR
    from .write import write_files

    plan = load_plan(folder, today)
    period = next((p for p in plan.periods if p.id == period_id), None)
    command = f"make fastsett PERIODE={period_id}"
    if period is None:
        known = [p.id for p in plan.periods]
        raise FreezeError(
            f"perioden '{period_id}' finnes ikke i data/plan.yaml (perioder: "
            f"{allowed_list(known)})" if known else
            f"perioden '{period_id}' finnes ikke: data/plan.yaml har ingen perioder ennå. Legg "
            f"den inn under perioder først (se CONTRIBUTING.md)")
    path = folder / SNAPSHOT_DIR / f"{period.id}.yaml"
    if period.snapshot is not None and not overwrite:
        raise FreezeError(
            f"perioden {period.id} er allerede fastsatt {period.snapshot.fixed.isoformat()} "
            f"({period.snapshot.source}). Vil du fastsette den på nytt fra loggen slik den er nå, "
            f"kjør {command} OVERSKRIV=1 (python -m macros fastsett {period.id} --overskriv)")
    if period.start > today:
        raise FreezeError(f"perioden {period.id} begynner {period.start.isoformat()}, etter "
                          f"dagens dato ({today.isoformat()}); det er ingenting å fastsette ennå")
    if period.end > today and not force:
        raise FreezeError(
            f"perioden {period.id} varer til {period.end.isoformat()}, etter dagens dato "
            f"({today.isoformat()}). Fastsett den når perioden er slutt, eller kjør {command} "
            f"TVING=1 (python -m macros fastsett {period.id} --tving) for å fastsette den slik "
            f"den står per {today.isoformat()}")
    schema_ref = Path(os.path.relpath(DATA_DIR / "schema" / SNAPSHOT_SCHEMA,
                                      path.parent.resolve())).as_posix()
    text = snapshot_text(plan, period, today, schema_ref)
    # The new file gets the same checks as all data: load a copy of the folder with it in place.
    with tempfile.TemporaryDirectory(prefix="plan-fastsett-") as scratch:
        copy = Path(shutil.copytree(folder, Path(scratch) / "data"))
        (copy / SNAPSHOT_DIR).mkdir(exist_ok=True)
        (copy / SNAPSHOT_DIR / path.name).write_text(text, encoding="utf-8")
        try:
            checked = load_plan(copy, today)
        except DataErrors as exc:
            raise FreezeError("den nye filen ble ikke godkjent av sjekken, og ingenting ble "
                              "skrevet:\n" + exc.report()) from None
    frozen = next(p.snapshot for p in checked.periods if p.id == period.id)
    if frozen is None or _frozen_rows(checked, frozen) != live_rows(plan, period,
                                                                      min(period.end, today)):
        raise FreezeError("den nye filen leses ikke tilbake likt, og ingenting ble skrevet")
    write_files({path: text})
    return path, report(load_plan(folder, today), period)


# Pages ----------------------------------------------------------------------------------------

PAGE_TEMPLATE = "period.html"
INDEX_TEMPLATE = "periods.html"
ADOPTED_TEMPLATE = "adopted.html"
FILES_TEMPLATE = "period_files.html"
# The guide editors follow to add a period (CONTRIBUTING.md), linked when the repository is known.
GUIDE_ANCHOR = "guide-7-rapporteringsperioder-og-årsmøterapporten"


def date_range(period: Period) -> str:
    """"1. juni 2024 – 31. mai 2025"."""
    return f"{norwegian_date(period.start)} – {norwegian_date(period.end)}"


def period_description(period: Period, plan: Plan) -> str:
    """Link-preview text of a period's report (cheap: no report is computed)."""
    return (f"Rapport for {period.name} ({date_range(period)}) i {plan.title}: status for hvert "
            f"tiltak ved start og slutt, og alle meldinger i perioden.")


def changes_by_area(plan: Plan, result: Report) -> list[dict[str, Any]]:
    """Per area: the tiltak whose status changed, and every entry in the period (newest first,
    then plan order)."""
    groups = []
    for area, rows in rows_by_area(plan, result.rows):
        entries = [(entry.date, -position, -index, row, entry)
                   for position, row in enumerate(rows)
                   for index, entry in enumerate(row.entries)]
        entries.sort(key=lambda t: t[:3], reverse=True)
        groups.append({"area": area, "rows": rows, "changed": [r for r in rows if r.changed],
                       "entries": [(row, entry) for *_, row, entry in entries]})
    return groups


def _heading_text(value: object) -> Markup:
    """Data text for a Markdown heading in a template: no Markdown or HTML can come through."""
    return Markup(markdown_text(value))


def render_page(renderer: Renderer, period_id: str) -> str:
    """The report page of one period (`periodeside("<id>")`)."""
    from .pdf import pdf_marker

    plan = renderer.plan
    period = next(p for p in plan.periods if p.id == period_id)
    result = report(plan, period)
    return renderer._render(
        PAGE_TEMPLATE, report=result, groups=changes_by_area(plan, result), md=_heading_text,
        files={"json": renderer.page_link(period.json_url),
               "csv": renderer.page_link(period.csv_url)},
        pdf_marker=pdf_marker(period.pdf_name), date_range=date_range(period))


def render_index(renderer: Renderer) -> str:
    """Every period with its state and files, or how to set one up (`perioder()`)."""
    plan = renderer.plan
    guide = (f"{renderer.repo_url.rstrip('/')}/blob/main/CONTRIBUTING.md#{GUIDE_ANCHOR}"
             if renderer.repo_url else None)
    return renderer._render(
        INDEX_TEMPLATE, reports=reports(plan), date_range=date_range, guide_url=guide,
        page_link=renderer.page_link)


def render_files(renderer: Renderer) -> str:
    """The open-data files of every period that has begun (`periodedata()` on "Åpne data")."""
    return renderer._render(
        FILES_TEMPLATE, reports=reports(renderer.plan), date_range=date_range,
        page_link=renderer.page_link, json_schema=f"data/schema/{JSON_SCHEMA.name}")


def render_adopted(renderer: Renderer) -> str:
    """"Vedtatt <dato>" and a link to the adopted plan document, when data/plan.yaml has them."""
    return renderer._render(ADOPTED_TEMPLATE)
