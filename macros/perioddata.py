"""The open data of reporting periods: `data/perioder/<id>.json` and `.csv` for every period that
has begun, and the JSON's schema, written after the build with the plan's own open data.

Each file holds the period's `Report` (periodreport.py): one row per tiltak with its status at
the start and the end and its log entries in the period. The CSV follows opendata.py's rules
for Excel (the same cells, separator and BOM).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .model import Plan
from .opendata import csv_cell, csv_text, log_entry  # one rule for CSV cells and log entries
from .periodreport import PROVISIONAL, Report, reports
from .urls import absolute

# The schema of the published data/perioder/<id>.json (copied to site/data/schema/).
JSON_SCHEMA = Path(__file__).resolve().parent / "periode-json.schema.json"


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
                    "logg": [log_entry(e) for e in row.entries]} for row in result.rows],
    }


CSV_COLUMNS = ("Tiltak", "Tekst", "Status ved start", "Status ved slutt",
               "Meldinger i perioden", "Nyeste melding i perioden", "Dato for nyeste melding")


def csv_rows(result: Report) -> list[tuple[str, ...]]:
    """The same rows as the JSON, with the header first (for spreadsheets)."""
    rows: list[tuple[str, ...]] = [CSV_COLUMNS]
    for row in result.rows:
        newest = row.entries[0] if row.entries else None
        rows.append((f"Tiltak {row.id}", csv_cell(row.measure.text if row.measure else ""),
                     row.start.name, row.end.name, str(len(row.entries)),
                     csv_cell(newest.text) if newest else "",
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
    written = []
    for result in reports(plan):
        if not result.started:
            continue
        json_path = site_dir / result.period.json_url
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(period_document(plan, result, site_url, licence),
                                        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        csv_path = site_dir / result.period.csv_url
        csv_path.write_bytes(csv_text(csv_rows(result)).encode("utf-8-sig"))  # as opendata
        written += [json_path, csv_path]
    schema = site_dir / "data" / "schema" / JSON_SCHEMA.name
    schema.parent.mkdir(parents=True, exist_ok=True)
    written.append(Path(shutil.copyfile(JSON_SCHEMA, schema)))
    return written
