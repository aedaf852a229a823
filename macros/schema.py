"""A small JSON Schema (draft-07 subset) checker that speaks Norwegian.

The schemas in `data/schema/` are the contract; this module checks data against them and
reports each problem with its path, so that the loader can add file and line. It supports
exactly the keywords our schemas use and refuses any other, so the two cannot drift apart.
The test suite cross-checks it against the reference `jsonschema` package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .errors import allowed_list, suggest

Path = tuple  # keys and list indices from the document root

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "markdownDescription",
               "errorMessage", "default", "examples", "format", "definitions",
               "defaultSnippets"}  # defaultSnippets: completion in VS Code's YAML extension
KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems",
            "minLength", "pattern", "enum", "$ref", "minimum", "maximum"}

TYPE_NAMES = {
    "string": "tekst",
    "integer": "et helt tall",
    "number": "et tall",
    "array": "en liste",
    "object": "en samling felt (navn: verdi)",
    "boolean": "ja eller nei",
}


# Compiled once per pattern: a large plan checks the same few patterns on every id and date.
_compiled = lru_cache(maxsize=None)(re.compile)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


class Problem:
    """A schema violation at `path`; `at_key` means the key itself is the problem."""

    __slots__ = ("path", "message", "at_key", "keyword")

    def __init__(self, path: Path, message: str, keyword: str, at_key: bool = False):
        self.path, self.message, self.keyword, self.at_key = path, message, keyword, at_key


class Schema:
    """A loaded schema document; `check` yields every problem in a value."""

    def __init__(self, document: dict, labels: dict[str, str] | None = None):
        self.root = document
        self.labels = labels or {}
        self._assert_supported(document)

    def _assert_supported(self, node: Any) -> None:
        if isinstance(node, dict):
            unknown = set(node) - KEYWORDS - ANNOTATIONS
            if unknown:
                raise ValueError(f"unsupported schema keywords: {sorted(unknown)}")
            for key, child in node.items():
                if key in ("properties", "definitions"):
                    for sub in child.values():
                        self._assert_supported(sub)
                elif key in ("items", "additionalProperties") and isinstance(child, dict):
                    self._assert_supported(child)

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported: {ref}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def check(self, value: Any, raw: dict[Path, str] | None = None) -> Iterator[Problem]:
        """Yield every problem; `raw` maps paths of non-text scalars to their YAML source."""
        yield from self._check(self.root, value, (), raw or {})

    def _check(self, schema: dict, value: Any, path: Path, raw: dict) -> Iterator[Problem]:
        if "$ref" in schema:
            schema = self._resolve(schema["$ref"])
        expected = schema.get("type")
        if expected and _json_type(value) != expected and not (
            expected == "number" and _json_type(value) == "integer"
        ):
            yield Problem(path, self._type_message(expected, value, raw.get(path)), "type")
            return
        if "enum" in schema and value not in schema["enum"]:
            allowed = schema["enum"]
            yield Problem(
                path,
                f"ukjent verdi '{value}'{suggest(value, allowed, self.labels)} "
                f"(tillatt: {allowed_list(allowed)})",
                "enum",
            )
        if isinstance(value, str):
            if "minLength" in schema and len(value.strip()) < schema["minLength"]:
                yield Problem(path, "kan ikke være tom", "minLength")
            elif "pattern" in schema and not _compiled(schema["pattern"]).search(value):
                hint = schema.get("errorMessage") or f"må passe mønsteret {schema['pattern']}"
                yield Problem(path, f"'{value}' er ikke gyldig: {hint}", "pattern")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                yield Problem(path, f"må være minst {schema['minimum']}", "minimum")
            if "maximum" in schema and value > schema["maximum"]:
                yield Problem(path, f"må være høyst {schema['maximum']}", "maximum")
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                yield Problem(path, "listen kan ikke være tom", "minItems")
            if "items" in schema:
                for index, item in enumerate(value):
                    yield from self._check(schema["items"], item, (*path, index), raw)
        if isinstance(value, dict):
            yield from self._check_object(schema, value, path, raw)

    def _check_object(self, schema: dict, value: dict, path: Path, raw: dict) -> Iterator[Problem]:
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                yield Problem(path, f"mangler feltet '{name}'", "required")
        for key, item in value.items():
            if key in properties:
                yield from self._check(properties[key], item, (*path, key), raw)
            elif schema.get("additionalProperties") is False:
                yield Problem(
                    (*path, key),
                    f"ukjent felt '{key}'{suggest(key, properties)} "
                    f"(tillatt: {allowed_list(properties)})",
                    "additionalProperties",
                    at_key=True,
                )

    @staticmethod
    def _type_message(expected: str, value: Any, source: str | None) -> str:
        wanted = TYPE_NAMES.get(expected, expected)
        if expected == "string" and source is not None:
            read_as = "et tall" if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else "ja/nei" if isinstance(value, bool) else "tom"
            return (f"må være tekst, men YAML leser {source} som {read_as}; "
                    f"sett verdien i anførselstegn: \"{source}\"")
        if value is None:
            return f"mangler verdi (må være {wanted})"
        return f"må være {wanted}, ikke {TYPE_NAMES.get(_json_type(value), _json_type(value))}"
