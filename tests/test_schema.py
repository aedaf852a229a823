"""The JSON Schemas: editor help on every field, enforced whole by the loader, in bokmål."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, ValidationError

from conftest import EXAMPLE_DATA, FIXTURES, ROOT
from macros.errors import DataErrors, suggest
from macros.load import SCHEMA_DIR, data_files, load_plan
from macros.opendata import published_files
from macros.read import read_document
from macros.validate import MESSAGES, Failure, inline_refs, schema_validator, validate
from helpers import BAD, BAD_CASES, overlay

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
        doc = read_document(path, None)
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
            doc = read_document(path, None)
            if doc.value is not None:
                validator = Draft7Validator(SCHEMAS[_schema_name(path)])
                keywords |= {error.validator for error in validator.iter_errors(doc.value)}
    assert {"enum", "type", "pattern", "required", "additionalProperties"} <= keywords, keywords


def test_the_schema_editors_read_is_the_one_enforced_and_published():
    published = {name.rpartition("/")[2] for name in published_files()}
    for name, schema in SCHEMAS.items():
        assert schema_validator(SCHEMA_DIR, name).schema == inline_refs(schema)
        assert name in published


def _with_schema(tmp_path: Path, change) -> tuple[Path, Path]:
    """A copy of the real data and of its schemas, with `change(area_schema)` applied."""
    data, schemas = tmp_path / "data", tmp_path / "schema"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(SCHEMA_DIR, schemas)
    area = json.loads((schemas / "omrade.schema.json").read_text(encoding="utf-8"))
    change(area)
    (schemas / "omrade.schema.json").write_text(json.dumps(area, ensure_ascii=False),
                                                encoding="utf-8")
    return data, schemas


def _messages(data: Path, schemas: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_plan(data, schema_dir=schemas)
    return [str(e).replace(data.as_posix() + "/", "") for e in caught.value.errors]


def test_a_keyword_added_to_a_schema_is_enforced_with_no_code_change(tmp_path):
    """maxLength was never used before: it works, in Norwegian, as soon as a schema says it."""
    def shorter_area_titles(schema: dict) -> None:
        schema["properties"]["tittel"]["maxLength"] = 12

    assert _messages(*_with_schema(tmp_path, shorter_area_titles)) == [
        "omrader/3-forskning-og-utvikling.yaml:4:9: område 3 tittel: kan ha høyst 12 tegn "
        "(har 22)",
        "omrader/4-fremtidens-kulturskole.yaml:4:9: område 4 tittel: kan ha høyst 12 tegn "
        "(har 22)",
    ]


def test_a_keyword_without_its_own_message_still_gets_a_norwegian_one(tmp_path):
    def forbid_a_slug(schema: dict) -> None:
        schema["properties"]["slug"]["not"] = {"const": "mangfold"}

    assert _messages(*_with_schema(tmp_path, forbid_a_slug)) == [
        "omrader/1-mangfold.yaml:3:7: område 1 slug: oppfyller ikke regelen 'not' i skjemaet "
        "({\"const\": \"mangfold\"})",
    ]


def test_a_min_length_above_one_counts_the_characters_and_a_blank_value_is_empty(tmp_path):
    def titles_of_two_characters(schema: dict) -> None:
        title = schema["properties"]["tittel"]
        title["minLength"] = 2
        del title["pattern"]

    data, schemas = _with_schema(tmp_path, titles_of_two_characters)
    for name, old, new in (("1-mangfold.yaml", "Mangfold", "M"),
                           ("2-fordypning.yaml", "Fordypning", " ")):
        area = data / "omrader" / name
        area.write_text(area.read_text(encoding="utf-8").replace(f'tittel: "{old}"',
                                                                  f'tittel: "{new}"'),
                        encoding="utf-8")
    assert _messages(data, schemas) == [
        "omrader/1-mangfold.yaml:4:9: område 1 tittel: må ha minst 2 tegn (har 1)",
        "omrader/2-fordypning.yaml:4:9: område 2 tittel: kan ikke være tom",
    ]


def test_the_fallback_message_shows_the_rule_with_its_letters_as_written(tmp_path):
    def forbid_two_titles(schema: dict) -> None:
        schema["properties"]["tittel"]["not"] = {"enum": ["Mangfold", "Språk"]}

    assert _messages(*_with_schema(tmp_path, forbid_two_titles)) == [
        "omrader/1-mangfold.yaml:4:9: område 1 tittel: oppfyller ikke regelen 'not' i skjemaet "
        "({\"enum\": [\"Mangfold\", \"Språk\"]})",
    ]


def test_a_format_added_to_a_schema_is_enforced_in_norwegian(tmp_path):
    """No schema uses `format` today; one that does gets a Norwegian message with an example."""
    def titles_as_email(schema: dict) -> None:
        schema["properties"]["tittel"]["format"] = "email"

    assert _messages(*_with_schema(tmp_path, titles_as_email))[:1] == [
        "omrader/1-mangfold.yaml:4:9: område 1 tittel: 'Mangfold' er ikke gyldig: skal være en "
        "e-postadresse, for eksempel post@eksempel.no"]


@pytest.mark.parametrize("name,expected", [
    ("date", "en dato som finnes, år-måned-dag, for eksempel 2025-03-14"),
    ("date-time", "dato og klokkeslett, for eksempel 2025-03-14T12:00:00+01:00"),
    ("email", "en e-postadresse, for eksempel post@eksempel.no"),
    ("uri", "en fullstendig adresse, for eksempel https://eksempel.no/"),
    ("ipv4", "på formatet ipv4"),
], ids=["date", "date-time", "email", "uri", "ipv4"])
def test_every_format_has_a_norwegian_example(name, expected):
    """jsonschema checks date-time and uri only with extra packages, so the message is tested
    on its own here, for each format a schema may name."""
    error = ValidationError("", validator="format", validator_value=name, instance="x")
    assert MESSAGES["format"](Failure(error, "x", None)) == \
        f"'x' er ikke gyldig: skal være {expected}"


def _validated(tmp_path: Path, properties: dict, text: str,
               labels: dict[str, str] | None = None) -> list[str]:
    """The messages `validate` gives a YAML text against an object schema of `properties`."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path, None)
    validate(doc, Draft7Validator({"type": "object", "properties": properties}), labels)
    return [str(e).replace(path.as_posix(), "x.yaml") for e in doc.errors]


def test_a_repeated_key_is_described_by_its_last_value(tmp_path):
    """YAML keeps the last value of a repeated key; the type message describes that one, not
    the text of the first."""
    assert _validated(tmp_path, {"a": {"type": "string"}}, "a: 1\na: [x]\n") == [
        "x.yaml:2:1: a: feltet 'a' står to ganger (første gang på linje 1); behold bare ett av dem",
        "x.yaml:2:4: a: må være tekst, ikke en liste"]


def test_a_wrong_type_message_says_what_the_schema_wanted_and_what_yaml_read(tmp_path):
    """Types no data file has today: several at once, numbers and lists (not text)."""
    assert _validated(tmp_path, {
        "a": {"type": ["integer", "null"]}, "b": {"type": "array"}, "c": {"type": "integer"},
        "d": {"type": "number"}, "e": {"type": "integer"}, "f": {"type": "integer"},
        "g": {"type": "integer"},
    }, 'a: "abc"\nb: "abc"\nc: [1]\nd: "abc"\ne: "0170"\nf: 1.5\ng: -.inf\n') == [
        "x.yaml:1:4: a: må være et helt tall eller tom, ikke tekst; skriv tallet uten "
        "anførselstegn",
        "x.yaml:2:4: b: må være en liste, ikke tekst",
        "x.yaml:3:4: c: må være et helt tall, ikke en liste",
        "x.yaml:4:4: d: må være et tall, ikke tekst; skriv tallet uten anførselstegn",
        "x.yaml:5:4: e: må være et helt tall, men YAML leser 0170 som tekst fordi det begynner "
        "med 0; skriv 170",
        "x.yaml:6:4: f: må være et helt tall, men YAML leser 1.5 som et tall",
        "x.yaml:7:4: g: må være et helt tall, men YAML leser -.inf som minus uendelig",
    ]


def test_a_missing_field_is_placed_at_its_object_and_a_false_const_is_no_unknown_field(
        tmp_path):
    assert _validated(tmp_path, {"a": {"type": "object", "required": ["x"]},
                                 "b": {"const": False}}, "a:\n  y: 1\nb: 1\n") == [
        "x.yaml:2:3: a: mangler feltet 'x'",
        "x.yaml:3:4: b: må være 'False'",
    ]


def test_unknown_fields_spare_the_pattern_fields_and_keep_a_key_as_written(tmp_path):
    """A schema with no `properties` allows none; `yes` is a ja/nei key, named as written.
    (jsonschema itself cannot match a pattern against a key that is not text.)"""
    assert _validated(tmp_path, {
        "a": {"additionalProperties": False, "patternProperties": {"^x-": {}}},
        "b": {"additionalProperties": False}}, "a:\n  x-a: 1\n  y: 2\nb:\n  yes: 3\n") == [
        "x.yaml:3:3: a.y: ukjent felt 'y' (tillatt: )",
        "x.yaml:5:3: b[2]: ukjent felt 'yes' (tillatt: )",
    ]


def test_an_unknown_value_is_matched_against_the_status_names_as_well(tmp_path):
    assert _validated(tmp_path, {"status": {"enum": ["pagar", "fullfort"]}}, "status: ferdig\n",
                      {"Ferdig": "fullfort"}) == [
        "x.yaml:1:9: status: ukjent verdi 'ferdig' – mente du 'fullfort'? "
        "(tillatt: 'pagar', 'fullfort')",
    ]


def test_a_pattern_message_needs_no_schema_around_the_rule():
    error = ValidationError("", validator="pattern", validator_value="^a$", instance="b")
    assert MESSAGES["pattern"](Failure(error, "b", None)) == \
        "'b' er ikke gyldig: må passe mønsteret ^a$"


def test_an_allowed_value_none_is_suggested_like_any_other():
    assert suggest("nnone", ["none", "alle"]) == " – mente du 'none'?"


def test_inline_refs_follows_escaped_names_in_lists_and_leaves_literal_values():
    schema = {"definitions": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}},
              "anyOf": [{"$ref": "#/definitions/a~1b"}, {"$ref": "#/definitions/c~0d"}],
              "const": {"$ref": "#/definitions/a~1b"}}
    assert inline_refs(schema) == {
        "definitions": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}},
        "anyOf": [{"type": "string"}, {"type": "integer"}],
        "const": {"$ref": "#/definitions/a~1b"}}


def test_a_value_of_the_wrong_type_gets_only_the_type_message_and_the_rest_are_kept(tmp_path):
    """Not also the allowed values its type cannot be among; the next fields still get theirs."""
    assert _validated(tmp_path, {"a": {"type": "string", "enum": ["x", "y"]},
                                 "b": {"type": "string", "enum": ["x"]}, "c": {"enum": ["x"]}},
                      "a: 5\nb: 6\nc: z\n") == [
        "x.yaml:1:4: a: må være tekst, men YAML leser 5 som et tall; sett verdien i "
        "anførselstegn: \"5\"",
        "x.yaml:2:4: b: må være tekst, men YAML leser 6 som et tall; sett verdien i "
        "anførselstegn: \"6\"",
        "x.yaml:3:4: c: ukjent verdi 'z' (tillatt: 'x')"]


def test_a_field_required_by_two_rules_is_reported_missing_once(tmp_path):
    assert _validated(tmp_path, {"a": {"type": "object", "required": ["x"],
                                       "allOf": [{"required": ["x"]}]}}, "a:\n  y: 1\n") == [
        "x.yaml:2:3: a: mangler feltet 'x'"]
