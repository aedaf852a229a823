"""A reporting period's report: every tiltak's status at the start and the end, and the log
entries dated inside the period.

The report compares the status of every tiltak at the start (the day before `fra`) and at the
end (`til`; the build date while the period runs, which makes the report "foreløpig"), and lists
every log entry dated inside it. All statuses come from `Plan.status_on`, the one rule for status
on a date. A period frozen by `make fastsett` (periodfreeze.py) is reported from its snapshot;
anything the live log now says differently about it is a `Difference`: a note on the page and a
warning from `make check`, with the file and line of the entry.

The period's page (periodpages.py), open data (perioddata.py) and PDF (pdf.py) all show the
`Report` of `report`, computed once per plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .model import LogEntry, Measure, Period, Plan, Snapshot, Status
from .text import norwegian_date

# What a period's report is, by the build date and whether it was frozen.
UPCOMING, PROVISIONAL, ENDED, FIXED = "kommende", "foreløpig", "avsluttet", "fastsatt"


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


def frozen_rows(plan: Plan, snapshot: Snapshot) -> tuple[Row, ...]:
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
        rows = frozen_rows(plan, period.snapshot)
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
                 f"en melding datert før perioden er lagt til, endret eller fjernet; {kept}",
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
