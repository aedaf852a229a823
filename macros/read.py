"""Read one YAML data file: its values as PyYAML reads them, and where each value stands.

Values come from PyYAML's own safe constructor (on libyaml's C parser where present), so
`017`, `1:30`, `.inf`, `~`, `yes` and `NO` are exactly what `yaml.safe_load` makes of them.
One deliberate difference: a date such as `2025-03-14` stays the text it is written as, since
the schemas (and editors' VS Code) treat dates as text with a pattern, and an impossible date
("2025-02-30") must become a located error, not a crash. Positions come from the node tree.

Every problem becomes a `DataError` in bokmål with `file:line:col`, including YAML syntax
errors, which name their own cause and remedy instead of libyaml's English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .settings import ROOT

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+")
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
# Text as written: strings, and dates (see the module docstring).
TEXT_TAGS = frozenset((STR_TAG, "tag:yaml.org,2002:timestamp"))
# The C parser is about 8x faster than the pure-Python one; fall back only where it is missing.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Subject words for list items, by the key of the list they stand in.
KIND_BY_KEY = {"delmål": "delmål", "tiltak": "tiltak", "statuser": "status",
               "perioder": "periode"}
# How a list item without a usable id is named: "det 2. tiltaket under delmål 1.1".
ITEM_BY_KIND = {"delmål": "det {n}. delmålet i", "tiltak": "det {n}. tiltaket under",
                "status": "den {n}. statusen i", "periode": "den {n}. perioden i"}
# A line that looks like YAML structure: a list item or a `key:`.
STRUCTURE_LINE = re.compile(r"^\s*(?:-\s|[^\s\"'#][^:#]*:(?:\s|$))")


KeyPath = tuple  # keys and list indices from the document root
Where = Callable[[KeyPath], tuple[int, int]]  # a path -> (line, column), as `Document.where`


@dataclass
class Document:
    """One data file: its value, the node of every path, and the problems found in it."""

    path: Path
    display: str
    kind: str = ""  # what the whole file is ("område"), for error subjects; "" for none
    value: Any = None
    errors: list[DataError] = field(default_factory=list)
    # Where each value (and each key) starts, as (line, column), 1-based.
    marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    # The YAML text of each scalar that was not read as text (numbers, ja/nei, empty), and of
    # each key that was not read as text, for messages that say what was written.
    raw: dict[KeyPath, str] = field(default_factory=dict, repr=False)
    raw_keys: dict[KeyPath, str] = field(default_factory=dict, repr=False)
    invalid: set[KeyPath] = field(default_factory=set, repr=False)  # paths the schema refused

    def where(self, path: KeyPath, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a path, falling back to its nearest parent."""
        table = self.key_marks if at_key and path in self.key_marks else self.marks
        while path not in table and path:
            path = path[:-1]
        return table.get(path, (1, 1))

    def error(self, path: KeyPath, message: str, at_key: bool = False,
              mark: tuple[int, int] | None = None, rule: str = "") -> None:
        """Record a problem at `path`. A field the schema already refused gets no more."""
        if rule != "schema" and path in self.invalid:
            return
        if rule == "schema":
            self.invalid.add(path)
        line, col = mark or self.where(path, at_key)
        subject, field_name = describe(self.value, path, self.kind)
        self.errors.append(DataError(self.display, line, col, subject, field_name, message,
                                     rule))

    def file_error(self, message: str, line: int = 1, col: int = 1) -> None:
        """Record a problem with the file as a whole (or a place that has no path)."""
        self.errors.append(DataError(self.display, line, col, "", "", message, "yaml"))


def display(path: Path) -> str:
    """A path as editors know it: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def named_in(folder: Path, copy: Path, error: DataError) -> DataError:
    """An error found in a scratch copy of `folder` (checked before writing), naming the file
    in `folder` the way editors know it, not the copy that is deleted afterwards."""
    prefix = display(copy) + "/"
    if not error.file.startswith(prefix):
        return error
    return replace(error, file=display(folder / error.file[len(prefix):]))


def mtime(path: Path) -> int:
    """The file's modification time in ns, or -1 if it does not exist (for cache keys)."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def read_document(path: Path, schema_ref: str | None, kind: str = "") -> Document:
    """Read and parse one data file. `schema_ref` is what its first line must point to
    (None: no first-line check); `kind` names the whole file in messages ("område")."""
    doc = Document(path, display(path), kind)
    try:
        # "utf-8-sig": a byte order mark (Notepad, Excel) is dropped, as libyaml drops it, so
        # the first line is checked and columns are counted as the editor shows them.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        doc.file_error("filen mangler")
        return doc
    except UnicodeDecodeError:
        doc.file_error("filen er ikke lagret som UTF-8; lagre den som UTF-8")
        return doc
    if schema_ref is not None and not SCHEMA_LINE.match(text):
        doc.file_error(f"første linje skal vise til skjemaet: "
                       f"'# yaml-language-server: $schema={schema_ref}'")
    loader = BaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.file_error("filen er tom")
            return doc
        build = _Build(loader, text, doc)
        doc.value = build.value(node, ())
        for at, message, mark in build.problems:
            doc.error(at, message, mark=mark, rule="yaml")
    except RecursionError:
        doc.value = None
        doc.file_error("YAML-feil: et alias (*) viser til verdien det selv står i; skriv "
                       "verdien ut i stedet for aliaset")
    except yaml.MarkedYAMLError as exc:
        line, col, message = yaml_problem(text, exc)
        doc.file_error(f"YAML-feil: {message}", line, col)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        doc.file_error(f"YAML-feil: tegnet U+{exc.character:04X} er ikke tillatt i en "
                       f"YAML-fil; fjern det (det er ofte usynlig)", line, col)
    finally:
        loader.dispose()
    return doc


class _Build:
    """Build the value from the node tree with PyYAML's constructors for each scalar (as
    `construct_document` would), recording the node of every path on the way; note
    duplicate keys and comments that cut a value short."""

    def __init__(self, loader: yaml.SafeLoader, text: str, doc: Document):
        self.loader, self.doc = loader, doc
        self.constructors: dict[Any, Any] = loader.yaml_constructors
        self.problems: list[tuple[KeyPath, str, tuple[int, int] | None]] = []
        # Only a file with " #" can have a comment after a value on the same line.
        self.lines = text.splitlines() if " #" in text or "\t#" in text else None

    def value(self, node: yaml.Node, path: KeyPath) -> Any:
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.doc.raw.pop(path, None)  # a repeated key's first value is not this one's text
        if isinstance(node, yaml.ScalarNode):
            if self.lines is not None and not node.style:  # plain: None, or "" from libyaml
                self._comment_after(node, path, self.lines)
            if node.tag not in TEXT_TAGS:
                self.doc.raw[path] = node.value
            return self._scalar(node)
        if node.tag == MAP_TAG and isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if node.tag == SEQ_TAG:
            return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)  # !!set, !!omap or unknown

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag in TEXT_TAGS:
            return node.value
        return self.constructors.get(node.tag, self.constructors[None])(self.loader, node)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict:
        self.loader.flatten_mapping(node)  # merge keys (<<), as PyYAML's own mappings do
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) \
                else self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key",
                    key_node.start_mark)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problems.append((child, f"feltet '{key_node.value}' står to ganger "
                                             f"(første gang på linje {first_line[key]}); behold "
                                             f"bare ett av dem",
                                      (line, key_node.start_mark.column + 1)))
            first_line.setdefault(key, line)
            self.doc.key_marks[child] = (line, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                self.doc.raw_keys[child] = str(key_node.value)
            result[key] = self.value(value_node, child)
        return result

    def _comment_after(self, node: yaml.ScalarNode, path: KeyPath, lines: list[str]) -> None:
        """Refuse `tekst: Brevet er sendt # se referat`: YAML drops all from the ` #`."""
        end = node.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        if not re.match(r"\s+#", rest) or not node.value:
            return
        comment = rest.strip()
        whole = f"{node.value} {comment}".replace('"', '\\"')
        self.problems.append((path, f"YAML leser alt fra # som en kommentar, så «{comment}» "
                                    f"blir borte; skal det stå i verdien, sett hele verdien i "
                                    f"anførselstegn: \"{whole}\". Er det en kommentar, flytt "
                                    f"den til en egen linje", None))


def describe(root: Any, path: KeyPath, kind: str = "") -> tuple[str, str]:
    """Split a path into its subject ("tiltak 1.1.3") and field ("logg[2].status").

    A list item without a usable id is named by its place: "det 2. tiltaket under delmål 1.1".
    """
    subject, field_start = "", 0
    node = root
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
            if isinstance(ident, str):
                subject = f"{item_kind} {ident}"
            else:
                place = ITEM_BY_KIND[item_kind].format(n=part + 1)
                subject = f"{place} {subject}" if subject else place.rpartition(" ")[0]
            field_start = i + 1
    field_name = ""
    for part in path[field_start:]:
        if isinstance(part, int):
            field_name += f"[{part + 1}]"
        else:
            field_name += f".{part}" if field_name else str(part)
    return subject, field_name


# --- YAML syntax errors in bokmål -----------------------------------------------------------

def yaml_problem(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """(line, column, message) for a YAML error: where the problem begins, and what to do."""
    lines = text.splitlines()
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    tab = _tab_in_indent(lines, mark)
    if tab:
        return (*tab, "linjen er rykket inn med tabulator; bruk mellomrom (YAML tillater ikke "
                      "tabulator i innrykket)")
    opened = _unclosed_quote(text, exc)
    if opened:
        line, col, quote = opened
        return (line, col, f"anførselstegnet ({quote}) som begynner her, blir ikke avsluttet "
                           f"på samme linje; sett {quote} også til slutt i teksten")
    for rule in YAML_RULES:
        if problem.startswith(rule.problem) and context.startswith(rule.context):
            used = exc.context_mark if rule.at_context and exc.context_mark else mark
            line, col = (used.line + 1, used.column + 1) if used else (1, 1)
            return line, col, rule.message(lines, used)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return line, col, ("filen kan ikke leses som YAML her; sjekk innrykket og anførselstegnene "
                       "på denne linjen og linjen over")


def _tab_in_indent(lines: list[str], mark: yaml.Mark | None) -> tuple[int, int] | None:
    """(line, column) of a tab in the indentation of the error's line, if there is one."""
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent:
        return mark.line + 1, indent.index("\t") + 1
    if mark.column < len(line) and line[mark.column] == "\t":
        return mark.line + 1, mark.column + 1
    return None


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """(line, column, quote) where a quoted value opens that was meant to end on its line.

    libyaml reports such a value far away: at the end of the file, or where the next quote
    in the file closes it and the rest no longer parses. A quoted value running over lines
    that look like YAML structure (`- …`, `key: …`) was not meant to.
    """
    if exc.context and exc.context.startswith("while scanning a quoted scalar") \
            and exc.context_mark is not None:
        mark = exc.context_mark
        return mark.line + 1, mark.column + 1, text[mark.index] if mark.index < len(text) else '"'
    lines = text.splitlines()
    found = None
    try:
        for token in yaml.scan(text, Loader=BaseLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                inside = lines[token.start_mark.line + 1:token.end_mark.line + 1]
                if any(STRUCTURE_LINE.match(line) for line in inside):
                    found = (token.start_mark.line + 1, token.start_mark.column + 1,
                             token.style)
                    break
    except yaml.YAMLError:
        pass
    return found


def _value_of(lines: list[str], mark: yaml.Mark | None) -> tuple[str, str] | None:
    """(key, value) of a `key: value` line, for suggesting the value in quotes."""
    if mark is None or mark.line >= len(lines):
        return None
    match = re.match(r"^\s*(?:-\s+)?([^\s:#][^:#]*?):\s+(.+?)\s*$", lines[mark.line])
    return (match.group(1), match.group(2)) if match else None


def _quote_colon_text(lines: list[str], mark: yaml.Mark | None) -> str:
    found = _value_of(lines, mark)
    example = ""
    if found and '"' not in found[1]:
        example = f": {found[0]}: \"{found[1]}\""
    return ("et kolon med mellomrom etter leses som starten på et nytt felt, også inne i en "
            f"tekst; sett hele teksten i anførselstegn{example}")


def _quote_start(lines: list[str], mark: yaml.Mark | None) -> str:
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    char = line[mark.column] if mark is not None and mark.column < len(line) else ""
    shown = f"med {char} " if char.strip() else "slik "
    return f"en verdi kan ikke begynne {shown}uten anførselstegn; sett verdien i anførselstegn"


def _after_quote(lines: list[str], mark: yaml.Mark | None) -> str:
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and line[:mark.column].rstrip().endswith(('"', "'")):
        return ("det står tekst etter anførselstegnet som avslutter verdien; sett hele "
                "teksten innenfor anførselstegnene")
    return ("innrykket stemmer ikke med linjene over; felt som hører sammen, skal begynne "
            "rett under hverandre")


@dataclass(frozen=True)
class _Rule:
    """A libyaml error (problem and context start with these) and what to tell the editor."""

    problem: str
    context: str
    at_context: bool  # the problem begins at the context mark (where libyaml started)
    advice: str | Callable[[list[str], yaml.Mark | None], str]  # or a function giving it

    def message(self, lines: list[str], mark: yaml.Mark | None) -> str:
        return self.advice(lines, mark) if callable(self.advice) else self.advice


YAML_RULES = (
    _Rule("mapping values are not allowed", "", False, _quote_colon_text),
    _Rule("could not find expected ':'", "", True,
          "fant ikke kolonet etter feltnavnet på denne linjen; skriv feltnavn, kolon og "
          "verdi, for eksempel tekst: \"…\""),
    _Rule("did not find expected key", "", False, _after_quote),
    _Rule("did not find expected '-' indicator", "", False,
          "innrykket stemmer ikke med listen over; et nytt punkt i listen begynner med «- », "
          "og feltene i ett punkt skal begynne rett under hverandre"),
    _Rule("did not find expected ',' or", "while parsing a flow", True,
          "en verdi som begynner med [ eller {, leses som en liste eller en samling og må "
          "avsluttes; er det tekst, sett hele verdien i anførselstegn"),
    _Rule("found character that cannot start any token", "", False, _quote_start),
    _Rule("did not find expected alphabetic or numeric character", "while scanning an",
          True, _quote_start),
    _Rule("found undefined alias", "", False, _quote_start),
    _Rule("found unknown escape character", "", False,
          "en omvendt skråstrek (\\) i tekst med doble anførselstegn må skrives \\\\; eller "
          "bruk enkle anførselstegn rundt teksten"),
    _Rule("but found another document", "", False,
          "filen kan bare ha ett dokument; fjern linjen med ---"),
    _Rule("could not determine a constructor", "", False, _quote_start),
)
