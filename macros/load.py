"""Read and validate all plan data once, and build the `Plan` model.

Every problem in every file is collected as a located `DataError`; only when there are none
is the model built. The result is cached by file modification times, so a host that
re-imports the macros module per page (Zensical) still loads the plan once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataErrors, allowed_list
from .model import Area, Goal, LogEntry, Measure, Plan, Status
from .schema import Schema
from .settings import DATA_DIR, ROOT, build_date, data_dir

SCHEMA_DIR = DATA_DIR / "schema"
PLAN_FILE = "plan.yaml"
AREAS_DIR = "omrader"
UNREPORTED_ID = "ikke-rapportert"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+")

# The C loader is about 8x faster than the pure-Python one; fall back only where it is missing.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_cache: dict[tuple, Plan] = {}
_reads = [0]  # how often the files were really read; see `read_count`


def data_files(folder: Path) -> list[Path]:
    """`plan.yaml` and the area files, in a stable order."""
    return [folder / PLAN_FILE, *sorted((folder / AREAS_DIR).glob("*.yaml"))]


def load_plan(folder: Path | None = None, today: dt.date | None = None,
              schema_dir: Path | None = None) -> Plan:
    """Return the validated plan, or raise `DataErrors` listing every problem.

    `schema_dir` defaults to the repository's `data/schema/`; the status diff passes an older
    revision's own schemas, so that a change of vocabulary compares like with like.
    """
    folder = (folder or data_dir()).resolve()
    today = today or build_date()
    schema_dir = (schema_dir or SCHEMA_DIR).resolve()
    files = data_files(folder)
    key = (str(folder), today, tuple((str(f), _mtime(f)) for f in files),
           str(schema_dir), _schema_stamp(schema_dir))
    if key not in _cache:
        _cache.clear()
        _reads[0] += 1
        _cache[key] = _load(folder, files, today, schema_dir)
    return _cache[key]


def read_count() -> int:
    """How many times this process has read the data files (not served them from the cache)."""
    return _reads[0]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def _schema_stamp(schema_dir: Path) -> tuple:
    return tuple(_mtime(schema_dir / name) for name in ("plan.schema.json", "omrade.schema.json"))


YAML_PROBLEMS = {
    "mapping values are not allowed": "et kolon står der det ikke kan stå",
    "could not find expected ':'": "fant ikke kolonet etter et feltnavn",
    "did not find expected key": "innrykket stemmer ikke med linjene over",
    "did not find expected '-' indicator": "innrykket i listen stemmer ikke",
    "found character '\\t' that cannot start any token": "tabulator er ikke tillatt; bruk mellomrom",
    "found a tab character": "tabulator er ikke tillatt; bruk mellomrom",
    "found unexpected end of stream": "et anførselstegn er ikke avsluttet",
    "found undefined alias": "ukjent alias (*)",
    "expected a single document": "filen kan bare ha ett dokument (fjern '---')",
}


def _yaml_problem(problem: str) -> str:
    """A libyaml message in Norwegian, keeping the original for searching."""
    for english, norwegian in YAML_PROBLEMS.items():
        if problem.startswith(english):
            return f"{norwegian} ({problem})"
    return problem


class _Document:
    """One YAML file converted to plain values, with the source position of every path."""

    def __init__(self, path: Path, display: str, schema_ref: str, kind: str = ""):
        self.path, self.display, self.schema_ref, self.kind = path, display, schema_ref, kind
        self.value: Any = None
        self.marks: dict[tuple, tuple[int, int]] = {}
        self.key_marks: dict[tuple, tuple[int, int]] = {}
        self.raw: dict[tuple, str] = {}
        self.errors: list[DataError] = []
        self._duplicates: list[tuple[tuple, tuple[int, int], str]] = []

    def where(self, path: tuple, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a path, falling back to its nearest parent."""
        table = self.key_marks if at_key and path in self.key_marks else self.marks
        while path not in table and path:
            path = path[:-1]
        return table.get(path, (1, 1))

    def error(self, path: tuple, message: str, at_key: bool = False,
              mark: tuple[int, int] | None = None, rule: str = "") -> None:
        line, col = mark or self.where(path, at_key)
        subject, field = _describe(self.value, path, self.kind)
        self.errors.append(DataError(self.display, line, col, subject, field, message, rule))

    def read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.errors.append(DataError(self.display, 1, 1, "", "", "filen mangler"))
            return
        except UnicodeDecodeError:
            self.errors.append(DataError(self.display, 1, 1, "", "",
                                         "filen er ikke lagret som UTF-8; lagre den som UTF-8"))
            return
        if not SCHEMA_LINE.match(text):
            self.errors.append(DataError(
                self.display, 1, 1, "", "",
                f"første linje skal vise til skjemaet: "
                f"'# yaml-language-server: $schema={self.schema_ref}'"))
        try:
            node = yaml.compose(text, Loader=Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = _yaml_problem((exc.problem or exc.context or "ukjent feil").strip())
            self.errors.append(DataError(
                self.display, line, col, "", "",
                f"YAML-feil: {problem}. Sjekk innrykket, og sett tekst som inneholder "
                f"kolon eller # i anførselstegn"))
            return
        except yaml.YAMLError as exc:
            self.errors.append(DataError(self.display, 1, 1, "", "", f"YAML-feil ({exc})"))
            return
        if node is None:
            self.errors.append(DataError(self.display, 1, 1, "", "", "filen er tom"))
            return
        self.value = self._convert(node, ())
        for path, at, message in self._duplicates:
            self.error(path, message, mark=at)

    def _convert(self, node: yaml.Node, path: tuple) -> Any:
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = (*path, key)
                if key in result:
                    first = self.key_marks[child][0]
                    mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                    self._duplicates.append((child, mark,
                                             f"feltet '{key}' står to ganger (første gang på "
                                             f"linje {first}); behold bare ett av dem"))
                    continue
                self.key_marks[child] = (key_node.start_mark.line + 1,
                                         key_node.start_mark.column + 1)
                result[key] = self._convert(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        tag, text = node.tag, node.value
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            return text
        self.raw[path] = text
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() in ("true", "yes", "on", "y")
        if tag.endswith(":int"):
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return float("nan")
        if tag.endswith(":float"):
            try:
                return float(text.replace("_", ""))
            except ValueError:
                return float("nan")
        return text


KIND_BY_KEY = {"delmål": "delmål", "tiltak": "tiltak", "statuser": "status"}


def _describe(root: Any, path: tuple, kind: str = "") -> tuple[str, str]:
    """Split a path into its subject ("tiltak 1.1.3") and field ("logg[2].status")."""
    subject, field_start = "", 0
    node: Any = root
    if kind and isinstance(root, dict):
        subject = f"{kind} {root['id']}" if isinstance(root.get("id"), str) else kind
    for i, part in enumerate(path):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        item_kind = KIND_BY_KEY.get(path[i - 1]) if i and isinstance(part, int) else None
        if item_kind:
            ident = node.get("id") if isinstance(node, dict) else None
            subject = (f"{item_kind} {ident}" if isinstance(ident, str)
                       else f"{item_kind} nr. {part + 1}")
            field_start = i + 1
    field = ""
    for part in path[field_start:]:
        field += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if field else part)
    return subject, field


def _read_schema(schema_dir: Path, name: str, labels: dict[str, str] | None = None) -> Schema:
    return Schema(json.loads((schema_dir / name).read_text(encoding="utf-8")), labels)


def _display(path: Path) -> str:
    """A path as editors know it: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _load(folder: Path, files: list[Path], today: dt.date, schema_dir: Path) -> Plan:
    docs = []
    for path in files:
        if path.name == PLAN_FILE:
            doc = _Document(path, _display(path), "schema/plan.schema.json")
        else:
            doc = _Document(path, _display(path), "../schema/omrade.schema.json", "område")
        doc.read()
        docs.append(doc)
    plan_doc, area_docs = docs[0], docs[1:]
    if not area_docs:
        plan_doc.errors.append(DataError(
            _display(folder / AREAS_DIR), 1, 1, "", "",
            "fant ingen områdefiler (*.yaml) i mappen"))

    if plan_doc.value is not None:
        for problem in _read_schema(schema_dir, "plan.schema.json").check(plan_doc.value, plan_doc.raw):
            plan_doc.error(problem.path, problem.message, problem.at_key, rule="schema")
    vocabulary = _vocabulary(plan_doc)
    labels = {s["navn"]: s["id"] for s in vocabulary}
    area_schema = _read_schema(schema_dir, "omrade.schema.json", labels)
    for doc in area_docs:
        if doc.value is not None:
            for problem in area_schema.check(doc.value, doc.raw):
                doc.error(problem.path, problem.message, problem.at_key, rule="schema")
    _check_vocabulary_matches_schema(plan_doc, vocabulary, area_schema)
    _check_semantics(area_docs)

    errors = [e for d in docs for e in d.errors]
    if errors:
        raise DataErrors(errors)
    return _build(plan_doc.value, area_docs, today)


def _vocabulary(plan_doc: _Document) -> list[dict]:
    value = plan_doc.value if isinstance(plan_doc.value, dict) else {}
    statuses = value.get("statuser")
    if not isinstance(statuses, list):
        return []
    good = [s for s in statuses if isinstance(s, dict) and isinstance(s.get("id"), str)]
    seen: dict[str, int] = {}
    for index, status in enumerate(statuses):
        if status in good:
            if status["id"] in seen:
                plan_doc.error(("statuser", index, "id"),
                               f"status-id '{status['id']}' er brukt før; hver status "
                               f"må ha sin egen id")
            seen.setdefault(status["id"], index)
    return good


def _check_vocabulary_matches_schema(plan_doc: _Document, vocabulary: list[dict],
                                     area_schema: Schema) -> None:
    ids = [s["id"] for s in vocabulary]
    enum = area_schema.root["definitions"]["logginnslag"]["properties"]["status"]["enum"]
    if ids and ids != enum:
        plan_doc.error(("statuser",),
                       f"statusene her ({allowed_list(ids)}) må være de samme, i samme "
                       f"rekkefølge, som enum for status i data/schema/omrade.schema.json "
                       f"({allowed_list(enum)}); endre begge likt")


def _check_semantics(area_docs: list[_Document]) -> None:
    """Checks a schema cannot express: unique ids, ids matching their place, references."""
    seen: dict[str, tuple[_Document, tuple]] = {}
    slugs: dict[str, _Document] = {}
    references: list[tuple[_Document, tuple, str]] = []

    def claim(doc: _Document, path: tuple, ident: Any, kind: str) -> None:
        if not isinstance(ident, str):
            return
        if ident in seen:
            other, other_path = seen[ident]
            line = other.where(other_path)[0]
            doc.error(path, f"{kind}-nummeret {ident} er brukt før (i {other.display}:{line}); "
                            f"hvert nummer kan bare brukes én gang")
        else:
            seen[ident] = (doc, path)

    for doc in area_docs:
        area = doc.value
        if not isinstance(area, dict):
            continue
        area_id, slug = area.get("id"), area.get("slug")
        claim(doc, ("id",), area_id, "område")
        if isinstance(slug, str):
            if slug in slugs:
                doc.error(("slug",), f"adressen '{slug}' er brukt før (i {slugs[slug].display})")
            slugs.setdefault(slug, doc)
            if isinstance(area_id, str) and doc.path.name != f"{area_id}-{slug}.yaml":
                doc.error(("slug",), f"filen skal hete {area_id}-{slug}.yaml, etter områdets "
                                     f"id og slug (den heter {doc.path.name})")
        for gi, goal in enumerate(_items(area.get("delmål"))):
            goal_path = ("delmål", gi)
            goal_id = goal.get("id")
            _check_prefix(doc, (*goal_path, "id"), goal_id, area_id, "delmål", "området")
            claim(doc, (*goal_path, "id"), goal_id, "delmål")
            for mi, measure in enumerate(_items(goal.get("tiltak"))):
                measure_path = (*goal_path, "tiltak", mi)
                measure_id = measure.get("id")
                _check_prefix(doc, (*measure_path, "id"), measure_id, goal_id, "tiltak",
                              "delmålet")
                claim(doc, (*measure_path, "id"), measure_id, "tiltak")
                if isinstance(measure.get("se"), str):
                    references.append((doc, (*measure_path, "se"), measure["se"]))
                    if measure["se"] == measure_id:
                        doc.error((*measure_path, "se"), "et tiltak kan ikke vise til seg selv")
                _check_dates(doc, measure, measure_path)

    if any(doc.value is None for doc in area_docs):
        return  # a file that is not valid YAML may hold the target: don't guess at others
    known = [i for i in seen if i.count(".") >= 1]
    for doc, path, target in references:
        if target not in seen or target.count(".") == 0:
            close = difflib.get_close_matches(target, known, n=1)
            hint = f" – mente du '{close[0]}'?" if close else ""
            doc.error(path, f"viser til '{target}', men det finnes ikke noe delmål eller "
                            f"tiltak med det nummeret{hint}")


def _items(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _check_prefix(doc: _Document, path: tuple, ident: Any, parent: Any, kind: str,
                  parent_name: str) -> None:
    if not (isinstance(ident, str) and isinstance(parent, str)):
        return
    prefix, _, _ = ident.rpartition(".")
    if prefix != parent:
        expected = f"{parent}.{ident.rpartition('.')[2]}"
        doc.error(path, f"{kind}-nummeret {ident} passer ikke med {parent_name} det står i "
                        f"({parent}); det skal begynne med {parent}. – mente du '{expected}'?")


def _check_dates(doc: _Document, measure: dict, path: tuple) -> None:
    candidates = [((*path, "frist"), measure.get("frist"))]
    for li, entry in enumerate(measure.get("logg") or []):
        if isinstance(entry, dict):
            candidates.append(((*path, "logg", li, "dato"), entry.get("dato")))
    for field_path, value in candidates:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                doc.error(field_path, f"'{value}' er ikke en dato som finnes (år-måned-dag, "
                                      f"for eksempel 2025-03-14)")


def _status(raw: dict, ident: str) -> Status:
    return Status(ident, raw["navn"], raw["beskrivelse"], raw["ikon"], raw["farge"],
                  raw.get("avsluttet", False))


def _build(plan: dict, area_docs: list[_Document], today: dt.date) -> Plan:
    statuses = tuple(_status(s, s["id"]) for s in plan["statuser"])
    by_id = {s.id: s for s in statuses}
    built_areas = []
    for doc in area_docs:
        raw_area, source = doc.value, doc.display
        goals = []
        for gi, raw_goal in enumerate(raw_area["delmål"]):
            measures = tuple(
                Measure(
                    id=m["id"], text=m["tekst"], goal_id=raw_goal["id"], area_id=raw_area["id"],
                    items=tuple(m.get("punkter", ())), see=m.get("se"),
                    owner=m.get("ansvarlig"),
                    deadline=dt.date.fromisoformat(m["frist"]) if m.get("frist") else None,
                    log=_log(m.get("logg") or [], by_id),
                    line=doc.where(("delmål", gi, "tiltak", mi))[0],
                )
                for mi, m in enumerate(raw_goal["tiltak"])
            )
            goals.append(Goal(raw_goal["id"], raw_goal["tekst"], raw_area["id"], measures))
        built_areas.append(Area(raw_area["id"], raw_area["slug"], raw_area["tittel"],
                                tuple(goals), source))
    built_areas.sort(key=lambda a: int(a.id))
    result = Plan(
        title=plan["tittel"], organisation=plan["organisasjon"], period=plan["periode"],
        stale_after_days=plan["foreldet_etter_dager"], statuses=statuses,
        unreported=_status(plan["ikke_rapportert"], UNREPORTED_ID),
        areas=tuple(built_areas), build_date=today,
    )
    result.goals_by_id.update((g.id, g) for g in result.goals)
    result.measures_by_id.update((m.id, m) for m in result.measures)
    return result


def _log(entries: list[dict], statuses: dict[str, Status]) -> tuple[LogEntry, ...]:
    """Log entries newest first; on the same date, the later one in the file is newer."""
    built = [
        (dt.date.fromisoformat(e["dato"]), index,
         LogEntry(dt.date.fromisoformat(e["dato"]), statuses[e["status"]], e["tekst"],
                  e.get("lenke")))
        for index, e in enumerate(entries)
    ]
    return tuple(entry for _, _, entry in sorted(built, key=lambda t: (t[0], t[1]), reverse=True))
