"""Append status reports to the `logg` of tiltak, editing the area files in place.

Every channel that adds reports (the "Meld status" issue form, the spreadsheet import, and
freezing a period) goes through `write_reports`. It never re-dumps YAML: it finds each tiltak's
mapping in the composed file (positions from `yaml.compose`) and inserts the new lines after
the tiltak's last line, or after the last entry of its `logg`, with the file's own indentation
and line endings. Comments, key order, quoting and the schema line survive, and the git diff of
a report only adds lines. Text is always written as a double-quoted scalar with every special
character escaped, or as a literal block (`|-`) when it has several lines and nothing a block
cannot hold, so `:`, `#`, quotes, `<script>` and `{{ }}` come back exactly as they went in.

The result is checked before anything is written: the new texts are put in a temporary copy of
the data folder and loaded with `load_plan`, the same check as `make check`, and the loaded plan
must hold exactly the old data plus the new entries. Only then does `write.write_files` write
every file or none.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import DataError, DataErrors, allowed_list
from .load import load_plan
from .model import Measure, Plan
from .read import display, named_in
from .settings import ROOT, build_date, data_dir
from .write import write_files

# The C composer is much faster; its marks count lines and characters like the pure one.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What YAML (1.1, as libyaml reads it) counts as a line break; marks count lines by these.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t",
           "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N",
           "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
# Status ids are plain slugs; anything else is quoted (`no` would load as false).
PLAIN_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
NOT_PLAIN = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass(frozen=True)
class LogReport:
    """One status report for a tiltak: becomes one `logg` entry (`status` is a status id)."""

    measure_id: str
    date: dt.date
    status: str
    text: str
    link: str | None = None

    def as_entry(self) -> tuple[dt.date, str, str, str | None]:
        return (self.date, self.status, self.text, self.link)


def _printable(char: str) -> bool:
    """YAML's printable set, less the byte order mark (libyaml rejects it inside text)."""
    code = ord(char)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF) and code != 0xFEFF


def yaml_string(value: str) -> str:
    """`value` as a double-quoted YAML scalar on one line, every special character escaped."""
    out = []
    for char in value:
        if char in ESCAPES:
            out.append(ESCAPES[char])
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02X}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def fits_literal_block(value: str) -> bool:
    """True if `value` has several lines and a `|-` block holds it exactly and readably.

    A block cannot escape anything, keeps trailing spaces invisibly, and takes its indentation
    from the first line; such texts are written double-quoted instead. So are texts with `#`,
    which a reader of the file could take for a comment.
    """
    return ("\n" in value and value == value.strip() and "\t" not in value and "#" not in value
            and not LINE_BREAK.search(value.replace("\n", ""))
            and all(_printable(c) for c in value.replace("\n", ""))
            and not any(line != line.rstrip() for line in value.split("\n")))


def _scalar_lines(key: str, value: str, indent: str, newline: str) -> str:
    if fits_literal_block(value):
        body = newline.join(f"{indent}  {line}" if line else "" for line in value.split("\n"))
        return f"{indent}{key}: |-{newline}{body}{newline}"
    return f"{indent}{key}: {yaml_string(value)}{newline}"


def _status_scalar(status: str) -> str:
    plain = PLAIN_ID.fullmatch(status) and status not in NOT_PLAIN
    return status if plain else yaml_string(status)


def entry_text(report: LogReport, dash: str, key_offset: int = 2, newline: str = "\n") -> str:
    """One block-style `logg` entry: `dash` is the indentation before its `-`."""
    keys = dash + " " * key_offset
    text = (f"{dash}-{' ' * (key_offset - 1)}dato: {report.date.isoformat()}{newline}"
            f"{keys}status: {_status_scalar(report.status)}{newline}"
            + _scalar_lines("tekst", report.text, keys, newline))
    if report.link is not None:
        text += _scalar_lines("lenke", report.link, keys, newline)
    return text


def flow_entry(report: LogReport) -> str:
    """One `logg` entry in flow style, for a `logg` written as `[ … ]`."""
    parts = [f"dato: {report.date.isoformat()}", f"status: {_status_scalar(report.status)}",
             f"tekst: {yaml_string(report.text)}"]
    if report.link is not None:
        parts.append(f"lenke: {yaml_string(report.link)}")
    return "{" + ", ".join(parts) + "}"


class _Source:
    """A file's text with the offset of every line start, counted as YAML counts lines."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        first = LINE_BREAK.search(text)
        self.newline = first.group() if first else "\n"

    def offset(self, mark: yaml.Mark) -> int:
        return self.starts[mark.line] + mark.column

    def after_line(self, mark: yaml.Mark) -> tuple[int, str]:
        """Where the line holding `mark` ends (past its break), and a break to add if at EOF."""
        if mark.line + 1 < len(self.starts):
            return self.starts[mark.line + 1], ""
        return len(self.text), self.newline

    def line(self, number: int) -> str:
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return LINE_BREAK.sub("", self.text[self.starts[number]:end])


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode)
                 and k.value == key), None)


def _measure_nodes(root: yaml.Node | None) -> dict[str, yaml.MappingNode]:
    """The mapping node of every tiltak in an area file, by id."""
    found: dict[str, yaml.MappingNode] = {}
    goals = _value(root, "delmål") if isinstance(root, yaml.MappingNode) else None
    for goal in goals.value if isinstance(goals, yaml.SequenceNode) else ():
        measures = _value(goal, "tiltak") if isinstance(goal, yaml.MappingNode) else None
        for measure in measures.value if isinstance(measures, yaml.SequenceNode) else ():
            ident = _value(measure, "id") if isinstance(measure, yaml.MappingNode) else None
            if isinstance(ident, yaml.ScalarNode):
                found.setdefault(ident.value, measure)
    return found


def _end(source: _Source, node: yaml.Node) -> tuple[int, str]:
    """Where lines that follow `node` go: after its last line (for a block scalar, after the
    blank lines it keeps), and a line break to add first when the file ends there."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        if node.end_mark.column == 0:
            return source.offset(node.end_mark), ""
        return len(source.text), source.newline
    return source.after_line(node.end_mark)


def _dash_indent(source: _Source, item: yaml.Node) -> tuple[str, int]:
    """The indentation before a block sequence item's `-`, and the columns from `-` to its key."""
    line = source.line(item.start_mark.line)
    dash = line.rfind("-", 0, item.start_mark.column)
    if dash < 0 or line[:dash].strip():
        raise ValueError(f"fant ikke '-' foran innslaget på linje {item.start_mark.line + 1}")
    return line[:dash], item.start_mark.column - dash


def _insertion(source: _Source, measure: yaml.MappingNode,
               reports: Sequence[LogReport]) -> tuple[int, str]:
    """Where to insert what, to add `reports` to one tiltak's logg."""
    newline = source.newline
    log = _value(measure, "logg")
    if isinstance(log, yaml.SequenceNode) and log.flow_style:  # `logg: [ … ]`
        entries = ", ".join(flow_entry(r) for r in reports)
        return source.offset(log.end_mark) - 1, (", " if log.value else "") + entries
    if measure.flow_style:  # the whole tiltak written as `{ … }`, without a logg
        entries = ", ".join(flow_entry(r) for r in reports)
        return source.offset(measure.end_mark) - 1, f", logg: [{entries}]"
    if isinstance(log, yaml.SequenceNode):
        dash, offset = _dash_indent(source, log.value[0])
        at, prefix = _end(source, log)
        return at, prefix + "".join(entry_text(r, dash, offset, newline) for r in reports)
    if log is not None:
        raise ValueError(f"logg på linje {log.start_mark.line + 1} er ikke en liste")
    key_indent = " " * measure.start_mark.column
    at, prefix = _end(source, measure)
    entries = "".join(entry_text(r, key_indent + "  ", 2, newline) for r in reports)
    return at, f"{prefix}{key_indent}logg:{newline}{entries}"


def append_entries(text: str, reports: Sequence[LogReport]) -> str:
    """The text of one area file with `reports` appended to their tiltak's logg, in order.

    Raises KeyError if a report's tiltak is not in the file.
    """
    source = _Source(text)
    nodes = _measure_nodes(yaml.compose(text, Loader=Loader))
    grouped: dict[str, list[LogReport]] = {}
    for report in reports:
        grouped.setdefault(report.measure_id, []).append(report)
    insertions = []
    for measure_id, group in grouped.items():
        if measure_id not in nodes:
            raise KeyError(measure_id)
        insertions.append(_insertion(source, nodes[measure_id], group))
    for at, new in sorted(insertions, key=lambda i: i[0], reverse=True):
        text = text[:at] + new + text[at:]
    return text


def _area_file(plan: Plan, measure: Measure) -> Path:
    source = Path(plan.area(measure.area_id).source)
    return source if source.is_absolute() else ROOT / source


def group_by_file(plan: Plan, reports: Iterable[LogReport]) -> dict[Path, list[LogReport]]:
    """The reports by the area file of their tiltak (all must be in the plan), in order."""
    by_file: dict[Path, list[LogReport]] = {}
    for report in reports:
        path = _area_file(plan, plan.measures_by_id[report.measure_id])
        by_file.setdefault(path, []).append(report)
    return by_file


def _precheck(plan: Plan, reports: Iterable[LogReport], today: dt.date,
              folder: Path) -> list[DataError]:
    """Problems a report can have on its own; the loader checks the rest after the edit."""
    errors = []
    statuses = [s.id for s in plan.statuses]
    for report in reports:
        measure = plan.measures_by_id.get(report.measure_id)
        where = (display(_area_file(plan, measure)), measure.line, 1) if measure else \
            (display(folder / "omrader"), 1, 1)
        subject = f"tiltak {report.measure_id}"

        def fail(field: str, message: str) -> None:
            errors.append(DataError(*where, subject, field, message, "report"))

        if measure is None:
            fail("", "finnes ikke i planen")
        if report.status not in statuses:
            fail("logg.status", f"ukjent status '{report.status}' "
                                f"(tillatt: {allowed_list(statuses)})")
        if report.date > today:
            fail("logg.dato", f"{report.date.isoformat()} er etter i dag "
                              f"({today.isoformat()}); en statusmelding kan ikke være fremtidig")
        if not report.text.strip():
            fail("logg.tekst", "kan ikke være tom")
    return errors


def _comparable(measure: Measure) -> Measure:
    return replace(measure, log=(), line=0)


def _entries(measure: Measure) -> Counter:
    return Counter((e.date, e.status.id, e.text, e.link) for e in measure.log)


def _check_only_added(before: Plan, after: Plan, reports: Sequence[LogReport]) -> list[str]:
    """What differs between the plans other than the new entries (nothing, if all is well)."""
    problems = []
    expected: dict[str, Counter] = {}
    for report in reports:
        expected.setdefault(report.measure_id, Counter())[report.as_entry()] += 1
    if list(before.measures_by_id) != list(after.measures_by_id):
        problems.append("tiltakene i planen ble endret")
    for measure_id, old in before.measures_by_id.items():
        new = after.measures_by_id.get(measure_id)
        if new is None:
            continue
        if _comparable(old) != _comparable(new):
            problems.append(f"tiltak {measure_id}: andre felt enn logg ble endret")
        added = _entries(new) - _entries(old)
        if added != expected.get(measure_id, Counter()) or _entries(old) - _entries(new):
            problems.append(f"tiltak {measure_id}: loggen ble ikke lest tilbake slik den ble "
                            f"skrevet")
    return problems


def new_texts(reports: Sequence[LogReport], folder: Path | None = None,
              today: dt.date | None = None) -> dict[Path, str]:
    """The new full text of every area file the reports touch, checked; nothing is written.

    Raises `DataErrors` (in Norwegian, with the real file names) if the data already has
    errors, a report is invalid, or the edited data would not pass `make check`.
    """
    folder = (folder or data_dir()).resolve()
    today = today or build_date()
    plan = load_plan(folder, today)
    errors = _precheck(plan, reports, today, folder)
    if errors:
        raise DataErrors(errors)
    texts = {}
    for path, group in group_by_file(plan, reports).items():
        try:
            # Bytes, not text mode: that would turn Windows line endings into "\n" everywhere.
            texts[path] = append_entries(path.read_bytes().decode("utf-8"), group)
        except (KeyError, ValueError) as exc:  # a file shape the writer does not know
            raise DataErrors([DataError(
                display(path), 1, 1, "", "", f"kan ikke legge til logginnslag i denne filen "
                f"automatisk ({exc}); legg dem inn for hånd")]) from None
    _validate(plan, folder, texts, reports, today)
    return texts


def _validate(plan: Plan, folder: Path, texts: dict[Path, str],
              reports: Sequence[LogReport], today: dt.date) -> None:
    """Load the edited data from a temporary copy; raise `DataErrors` unless all is well."""
    with tempfile.TemporaryDirectory(prefix="plan-rapport-") as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".*"))
        for path, text in texts.items():
            (copy / path.relative_to(folder)).write_bytes(text.encode("utf-8"))
        try:
            after = load_plan(copy, today)
        except DataErrors as exc:
            raise DataErrors([named_in(folder, copy, e) for e in exc.errors]) from None
    problems = _check_only_added(plan, after, reports)
    if problems:
        raise DataErrors([DataError(display(folder), 1, 1, "", "",
                                    f"endringen ble stoppet fordi den ville endret mer enn "
                                    f"loggen ({p}); ingenting ble skrevet") for p in problems])


def write_reports(reports: Sequence[LogReport], folder: Path | None = None,
                  today: dt.date | None = None) -> dict[Path, str]:
    """Append every report, or none: check all, then write all files at once.

    Returns the files written with their new texts. Raises `DataErrors` and writes nothing
    if anything is wrong.
    """
    texts = new_texts(reports, folder, today)
    write_files(texts)
    return texts
