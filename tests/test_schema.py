"""The JSON Schemas: editor help on every field, and the loader agrees with `jsonschema`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from conftest import EXAMPLE_DATA, FIXTURES, ROOT
from macros.errors import DataErrors
from macros.load import SCHEMA_DIR, _Document, data_files, load_plan
from test_load import BAD, BAD_CASES, overlay

SCHEMAS = {name: json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
           for name in ("plan.schema.json", "omrade.schema.json")}
CORPUS = ["data", "eksempel", "rekkefolge", "endring", *(f"ugyldig/{case}" for case in BAD_CASES)]


def _fields(node: dict, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every field schema (properties, list items, definitions) with a readable path."""
    for key in ("properties", "definitions"):
        for name, child in node.get(key, {}).items():
            yield f"{path}/{name}", child
            yield from _fields(child, f"{path}/{name}")
    if isinstance(node.get("items"), dict):
        yield f"{path}[]", node["items"]
        yield from _fields(node["items"], f"{path}[]")


def _schema_name(path: Path) -> str:
    return "plan.schema.json" if path.name == "plan.yaml" else "omrade.schema.json"


def _corpus_folder(name: str, tmp_path: Path) -> Path:
    if name == "data":
        return ROOT / "data"
    if name == "eksempel":
        return EXAMPLE_DATA
    return overlay(FIXTURES / name, tmp_path / "data")


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_07(name):
    Draft7Validator.check_schema(SCHEMAS[name])


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_has_a_norwegian_title_and_description(name):
    missing = [path for path, node in _fields(SCHEMAS[name])
               if "$ref" not in node and not (node.get("title") and node.get("description"))]
    assert not missing, missing
    texts = " ".join(node.get("description", "") for _, node in _fields(SCHEMAS[name]))
    assert any(ch in texts for ch in "æøå") and " the " not in texts


def test_status_enum_offers_the_vocabulary_for_completion():
    enum = SCHEMAS["omrade.schema.json"]["definitions"]["logginnslag"]["properties"]["status"]
    plan = load_plan(ROOT / "data")
    assert enum["enum"] == [s.id for s in plan.statuses]


def test_every_data_file_links_to_its_schema_in_the_first_line():
    for path in data_files(ROOT / "data"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        target = (path.parent / first.removeprefix(prefix)).resolve()
        assert target == SCHEMA_DIR / _schema_name(path), path


def _verdicts(folder: Path) -> dict[str, tuple[bool, bool]]:
    """Per data file: (loader rejects it for a schema reason, jsonschema rejects it)."""
    try:
        load_plan(folder)
        errors = []
    except DataErrors as exc:
        errors = exc.errors
    verdicts = {}
    for path in data_files(folder):
        doc = _Document(path, path.as_posix(), "")
        doc.read()
        if doc.value is None:  # not YAML at all: a syntax error, not a schema reason
            continue
        display = str(next((e.file for e in errors if Path(e.file).name == path.name), ""))
        by_loader = any(e.rule == "schema" and e.file == display for e in errors)
        validator = Draft7Validator(SCHEMAS[_schema_name(path)])
        verdicts[path.relative_to(folder).as_posix()] = (by_loader,
                                                          not validator.is_valid(doc.value))
    return verdicts


def test_loader_and_jsonschema_agree_on_the_fixture_corpus(tmp_path):
    rejected = accepted = 0
    disagreements = []
    for name in CORPUS:
        for file, (by_loader, by_jsonschema) in _verdicts(
                _corpus_folder(name, tmp_path / name.replace("/", "-"))).items():
            if by_loader != by_jsonschema:
                disagreements.append(f"{name}/{file}: loader {by_loader}, jsonschema "
                                     f"{by_jsonschema}")
            rejected += by_jsonschema
            accepted += not by_jsonschema
    assert not disagreements, "\n".join(disagreements)
    # The corpus must exercise both directions, or the agreement proves nothing.
    assert rejected >= 8 and accepted >= 20, (rejected, accepted)


def test_schema_rejections_in_the_corpus_cover_each_kind_of_rule(tmp_path):
    keywords: set[str] = set()
    for case in BAD_CASES:
        folder = overlay(BAD / case, tmp_path / case)
        for path in data_files(folder):
            doc = _Document(path, path.as_posix(), "")
            doc.read()
            if doc.value is not None:
                validator = Draft7Validator(SCHEMAS[_schema_name(path)])
                keywords |= {error.validator for error in validator.iter_errors(doc.value)}
    assert {"enum", "type", "pattern", "required", "additionalProperties"} <= keywords, keywords
