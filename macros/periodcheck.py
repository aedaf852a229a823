"""The checks of reporting periods a schema cannot express, run by the loader (load.py).

A period is `{id, navn, fra, til}` under `perioder` in `data/plan.yaml`; `check_plan` checks
those and `vedtatt`. A frozen report (a snapshot, `data/perioder/<id>.yaml`, written by
`make fastsett`, periodfreeze.py) is checked by `check_snapshot` against the plan's periods and
status vocabulary. Both return located `DataError`s, like every other check; once there are
none, build.py builds the `Period`s.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from .build import UNREPORTED_ID
from .check import mapping_items
from .errors import DataError, allowed_list
from .read import Where

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    for index, item in mapping_items(value.get("perioder")):
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
    plan_periods = plan_value.get("perioder") if isinstance(plan_value, dict) else None
    for _, item in mapping_items(plan_periods):
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
    if start and last and last < start:
        last = None  # fixed before it began (reported above): no range to hold entries to
    known_ids = set(status_ids)
    seen: dict[str, int] = {}
    for index, row in mapping_items(value.get("tiltak")):
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
        for entry_index, entry in mapping_items(row.get("logg")):
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
