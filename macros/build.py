"""Build the `Plan` model from data that has passed every check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import (Area, Goal, LogEntry, Measure, Period, Plan, Snapshot, SnapshotEntry,
                    SnapshotRow, Status)
from .read import Document, Where

UNREPORTED_ID = "ikke-rapportert"


def _status(raw: dict, ident: str) -> Status:
    return Status(ident, raw["navn"], raw["beskrivelse"], raw["ikon"], raw["farge"],
                  raw.get("avsluttet", False))


def build_plan(plan: dict, area_docs: list[Document], today: dt.date,
               snapshots: list[tuple[Any, Where, str]] | None = None) -> Plan:
    """The model of valid data: areas in id order, everything else in file order.

    `snapshots` are the frozen period reports: (value, position lookup, file) of each."""
    statuses = tuple(_status(s, s["id"]) for s in plan["statuser"])
    by_id = {s.id: s for s in statuses}
    built_areas = []
    for doc in area_docs:
        raw_area = doc.value
        goals = []
        for gi, raw_goal in enumerate(raw_area["delmål"]):
            measures = tuple(
                Measure(
                    id=m["id"], text=m["tekst"], goal_id=raw_goal["id"], area_id=raw_area["id"],
                    items=tuple(m.get("punkter", ())), see=m.get("se"),
                    owner=m.get("ansvarlig"),
                    deadline=dt.date.fromisoformat(m["frist"]) if m.get("frist") else None,
                    log=_log(m.get("logg") or [], by_id, doc,
                             ("delmål", gi, "tiltak", mi, "logg")),
                    line=doc.where(("delmål", gi, "tiltak", mi))[0],
                )
                for mi, m in enumerate(raw_goal["tiltak"])
            )
            goals.append(Goal(raw_goal["id"], raw_goal["tekst"], raw_area["id"], measures))
        built_areas.append(Area(raw_area["id"], raw_area["slug"], raw_area["tittel"],
                                tuple(goals), doc.display))
    built_areas.sort(key=lambda a: int(a.id))
    result = Plan(
        title=plan["tittel"], organisation=plan["organisasjon"], period=plan["periode"],
        stale_after_days=plan["foreldet_etter_dager"], statuses=statuses,
        unreported=_status(plan["ikke_rapportert"], UNREPORTED_ID),
        areas=tuple(built_areas), build_date=today,
        adopted=adopted(plan), source=plan.get("kilde"),
        periods=build_periods(plan, snapshots or []),
    )
    result.goals_by_id.update((g.id, g) for g in result.goals)
    result.measures_by_id.update((m.id, m) for m in result.measures)
    return result


def _log(entries: list[dict], statuses: dict[str, Status], doc: Document,
         path: tuple) -> tuple[LogEntry, ...]:
    """Log entries newest first; on the same date, the later one in the file is newer. Each
    keeps its line in the file (`path` is where the list stands)."""
    built = [
        (dt.date.fromisoformat(e["dato"]), index,
         LogEntry(dt.date.fromisoformat(e["dato"]), statuses[e["status"]], e["tekst"],
                  e.get("lenke"), doc.where((*path, index))[0]))
        for index, e in enumerate(entries)
    ]
    return tuple(entry for _, _, entry in sorted(built, key=lambda t: (t[0], t[1]), reverse=True))


# Reporting periods (`perioder` in plan.yaml and their snapshots, checked in periodcheck.py) ---

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
