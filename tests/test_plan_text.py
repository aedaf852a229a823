"""The shipped data and pages hold the plan's own text, word for word, and nothing is lost.

The plan as delivered is in tests/kilde/. It is parsed here independently of the loader,
stripping only layout artefacts (hard line breaks, page numbers, bullet glyphs).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "kilde" / "handlingsplan-oslo-viken.txt"
AREA_HEADING = re.compile(r"Utviklingsområde (\d+): (.+)")
GOAL_HEADING = re.compile(r"Delmål (\d+\.\d+)")
MEASURES_HEADING = re.compile(r"Tiltak til delmål (\d+\.\d+)")
PAGE_NUMBER = re.compile(r"\d+")


def _clean(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def parse_source() -> dict:
    """Areas with intro paragraphs, goals with text, and measures (text + bullet items)."""
    areas: dict[str, dict] = {}
    area = goal = None
    mode = None
    block: list[str] = []
    blocks: list[list[str]] = []

    def flush():
        nonlocal block
        if block:
            blocks.append(block)
        block = []

    def close():
        flush()
        if mode == "intro":
            area["intro"] = [_clean(b) for b in blocks]
        elif mode == "goal":
            goal["text"] = _clean([line for b in blocks for line in b])
        elif mode == "measures":
            for b in blocks:
                if b[0].startswith("•"):
                    goal["measures"][-1]["items"].append(_clean([b[0].lstrip("• ")] + b[1:]))
                else:
                    goal["measures"].append({"text": _clean(b), "items": []})
        blocks.clear()

    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if PAGE_NUMBER.fullmatch(line):
            continue
        heading = (AREA_HEADING.fullmatch(line) or GOAL_HEADING.fullmatch(line)
                   or MEASURES_HEADING.fullmatch(line))
        if heading:
            close()
            if heading.re is AREA_HEADING:
                area = areas.setdefault(heading[1], {"title": heading[2], "goals": {}})
                mode = "intro"
            elif heading.re is GOAL_HEADING:
                goal = area["goals"].setdefault(heading[1], {"measures": []})
                mode = "goal"
            else:
                mode = "measures"
            continue
        if not line:
            # Intro paragraphs are separated by a line holding only a space; measures by any
            # blank line. Everything else is a hard line break inside a sentence.
            if mode == "measures" or (mode == "intro" and raw == " "):
                flush()
            continue
        if mode == "measures" and line.startswith("•"):
            flush()
        block.append(line)
    close()
    return areas


SOURCE_PLAN = parse_source()
DATA = {
    path: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "data" / "omrader").glob("*.yaml"))
}
AREAS = {area["id"]: area for area in DATA.values()}


def test_counts_match_the_plan():
    assert len(SOURCE_PLAN) == 4 and len(AREAS) == 4
    assert sum(len(a["goals"]) for a in SOURCE_PLAN.values()) == 14
    assert sum(len(g["measures"]) for a in SOURCE_PLAN.values()
               for g in a["goals"].values()) == 33
    assert sum(len(g["tiltak"]) for a in AREAS.values() for g in a["delmål"]) == 33


@pytest.mark.parametrize("area_id", sorted(SOURCE_PLAN))
def test_goals_and_measures_are_word_for_word(area_id):
    source, data = SOURCE_PLAN[area_id], AREAS[area_id]
    assert data["tittel"] == source["title"]
    assert [g["id"] for g in data["delmål"]] == list(source["goals"])
    for goal in data["delmål"]:
        expected = source["goals"][goal["id"]]
        assert _clean([goal["tekst"]]) == expected["text"], goal["id"]
        numbered = [f"{goal['id']}.{i}" for i in range(1, len(expected["measures"]) + 1)]
        assert [m["id"] for m in goal["tiltak"]] == numbered
        for measure, want in zip(goal["tiltak"], expected["measures"]):
            assert _clean([measure["tekst"]]) == want["text"], measure["id"]
            assert measure.get("punkter", []) == want["items"], measure["id"]


def test_subject_fields_and_cross_reference():
    measures = {m["id"]: m for a in AREAS.values() for g in a["delmål"] for m in g["tiltak"]}
    assert measures["3.5.1"]["punkter"] == [
        "Mediefag/digitale kunstfag", "Dans", "Teater", "Visuell kunst", "Folkemusikk"]
    assert measures["3.1.1"]["se"] == "1.1"
    assert all(set(m) <= {"id", "tekst", "punkter", "se"} for m in measures.values()), \
        "the shipped data must hold no invented progress, owners or deadlines"


@pytest.mark.parametrize("area_id", sorted(SOURCE_PLAN))
def test_intro_prose_is_on_the_area_page(area_id):
    slug = AREAS[area_id]["slug"]
    page = (ROOT / "docs" / "omrader" / f"{slug}.md").read_text(encoding="utf-8")
    paragraphs = [_clean(p.splitlines()) for p in page.split("\n\n")]
    for paragraph in SOURCE_PLAN[area_id]["intro"]:
        assert paragraph in paragraphs, paragraph[:60]
    title = f"# Utviklingsområde {area_id}: {SOURCE_PLAN[area_id]['title']}"
    assert title in page.splitlines()


def test_data_files_point_at_the_schema_and_quote_ids():
    for path in DATA:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/omrade.schema.json", path
    for area in AREAS.values():
        ids = [area["id"]] + [g["id"] for g in area["delmål"]] + [
            m["id"] for g in area["delmål"] for m in g["tiltak"]]
        assert all(isinstance(i, str) for i in ids)
