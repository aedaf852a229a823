"""Open data: `data/plan.json`, `data/tiltak.csv` and the JSON Schemas, from the Plan model.

The files are written from the same model as the pages, so the numbers can never disagree.
The CSV is for Excel with Norwegian settings: UTF-8 with BOM (keeps æøå), `;` between
columns, and ids written as "Tiltak 1.1.1" so that Excel does not read "1.1.1" as a date.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .load import SCHEMA_DIR
from .model import Area, Goal, LogEntry, Measure, Plan
from .urls import absolute

OUTPUT_DIR = "data"
JSON_FILE = "plan.json"
CSV_FILE = "tiltak.csv"
SCHEMA_OUTPUT_DIR = "schema"
# The schema of plan.json itself; the data files' schemas are copied from data/schema/.
JSON_SCHEMA = Path(__file__).resolve().parent / "plan-json.schema.json"
CSV_COLUMNS = ("Utviklingsområde", "Delmål", "Tiltak", "Tekst", "Status", "Sist rapportert",
               "Ansvarlig", "Trenger oppfølging")
# A cell starting with one of these is a formula in Excel; a leading apostrophe keeps it text.
# The characters a spreadsheet may read as the start of a formula: =, +, -, @, tab, carriage
# return, and the full-width =, +, -, @ that East Asian input methods type (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _counts(plan: Plan, measures: Iterable[Measure]) -> dict[str, int]:
    return {status.id: count for status, count in plan.status_counts(measures)}


def log_entry(entry: LogEntry) -> dict[str, Any]:
    return {"dato": entry.date.isoformat(), "status": entry.status.id, "tekst": entry.text,
            "lenke": entry.link}


def _measure(plan: Plan, measure: Measure, site_url: str) -> dict[str, Any]:
    latest = plan.current_report(measure)
    return {
        "id": measure.id,
        "tekst": measure.text,
        "punkter": list(measure.items),
        "se": measure.see,
        "ansvarlig": measure.owner,
        "frist": measure.deadline.isoformat() if measure.deadline else None,
        "url": absolute(measure.page_url, site_url),
        "status": plan.status_of(measure).id,
        "sist_rapportert": latest.date.isoformat() if latest else None,
        "ikke_oppdatert": plan.is_stale(measure),
        "trenger_oppfolging": plan.needs_report(measure),
        "logg": [log_entry(entry) for entry in measure.log],
    }


def _goal(plan: Plan, goal: Goal, site_url: str) -> dict[str, Any]:
    return {"id": goal.id, "tekst": goal.text, "url": absolute(goal.page_url, site_url),
            "antall": _counts(plan, goal.measures),
            "tiltak": [_measure(plan, m, site_url) for m in goal.measures]}


def _area(plan: Plan, area: Area, site_url: str) -> dict[str, Any]:
    return {"id": area.id, "slug": area.slug, "tittel": area.title,
            "url": absolute(area.page_url, site_url),
            "antall": _counts(plan, area.measures),
            "delmål": [_goal(plan, g, site_url) for g in area.goals]}


def plan_document(plan: Plan, site_url: str, licence: str) -> dict[str, Any]:
    """The whole plan as plain JSON values; tiltak carry their derived status and their log."""
    never, stale = plan.needing_report()
    return {
        "tittel": plan.title,
        "organisasjon": plan.organisation,
        "periode": plan.period,
        "bygget": plan.build_date.isoformat(),
        "nettsted": absolute("", site_url),
        "lisens": licence or None,
        "foreldet_etter_dager": plan.stale_after_days,
        "statuser": [{"id": s.id, "navn": s.name, "beskrivelse": s.description}
                     for s in (*plan.statuses, plan.unreported)],
        "antall": _counts(plan, plan.measures),
        "aldri_rapportert": len(never),
        "ikke_oppdatert": len(stale),
        "utviklingsområder": [_area(plan, a, site_url) for a in plan.areas],
    }


def csv_cell(value: str) -> str:
    """Text for one CSV cell that Excel shows as written, never as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_rows(plan: Plan) -> list[tuple[str, ...]]:
    """One row per tiltak in plan order, with the header first."""
    rows: list[tuple[str, ...]] = [CSV_COLUMNS]
    for area in plan.areas:
        for goal in area.goals:
            for measure in goal.measures:
                latest = plan.current_report(measure)
                rows.append((
                    f"Utviklingsområde {area.id}: {area.title}", f"Delmål {goal.id}",
                    f"Tiltak {measure.id}",
                    csv_cell(measure.text), plan.status_of(measure).name,
                    latest.date.isoformat() if latest else "",
                    csv_cell(measure.owner or ""), "Ja" if plan.needs_report(measure) else "Nei",
                ))
    return rows


def csv_text(rows: list[tuple[str, ...]]) -> str:
    """Rows as CSV for Excel (`;`, CRLF), without the BOM the writers add."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n") \
        .writerows(rows)
    return buffer.getvalue()


def render_csv(plan: Plan) -> str:
    """The CSV text (without the BOM, which `write_open_data` adds)."""
    return csv_text(csv_rows(plan))


def _schema_sources() -> list[Path]:
    """The schemas published next to the data: the data files' and plan.json's own."""
    return [*sorted(SCHEMA_DIR.glob("*.schema.json")), JSON_SCHEMA]


def published_files() -> list[str]:
    """The site paths `write_open_data` writes."""
    return [f"{OUTPUT_DIR}/{JSON_FILE}", f"{OUTPUT_DIR}/{CSV_FILE}",
            *(f"{OUTPUT_DIR}/{SCHEMA_OUTPUT_DIR}/{p.name}" for p in _schema_sources())]


def write_open_data(plan: Plan, site_dir: Path, site_url: str, licence: str) -> list[Path]:
    """Write plan.json, tiltak.csv and the schemas under `site/data/`; returns the paths."""
    folder = site_dir / OUTPUT_DIR
    schemas = folder / SCHEMA_OUTPUT_DIR
    schemas.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = folder / JSON_FILE, folder / CSV_FILE
    json_path.write_text(json.dumps(plan_document(plan, site_url, licence), ensure_ascii=False,
                                    indent=1) + "\n", encoding="utf-8")
    # Bytes, not text: the BOM and the CRLF of csv_text as they are, on every system.
    csv_path.write_bytes(render_csv(plan).encode("utf-8-sig"))
    copied = [Path(shutil.copyfile(source, schemas / source.name))
              for source in _schema_sources()]
    return [json_path, csv_path, *copied]
