"""The checks a schema cannot express: unique ids and slugs, numbers that match their place,
references that lead somewhere, dates that exist and are not in the future, and the status
vocabulary matching the schema.

Each check is one function of `Data` in `CHECKS`; a new rule is one more function there.
Checks read the values as validated and report through `Document.error`, which drops a
message about a field the schema has already refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import allowed_list
from .read import Document

# The glossary's words for an id that is already taken or out of place.
NUMBER_WORD = {"område": "områdenummeret", "delmål": "delmålsnummeret",
               "tiltak": "tiltaksnummeret"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
OCTAL = re.compile(r"[-+]?0[0-7_]+")


@dataclass
class Data:
    """What the checks see: the plan file, the area files, the build date and the
    status ids the area schema allows."""

    plan: Document
    areas: list[Document]
    today: dt.date
    schema_statuses: list[str]


def vocabulary(plan: Document) -> list[dict]:
    """The statuses of plan.yaml that have a text id."""
    value = plan.value if isinstance(plan.value, dict) else {}
    statuses = value.get("statuser")
    if not isinstance(statuses, list):
        return []
    return [s for s in statuses if isinstance(s, dict) and isinstance(s.get("id"), str)]


def mapping_items(value: Any) -> list[tuple[int, dict]]:
    """(index, item) of the mappings in a list (other values are the schema's business)."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _areas(data: Data) -> Iterator[tuple[Document, dict]]:
    for doc in data.areas:
        if isinstance(doc.value, dict):
            yield doc, doc.value


def _goals(area: dict) -> Iterator[tuple[tuple, dict]]:
    for gi, goal in mapping_items(area.get("delmål")):
        yield ("delmål", gi), goal


def _measures(goal_path: tuple, goal: dict) -> Iterator[tuple[tuple, dict]]:
    for mi, measure in mapping_items(goal.get("tiltak")):
        yield (*goal_path, "tiltak", mi), measure


def unique_status_ids(data: Data) -> None:
    """Each status id in plan.yaml is used once."""
    seen: set[str] = set()
    statuses = data.plan.value.get("statuser") if isinstance(data.plan.value, dict) else None
    for index, status in mapping_items(statuses):
        ident = status.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            data.plan.error(("statuser", index, "id"),
                            f"status-id '{ident}' er brukt før; hver status må ha sin egen id")
        seen.add(ident)


def statuses_match_schema(data: Data) -> None:
    """The vocabulary in plan.yaml and the status enum of the area schema are the same list."""
    ids = [s["id"] for s in vocabulary(data.plan)]
    enum = data.schema_statuses
    if ids and ids != enum:
        data.plan.error(("statuser",),
                        f"statusene her ({allowed_list(ids)}) må være de samme, i samme "
                        f"rekkefølge, som enum for status i data/schema/omrade.schema.json "
                        f"({allowed_list(enum)}); endre begge likt")


def area_files(data: Data) -> None:
    """Each area has its own slug, and its file is named `<id>-<slug>.yaml`."""
    slugs: dict[str, tuple[Document, int]] = {}
    for doc, area in _areas(data):
        area_id, slug = area.get("id"), area.get("slug")
        if not isinstance(slug, str):
            continue
        if slug in slugs:
            other, line = slugs[slug]
            doc.error(("slug",), f"adressen '{slug}' er brukt før (i {other.display}:{line}); "
                                 f"hvert utviklingsområde må ha sin egen")
        slugs.setdefault(slug, (doc, doc.where(("slug",))[0]))
        if isinstance(area_id, str) and doc.path.name != f"{area_id}-{slug}.yaml":
            doc.error(("slug",), f"filen skal hete {area_id}-{slug}.yaml, etter områdets id "
                                 f"og slug (den heter {doc.path.name})")


def numbering(data: Data) -> None:
    """Every area, delmål and tiltak number is used once, and starts with its parent's."""
    seen: dict[str, tuple[Document, tuple]] = {}

    def claim(doc: Document, path: tuple, ident: Any, kind: str) -> None:
        if not isinstance(ident, str):
            return
        if ident in seen:
            other, other_path = seen[ident]
            line = other.where(other_path)[0]
            doc.error(path, f"{NUMBER_WORD[kind]} {ident} er brukt før (i {other.display}:"
                            f"{line}); hvert nummer kan bare brukes én gang")
        else:
            seen[ident] = (doc, path)

    for doc, area in _areas(data):
        area_id = area.get("id")
        claim(doc, ("id",), area_id, "område")
        for goal_path, goal in _goals(area):
            goal_id = goal.get("id")
            _in_place(doc, (*goal_path, "id"), goal_id, area_id, "delmål")
            claim(doc, (*goal_path, "id"), goal_id, "delmål")
            for measure_path, measure in _measures(goal_path, goal):
                _in_place(doc, (*measure_path, "id"), measure.get("id"), goal_id, "tiltak")
                claim(doc, (*measure_path, "id"), measure.get("id"), "tiltak")


def _in_place(doc: Document, path: tuple, ident: Any, parent: Any, kind: str) -> None:
    """A delmål's number starts with its area's, a tiltak's with its delmål's."""
    if not (isinstance(ident, str) and isinstance(parent, str)):
        return
    prefix, _, own = ident.rpartition(".")
    if prefix != parent:
        where = ("delmål", "som tiltaket står under") if kind == "tiltak" \
            else ("utviklingsområde", "som delmålet står i")
        doc.error(path, f"{NUMBER_WORD[kind]} {ident} passer ikke med {where[0]} {parent}, "
                        f"{where[1]} – mente du '{parent}.{own}'?")


def references(data: Data) -> None:
    """`se` names a delmål or tiltak that exists, and not the tiltak itself."""
    if any(doc.value is None for doc in data.areas):
        return  # a file that is not valid YAML may hold the target: don't guess at others
    targets: set[str] = set()
    pointers: list[tuple[Document, tuple, str]] = []
    for doc, area in _areas(data):
        for goal_path, goal in _goals(area):
            if isinstance(goal.get("id"), str):
                targets.add(goal["id"])
            for measure_path, measure in _measures(goal_path, goal):
                if isinstance(measure.get("id"), str):
                    targets.add(measure["id"])
                if isinstance(measure.get("se"), str):
                    pointers.append((doc, (*measure_path, "se"), measure["se"]))
                    if measure["se"] == measure.get("id"):
                        doc.error((*measure_path, "se"), "et tiltak kan ikke vise til seg selv")
    for doc, path, target in pointers:
        if target not in targets:
            close = difflib.get_close_matches(target, sorted(targets), n=1)
            hint = f" – mente du '{close[0]}'?" if close else ""
            doc.error(path, f"viser til '{target}', men det finnes ikke noe delmål eller "
                            f"tiltak med det nummeret{hint}")


def dates(data: Data) -> None:
    """Every date exists; no log entry is dated after the build date."""
    for doc, area in _areas(data):
        for goal_path, goal in _goals(area):
            for measure_path, measure in _measures(goal_path, goal):
                _real_date(doc, (*measure_path, "frist"), measure.get("frist"))
                for li, entry in mapping_items(measure.get("logg")):
                    path = (*measure_path, "logg", li, "dato")
                    date = _real_date(doc, path, entry.get("dato"))
                    if date is not None and date > data.today:
                        doc.error(path, f"'{entry['dato']}' er fram i tid (i dag er "
                                        f"{data.today.isoformat()}); skriv datoen meldingen "
                                        f"gjelder, som ikke kan være senere enn i dag")


def _real_date(doc: Document, path: tuple, value: Any) -> dt.date | None:
    """The date a YYYY-MM-DD text names; an error if there is no such day."""
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        doc.error(path, f"'{value}' er ikke en dato som finnes (år-måned-dag, for eksempel "
                        f"2025-03-14)")
        return None


def numbers_as_written(data: Data) -> None:
    """A whole number is written with plain digits: YAML 1.1 reads `017` as 15 (octal) and
    `1:30` as 90, where VS Code (YAML 1.2) and readers see something else."""
    for doc in (data.plan, *data.areas):
        for path, text in doc.raw.items():
            value = _at(doc.value, path)
            if type(value) is int and not PLAIN_INT.fullmatch(text):
                if OCTAL.fullmatch(text):
                    # The number as meant: the same digits without the leading zeros, and
                    # with its minus sign (-070 is meant as -70, not 70); all zeros is 0.
                    digits = text.lstrip("+-").replace("_", "").lstrip("0")
                    meant = f"-{digits}" if text.startswith("-") else digits
                    advice = f"skriv {meant} uten 0 foran" if digits else "skriv bare 0"
                    doc.error(path, f"YAML leser {text} som tallet {value}, fordi et tall med "
                                    f"0 foran er et oktaltall; {advice}")
                else:
                    doc.error(path, f"YAML leser {text} som tallet {value}; skriv tallet med "
                                    f"bare sifre, for eksempel {value}")


def _at(value: Any, path: tuple) -> Any:
    """The value at a path of the document."""
    for part in path:
        value = value[part]
    return value


# Every semantic check, in order. A new rule is a function of `Data` added here.
CHECKS: list[Callable[[Data], None]] = [
    unique_status_ids, statuses_match_schema, area_files, numbering, references, dates,
    numbers_as_written,
]


def run_checks(data: Data) -> None:
    """Run every check; each records its findings in the documents."""
    for check in CHECKS:
        check(data)
