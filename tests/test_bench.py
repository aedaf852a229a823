"""Smoke run of the benchmark machinery (bench/): a synthetic plan of 100 tiltak in the real
data format builds with the real code, and its static floor builds the very same site.

Timing is never asserted here; `make bench` measures it.
"""

from __future__ import annotations

import re

import pytest

from bench import generate, project
from htmlscan import PageScan
from macros.load import load_plan

MEASURES = 100


@pytest.fixture(scope="module")
def scale_site(shared):
    """The 100-tiltak project, built once through the capture plugin, and its floor built."""
    def make(work):
        copy = generate.scale_project(work / "project", MEASURES)
        project.capture_floor(copy, project.CONFIG, work / "ours")
        project.mkdocs_build(copy, project.write_floor_configs(copy)["floor"], work / "floor")

    work = shared("bench-100", make)
    return work / "project", work / "ours", work / "floor"


def test_generated_data_is_in_the_real_format(scale_site):
    copy, _, _ = scale_site
    files = sorted((copy / "data" / "omrader").glob("*.yaml"))
    assert len(files) == MEASURES // 10
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/omrade.schema.json\n")
    assert re.search(r'^id: "1"$', text, re.M)
    assert re.search(r'^      - id: "1\.1\.1"$', text, re.M)
    plan = load_plan(copy / "data")
    assert len(plan.measures) == MEASURES
    assert sum(len(m.log) for m in plan.measures) > MEASURES


def test_every_generated_tiltak_is_on_its_area_page(scale_site):
    copy, ours, _ = scale_site
    plan = load_plan(copy / "data")
    for area in plan.areas:
        ids = set(PageScan((ours / area.page_url / "index.html").read_text("utf-8")).ids)
        assert {m.anchor for m in area.measures} <= ids, area.id


def test_the_floor_builds_the_same_site_without_macros(scale_site):
    copy, ours, floor = scale_site
    floor_docs = copy / project.FLOOR_DOCS
    assert "utviklingsomrade(" not in (floor_docs / "omrader" / "omrade-1.md").read_text("utf-8")
    assert project.compare_sites(ours, floor) == ([], [])
