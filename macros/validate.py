"""Validate a data file against its JSON Schema with `jsonschema`, in bokmål.

The schemas in `data/schema/` are the one contract: VS Code reads them, this module enforces
them whole (every keyword `jsonschema` knows, so adding one to a schema needs no code), and
"Åpne data" publishes them. `MESSAGES` turns each kind of violation into Norwegian; a keyword
it does not list still gets a Norwegian message naming the rule. A field's `errorMessage`
(a text in the schema, ignored by validators) says what is allowed when its pattern fails.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, ValidationError
from jsonschema.exceptions import SchemaError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from .errors import DataError, DataErrors, allowed_list, suggest
from .read import Document, display, mtime
from .settings import DATA_DIR

SCHEMA_DIR = DATA_DIR / "schema"

# Keywords whose value is data, not a schema: never looked into for `$ref`.
LITERAL_KEYWORDS = frozenset(("enum", "const", "default", "examples", "defaultSnippets"))

TYPE_NAMES = {
    "string": "tekst",
    "integer": "et helt tall",
    "number": "et tall",
    "array": "en liste",
    "object": "en samling felt (navn: verdi)",
    "boolean": "ja eller nei",
    "null": "tom",
}


def schema_validator(schema_dir: Path, name: str) -> Validator:
    """The validator of one schema file, built once per version of the file."""
    path = schema_dir / name
    return _validator(str(path), mtime(path))


@lru_cache(maxsize=16)
def _validator(path: str, stamp: int) -> Validator:
    """Build (and check) a validator; `stamp` (the file's mtime) is only the cache key."""
    file = Path(path)
    try:
        schema = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataErrors([DataError(display(file), 1, 1, "", "", "skjemafilen mangler")]) \
            from None
    except json.JSONDecodeError as exc:
        raise DataErrors([DataError(display(file), exc.lineno, exc.colno, "", "",
                                    "skjemaet er ikke gyldig JSON her; sjekk komma, klammer "
                                    "og anførselstegn")]) from None
    cls = validator_for(schema, default=Draft7Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.path) or "roten"
        raise DataErrors([DataError(display(file), 1, 1, "", "",
                                    f"skjemaet bryter reglene for JSON Schema ved {where} "
                                    f"(regelen '{exc.validator}')")]) from None
    return cls(inline_refs(schema), format_checker=cls.FORMAT_CHECKER)


def inline_refs(schema: dict) -> dict:
    """The schema with each local `$ref` replaced by what it points to (a third faster to
    validate with); a reference within its own target is left as it is."""
    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            target: Any = schema
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return inline(target, (*seen, ref))
        return {key: value if key in LITERAL_KEYWORDS else inline(value, seen)
                for key, value in node.items()}

    return inline(schema, ())


@dataclass(frozen=True)
class Failure:
    """One violation, with what a message needs: the value, how YAML wrote it, and more."""

    error: ValidationError
    value: Any
    source: str | None  # the scalar as written, if YAML did not read it as text
    detail: str = ""  # the field a `required` or `additionalProperties` violation is about
    labels: dict[str, str] | None = None  # status names → ids, for "mente du …?"

    @property
    def limit(self) -> Any:
        """What the broken rule asks for (the keyword's value in the schema)."""
        return self.error.validator_value

    @property
    def schema(self) -> dict[str, Any]:
        """The (sub)schema the broken rule stands in."""
        return _schema_of(self.error)

    @property
    def hint(self) -> str | None:
        """The schema's own words for what is allowed (`errorMessage`), if any."""
        return self.schema.get("errorMessage")


def _schema_of(error: ValidationError) -> dict[str, Any]:
    return dict(error.schema) if isinstance(error.schema, Mapping) else {}


def _number(value: float, source: str | None) -> str:
    """A number as YAML read it, in words: "et tall", or "tallet 1,1" where that differs."""
    if isinstance(value, float) and math.isinf(value):
        return "uendelig" if value > 0 else "minus uendelig"
    if isinstance(value, float) and math.isnan(value):
        return "et tall som ikke finnes"
    if str(value) == source:
        return "et tall"
    return f"tallet {str(value).replace('.', ',')}"


def _read_as(value: Any, source: str | None) -> str:
    """What YAML made of a scalar, in words: "tallet 1,1", "ja/nei-verdien nei", "tom verdi"."""
    if isinstance(value, bool):
        return f"ja/nei-verdien {'ja' if value else 'nei'}"
    if isinstance(value, (int, float)):
        return _number(value, source)
    if value is None:
        return "tom verdi"
    return TYPE_NAMES.get(_json_type(value), "noe annet")


# Python type → JSON Schema type of a value read from YAML; bool before int (True is an int).
JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
              (list, "array"), (dict, "object"))


def _json_type(value: Any) -> str:
    """The JSON Schema type of a value, or "" for one JSON has no type for, such as a `!!set`
    or `!!binary` value (which the messages then call "noe annet", not "tom")."""
    return next((name for kind, name in JSON_TYPES if isinstance(value, kind)), "")


def _type(f: Failure) -> str:
    expected = f.limit if isinstance(f.limit, list) else [f.limit]
    wanted = " eller ".join(TYPE_NAMES.get(str(t), str(t)) for t in expected)
    if f.value is None:
        if not f.source:
            return f"mangler verdi (må være {wanted})"
        return (f"må være {wanted}, men YAML leser {f.source} som tom verdi; skriv en verdi, "
                f"eller fjern linjen hvis feltet er valgfritt")
    if "string" in expected and f.source is not None:
        return (f"må være tekst, men YAML leser {f.source} som "
                f"{_read_as(f.value, f.source)}; sett verdien i anførselstegn: \"{f.source}\"")
    if isinstance(f.value, str) and {"integer", "number"} & set(expected):
        if re.fullmatch(r"0\d+", f.value):
            return (f"må være {wanted}, men YAML leser {f.value} som tekst fordi det begynner "
                    f"med 0; skriv {f.value.lstrip('0')}")
        return f"må være {wanted}, ikke tekst; skriv tallet uten anførselstegn"
    if f.source is not None:
        return f"må være {wanted}, men YAML leser {f.source} som {_read_as(f.value, f.source)}"
    return f"må være {wanted}, ikke {TYPE_NAMES.get(_json_type(f.value), 'noe annet')}"


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _pattern(f: Failure) -> str:
    if _is_blank(f.value):
        return "kan ikke være tom"
    return f"'{f.value}' er ikke gyldig: {f.hint or f'må passe mønsteret {f.limit}'}"


def _min_length(f: Failure) -> str:
    if _is_blank(f.value) or f.limit == 1:
        return "kan ikke være tom"
    return f"må ha minst {f.limit} tegn (har {len(f.value)})"


def _enum(f: Failure) -> str:
    return (f"ukjent verdi '{f.value}'{suggest(f.value, f.limit, f.labels)} "
            f"(tillatt: {allowed_list(f.limit)})")


def _unknown_field(f: Failure) -> str:
    allowed = list(f.schema.get("properties", {}))
    return f"ukjent felt '{f.detail}'{suggest(f.detail, allowed)} (tillatt: {allowed_list(allowed)})"


def _format(f: Failure) -> str:
    examples = {"date": "en dato som finnes, år-måned-dag, for eksempel 2025-03-14",
                "date-time": "dato og klokkeslett, for eksempel 2025-03-14T12:00:00+01:00",
                "email": "en e-postadresse, for eksempel post@eksempel.no",
                "uri": "en fullstendig adresse, for eksempel https://eksempel.no/"}
    return f"'{f.value}' er ikke gyldig: skal være {examples.get(f.limit, f'på formatet {f.limit}')}"


def _fallback(f: Failure) -> str:
    """A keyword `MESSAGES` has no entry for: name the rule and what it says."""
    return (f"oppfyller ikke regelen '{f.error.validator}' i skjemaet "
            f"({json.dumps(f.limit, ensure_ascii=False)})")


# Validator keyword → Norwegian message. Add a line here when a schema starts using a keyword
# whose fallback message is not clear enough.
MESSAGES: dict[str, Callable[[Failure], str]] = {
    "type": _type,
    "enum": _enum,
    "const": lambda f: f"må være '{f.limit}'",
    "required": lambda f: f"mangler feltet '{f.detail}'",
    "additionalProperties": _unknown_field,
    "pattern": _pattern,
    "format": _format,
    "minLength": _min_length,
    "maxLength": lambda f: f"kan ha høyst {f.limit} tegn (har {len(f.value)})",
    "minimum": lambda f: f"må være minst {f.limit}",
    "maximum": lambda f: f"må være høyst {f.limit}",
    "exclusiveMinimum": lambda f: f"må være større enn {f.limit}",
    "exclusiveMaximum": lambda f: f"må være mindre enn {f.limit}",
    "multipleOf": lambda f: f"må gå opp i {f.limit}",
    "minItems": lambda f: "listen kan ikke være tom" if f.limit == 1
    else f"listen må ha minst {f.limit} punkter (har {len(f.value)})",
    "maxItems": lambda f: f"listen kan ha høyst {f.limit} punkter (har {len(f.value)})",
    "uniqueItems": lambda f: "det samme punktet står flere ganger i listen; behold bare ett",
    "minProperties": lambda f: f"må ha minst {f.limit} felt",
    "maxProperties": lambda f: f"kan ha høyst {f.limit} felt",
}


def _failures(error: ValidationError, doc: Document,
              labels: dict[str, str] | None) -> Iterator[tuple[tuple, bool, Failure]]:
    """(path, at_key, failure) for each problem in one error; some name several fields."""
    path = tuple(error.absolute_path)
    source = doc.raw.get(path)
    rule: Any = error.validator_value
    instance: Any = error.instance
    if error.validator == "required":
        for name in rule:
            if isinstance(instance, dict) and name not in instance:
                yield path, False, Failure(error, instance, None, name, labels)
    elif error.validator == "additionalProperties" and rule is False:
        properties = _schema_of(error).get("properties", {})
        patterns = _schema_of(error).get("patternProperties", {})
        for key in instance:
            if key not in properties and not any(re.search(p, str(key)) for p in patterns):
                written = doc.raw_keys.get((*path, key), str(key))
                yield (*path, key), True, Failure(error, key, None, written, labels)
    else:
        yield path, False, Failure(error, instance, source, "", labels)


def validate(doc: Document, validator: Validator, labels: dict[str, str] | None = None) -> None:
    """Record every schema violation in `doc` as a located error in bokmål.

    `labels` maps status names to ids, so that "Pågår" suggests "pagar". A value of the wrong
    type gets only that message, not also the rules its type cannot meet.
    """
    if doc.value is None:
        return
    errors = list(validator.iter_errors(doc.value))
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    reported: set[tuple[tuple, str]] = set()
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in mistyped:
            continue
        message = MESSAGES.get(str(error.validator), _fallback)
        for path, at_key, failure in _failures(error, doc, labels):
            text = message(failure)
            if (path, text) not in reported:  # one `required` error per missing field
                reported.add((path, text))
                doc.error(path, text, at_key, rule="schema")
