"""Freezing a period's report (`python -m macros fastsett <id>`, `make fastsett`).

After the årsmøte has approved a report, `freeze` writes it to `data/perioder/<id>.yaml` (a
snapshot) from the live log, all or nothing and only once the copy passes every check. From then
on the report is built from the snapshot (periodreport.py), and anything the live log says
differently about the period is listed as a note on the page and as a warning from `make check`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import DataErrors, allowed_list
from .load import SNAPSHOT_DIR, SNAPSHOT_SCHEMA, load_plan
from .model import Period, Plan
from .periodreport import Report, frozen_rows, live_rows, report
from .read import named_in
from .settings import DATA_DIR
from .write import write_files


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
                              "skrevet:\n" + "\n".join(str(named_in(folder, copy, error))
                                                        for error in exc.errors)) from None
    frozen = next(p.snapshot for p in checked.periods if p.id == period.id)
    if frozen is None or frozen_rows(checked, frozen) != live_rows(plan, period,
                                                                     min(period.end, today)):
        raise FreezeError("den nye filen leses ikke tilbake likt, og ingenting ble skrevet")
    write_files({path: text})
    fresh = load_plan(folder, today)  # the plan with the snapshot that was just written
    return path, report(fresh, next(p for p in fresh.periods if p.id == period.id))
