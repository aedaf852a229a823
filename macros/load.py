"""`load_plan`: the one entry point that reads, validates and checks the data, and builds
the `Plan` model.

The jobs are one module each: `read` (YAML to values and positions), `validate` (the JSON
Schemas), `check` (what a schema cannot say; `periodcheck` for the reporting periods and their
snapshots in perioder/) and `build` (the model). Every problem in every file is collected as a
located `DataError`; only when there are none is the model built. The result is cached by the
files' modification times, so a host that re-imports the macros per page (Zensical) still reads
the data once.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from .build import UNREPORTED_ID, build_plan
from .check import Data, run_checks, vocabulary
from .errors import DataError, DataErrors
from .model import Plan
from .periodcheck import check_plan, check_snapshot
from .read import display, mtime, read_document
from .settings import build_date, data_dir
from .validate import SCHEMA_DIR, schema_validator, validate

__all__ = ["SCHEMA_DIR", "UNREPORTED_ID", "data_files", "load_plan", "read_count",
           "snapshot_files"]

PLAN_FILE = "plan.yaml"
AREAS_DIR = "omrader"
PLAN_SCHEMA = "plan.schema.json"
AREA_SCHEMA = "omrade.schema.json"
SNAPSHOT_DIR = "perioder"  # data/perioder/<id>.yaml: the frozen period reports (make fastsett)
SNAPSHOT_SCHEMA = "periode.schema.json"
SNAPSHOT_SCHEMA_REF = f"../schema/{SNAPSHOT_SCHEMA}"


def data_files(folder: Path) -> list[Path]:
    """`plan.yaml` and the area files, in a stable order."""
    return [folder / PLAN_FILE, *sorted((folder / AREAS_DIR).glob("*.yaml"))]


def snapshot_files(folder: Path) -> list[Path]:
    """The snapshot files of a data folder, in a stable order."""
    return sorted((folder / SNAPSHOT_DIR).glob("*.yaml"))


def load_plan(folder: Path | None = None, today: dt.date | None = None,
              schema_dir: Path | None = None) -> Plan:
    """Return the validated plan, or raise `DataErrors` listing every problem.

    `schema_dir` defaults to the repository's `data/schema/`; the status diff passes an older
    revision's own schemas, so that a change of vocabulary compares like with like.
    """
    folder = (folder or data_dir()).resolve()
    schema_dir = (schema_dir or SCHEMA_DIR).resolve()
    files = tuple(data_files(folder))
    snapshots = tuple(snapshot_files(folder))
    stamps = tuple(mtime(f) for f in (*files, *snapshots, schema_dir / PLAN_SCHEMA,
                                      schema_dir / AREA_SCHEMA, schema_dir / SNAPSHOT_SCHEMA))
    return _load(folder, files, snapshots, today or build_date(), schema_dir, stamps)


def read_count() -> int:
    """How many times this process has read the data files (not served them from the cache)."""
    return _load.cache_info().misses


@lru_cache(maxsize=1)
def _load(folder: Path, files: tuple[Path, ...], snapshots: tuple[Path, ...], today: dt.date,
          schema_dir: Path, stamps: tuple[int, ...]) -> Plan:
    """Read, validate and check every file, then build; `stamps` (mtimes) key the cache."""
    plan_doc = read_document(files[0], "schema/plan.schema.json")
    area_docs = [read_document(path, "../schema/omrade.schema.json", "område")
                 for path in files[1:]]
    if not area_docs:
        plan_doc.errors.append(DataError(display(folder / AREAS_DIR), 1, 1, "", "",
                                         "fant ingen områdefiler (*.yaml) i mappen"))
    validate(plan_doc, schema_validator(schema_dir, PLAN_SCHEMA))
    area_schema = schema_validator(schema_dir, AREA_SCHEMA)
    labels = {s["navn"]: s["id"] for s in vocabulary(plan_doc) if isinstance(s.get("navn"), str)}
    for doc in area_docs:
        validate(doc, area_schema, labels)
    run_checks(Data(plan_doc, area_docs, today, _status_enum(area_schema.schema)))
    # Reporting periods in plan.yaml and their frozen reports in perioder/ (periodcheck.py).
    plan_doc.errors += check_plan(plan_doc.value, plan_doc.where, plan_doc.display)
    snapshot_docs = [read_document(path, SNAPSHOT_SCHEMA_REF) for path in snapshots]
    for doc in snapshot_docs:
        validate(doc, schema_validator(schema_dir, SNAPSHOT_SCHEMA))
        doc.errors += check_snapshot(doc.value, doc.where, doc.display, doc.path.stem,
                                     plan_doc.value, [s["id"] for s in vocabulary(plan_doc)])

    errors = [e for doc in (plan_doc, *area_docs, *snapshot_docs) for e in doc.errors]
    if errors:
        raise DataErrors(errors)
    return build_plan(plan_doc.value, area_docs, today,
                      [(doc.value, doc.where, doc.display) for doc in snapshot_docs])


def _status_enum(schema: Any) -> list[str]:
    """The status ids the area schema allows for a log entry."""
    try:
        return list(schema["definitions"]["logginnslag"]["properties"]["status"]["enum"])
    except (KeyError, TypeError):
        return []
