"""The status diff: what the data in the working tree changes compared with a git revision.

Both sides are loaded with `load_plan`; the older side with its own schemas, extracted from
git with `git archive`. The result is Norwegian Markdown for reviewers (and CI job summaries).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataErrors
from .load import SCHEMA_DIR, load_plan
from .model import Goal, LogEntry, Measure, Plan, Status
from .templating import environment

TEMPLATE = "diff.md"
MAX_BASE_ERRORS = 10

# What each measure field is called in the data files, for the list of text changes.
MEASURE_FIELDS = {"text": "tekst", "items": "punkter", "see": "se", "owner": "ansvarlig",
                  "deadline": "frist"}


class RevisionError(Exception):
    """The revision or repository cannot be read; the message is Norwegian."""


@dataclass(frozen=True)
class TextChange:
    """One changed field: what it belongs to, the field name in the data, before and after."""

    subject: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class StatusChange:
    measure: Measure
    before: Status
    after: Status


@dataclass(frozen=True)
class Renumbered:
    """A measure whose text is unchanged but whose id is new: its published link changes."""

    before: Measure
    after: Measure


@dataclass
class PlanDiff:
    """Everything that differs between two plans, in plan order."""

    added: list[Measure] = field(default_factory=list)
    removed: list[Measure] = field(default_factory=list)
    renumbered: list[Renumbered] = field(default_factory=list)
    goals_added: list[Goal] = field(default_factory=list)
    goals_removed: list[Goal] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    new_entries: list[tuple[Measure, LogEntry]] = field(default_factory=list)
    removed_entries: list[tuple[Measure, LogEntry]] = field(default_factory=list)
    text_changes: list[TextChange] = field(default_factory=list)
    vocabulary_changes: list[TextChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def _entry_key(entry: LogEntry) -> tuple:
    return entry.date, entry.status.id, entry.text, entry.link


def _value(value: object) -> str:
    """A field value as reviewers read it."""
    if value is None or value == ():
        return "(tomt)"
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _field_changes(subject: str, before: object, after: object,
                   fields: dict[str, str]) -> list[TextChange]:
    changes = []
    for attribute, name in fields.items():
        old, new = getattr(before, attribute), getattr(after, attribute)
        if old != new:
            changes.append(TextChange(subject, name, _value(old), _value(new)))
    return changes


def compare(base: Plan, head: Plan) -> PlanDiff:
    """The changes from `base` to `head`."""
    diff = PlanDiff()
    diff.text_changes += _field_changes(
        "Planen", base, head, {"title": "tittel", "organisation": "organisasjon",
                               "period": "periode"})
    base_areas = {a.id: a for a in base.areas}
    for area in head.areas:
        if area.id in base_areas:
            diff.text_changes += _field_changes(f"Utviklingsområde {area.id}",
                                                base_areas[area.id], area, {"title": "tittel"})
    for goal in head.goals:
        old_goal = base.goals_by_id.get(goal.id)
        if old_goal is None:
            diff.goals_added.append(goal)
        elif old_goal.text != goal.text:
            diff.text_changes.append(TextChange(f"Delmål {goal.id}", "tekst", old_goal.text,
                                                goal.text))
    diff.goals_removed = [g for g in base.goals if g.id not in head.goals_by_id]

    added = [m for m in head.measures if m.id not in base.measures_by_id]
    removed = [m for m in base.measures if m.id not in head.measures_by_id]
    for gone in list(removed):
        twin = next((m for m in added if m.text == gone.text), None)
        if twin is not None:
            diff.renumbered.append(Renumbered(gone, twin))
            removed.remove(gone)
            added.remove(twin)
    diff.added, diff.removed = added, removed
    pairs: list[tuple[Measure | None, Measure]] = [
        (base.measures_by_id[m.id], m) for m in head.measures if m.id in base.measures_by_id]
    pairs += [(r.before, r.after) for r in diff.renumbered]
    pairs += [(None, m) for m in added]
    for old, new in pairs:
        _compare_measure(diff, base, head, old, new)
    diff.vocabulary_changes = _vocabulary_changes(base, head)
    return diff


def _compare_measure(diff: PlanDiff, base: Plan, head: Plan, old: Measure | None,
                     new: Measure) -> None:
    if old is not None:
        diff.text_changes += _field_changes(f"Tiltak {new.id}", old, new, MEASURE_FIELDS)
    before = base.status_of(old) if old is not None else base.unreported
    after = head.status_of(new)
    if before.id != after.id:
        diff.status_changes.append(StatusChange(new, before, after))
    old_keys = {_entry_key(e) for e in old.log} if old is not None else set()
    new_keys = {_entry_key(e) for e in new.log}
    diff.new_entries += [(new, e) for e in reversed(new.log) if _entry_key(e) not in old_keys]
    if old is not None:
        diff.removed_entries += [(new, e) for e in reversed(old.log)
                                 if _entry_key(e) not in new_keys]


def _vocabulary_changes(base: Plan, head: Plan) -> list[TextChange]:
    before = {s.id: s for s in base.statuses}
    after = {s.id: s for s in head.statuses}
    changes = [TextChange(f"Status {i}", "navn", "(finnes ikke)", after[i].name)
               for i in after if i not in before]
    changes += [TextChange(f"Status {i}", "navn", before[i].name, "(fjernet)")
                for i in before if i not in after]
    for ident in (i for i in after if i in before):
        changes += _field_changes(f"Status {ident}", before[ident], after[ident],
                                  {"name": "navn", "description": "beskrivelse",
                                   "icon": "ikon", "tone": "farge"})
    if [s.id for s in base.statuses if s.id in after] != [s.id for s in head.statuses
                                                         if s.id in before]:
        changes.append(TextChange("Statusene", "rekkefølge",
                                  ", ".join(before), ", ".join(after)))
    return changes


def render(base_name: str, diff: PlanDiff | None, base_errors: list[str] | None = None) -> str:
    """The diff as Norwegian Markdown; with `base_errors`, say that the base cannot be read."""
    errors = (base_errors or [])[:MAX_BASE_ERRORS]
    return environment().get_template(TEMPLATE).render(
        base=base_name, diff=diff, base_errors=errors,
        more_errors=len(base_errors or []) - len(errors))


def _git(args: list[str], cwd: Path) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"git {' '.join(args)} feilet: {message}")
    return result.stdout


def extract_data(revision: str, folder: Path, dest: Path) -> Path:
    """Write the revision's copy of `folder` (a data folder inside a git repo) under `dest`."""
    folder = folder.resolve()
    try:
        prefix = _git(["rev-parse", "--show-prefix"], folder).decode().strip()
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except FileNotFoundError:
        raise RevisionError("fant ikke programmet git") from None
    except RevisionError:
        raise RevisionError(f"datamappen {folder} ligger ikke i et git-repo") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except RevisionError:
        raise RevisionError(f"git kjenner ikke revisjonen '{revision}'; skriv en gren eller "
                            f"en commit som finnes, for eksempel origin/main, main eller "
                            f"HEAD~1") from None
    try:
        archive = _git(["archive", "--format=tar", revision, "--", prefix or "."], top)
    except RevisionError:
        raise RevisionError(f"mappen {prefix or '.'} finnes ikke i revisjonen '{revision}'") \
            from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: refuse links out of dest
            try:
                tar.extractall(dest, filter="data")
            except tarfile.FilterError as exc:
                raise RevisionError(
                    f"revisjonen '{revision}' har {exc.tarinfo.name}, som peker ut av "
                    f"datamappen eller er en spesialfil; den sammenlignes ikke") from None
        else:
            tar.extractall(dest)
    return dest / prefix


def _schemas_of(folder: Path) -> Path:
    """A data folder's own schemas (`data/schema/`), else the repository's."""
    own = folder / "schema"
    return own if own.is_dir() else SCHEMA_DIR


def status_diff(revision: str, folder: Path) -> str:
    """The Markdown report for the data in `folder` against the same folder at `revision`.

    Raises `DataErrors` if the working tree's data is invalid and `RevisionError` if the
    revision cannot be read.
    """
    head = load_plan(folder, schema_dir=_schemas_of(folder))
    with tempfile.TemporaryDirectory(prefix="plan-diff-") as tmp:
        base_folder = extract_data(revision, folder, Path(tmp))
        try:
            base = load_plan(base_folder, head.build_date, _schemas_of(base_folder))
        except DataErrors as exc:
            where = base_folder.resolve().as_posix() + "/"
            return render(revision, None, [str(e).replace(where, f"{revision}:{folder.name}/")
                                           for e in exc.errors])
    return render(revision, compare(base, head))
