"""The same repository builds the same site with MkDocs and with Zensical.

Both engines build the real plan and the example data (which has reported progress). The tests
compare what readers and reusers rely on: the pages, the text of every delmål and tiltak, the
anchors, the links, the statuses, and every published file that is not the theme's own.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import (BUILD_DATE, EXAMPLE_DATA, EXAMPLE_REPO, PERIOD_DATA, ROOT, Build,
                      build_site, build_zensical)
from htmlscan import PageScan, is_external, normalise
from macros.load import load_plan
from macros.config import LICENCE_SETTING, SiteSettings
from macros.feed import render_feed
from macros.opendata import plan_document
from macros.output import finish_site, missing_areas
from macros.pages import generated_pages
from macros.model import Plan

ITEM_ID = re.compile(r"^(delmal|tiltak)-\d+(?:-\d+)+$")
# Files each engine's theme and search write in their own way; every other file must match.
ENGINE_FILES = re.compile(r"^(?:assets/javascripts/|assets/stylesheets/(?:main|palette)\.|"
                          r"assets/stylesheets/(?:classic|modern)/|assets/images/favicon\.png$|"
                          r"search/|search\.json$|sitemap\.xml(?:\.gz)?$)")
# name: (data folder, extra settings)
VARIANTS = {
    "plan": (None, {}),
    "eksempel": (EXAMPLE_DATA, {}),
    # Reporting periods: a fixed one (with a note) and one that has ended; period pages and data.
    "perioder": (PERIOD_DATA, {}),
    # An example repository address: edit buttons and "Oppdater status" links appear.
    "plan-med-repo": (None, {"PLAN_REPO_URL": EXAMPLE_REPO}),
}


class _Content(PageScan):
    """A page's main content: ids, links and statuses, and its text split at item anchors."""

    def __init__(self, html: str):
        self.statuses: list[tuple[str, str]] = []
        self.texts: dict[str, list[str]] = {"": []}
        self._item = ""
        super().__init__(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if ITEM_ID.match(values.get("id") or ""):
            self._item = values["id"]
            self.texts.setdefault(self._item, [])
        if values.get("data-status"):
            self.statuses.append((self._item, values["data-status"]))
        super().handle_starttag(tag, attrs)

    def handle_data(self, data):
        if not self._skip:
            self.texts[self._item].append(data)
        super().handle_data(data)

    def summary(self) -> dict:
        # Material and Zensical prefix their own ids (skip link, drawer, search) with "__".
        return {"ids": [i for i in self.ids if not i.startswith("__")], "links": self.links,
                "statuses": self.statuses,
                "texts": {item: normalise(" ".join(parts)) for item, parts in self.texts.items()}}


class _Head(HTMLParser):
    """The link previews, description, canonical address and feed link of a page."""

    PREVIEW = ("og:", "twitter:", "description")

    def __init__(self, page: Path):
        super().__init__(convert_charrefs=True)
        self.folder = page.parent
        self.found: list[tuple[str, str]] = []
        self.feed(page.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        key = values.get("property") or values.get("name") or ""
        if tag == "meta" and key.startswith(self.PREVIEW):
            self.found.append((key, values.get("content") or ""))
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            href = values.get("href") or ""
            # "feed.xml" and "./feed.xml" are the same file: compare where the link points.
            target = href if is_external(href) else (self.folder / href).resolve().as_posix()
            self.found.append((values["rel"], target))


def head(page: Path) -> list[tuple[str, str]]:
    return _Head(page).found


def content(page: Path) -> dict:
    """What a page shows: its <article> when the theme wrote one, else the whole file."""
    html = page.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.find("</article>")
    return _Content(html[start:end] if start >= 0 and end > start else html).summary()


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def published_files(site: Path) -> dict[str, bytes]:
    """Every file but the pages and the engine's own theme and search files."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix != ".html"
            and not ENGINE_FILES.match(p.relative_to(site).as_posix())}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def sites(request, site_for) -> tuple[Build, Build, Plan]:
    """The same data and settings built by MkDocs and by Zensical, and the plan they show."""
    data, settings = VARIANTS[request.param]
    builds = [site_for(data, engine, **settings) for engine in ("mkdocs", "zensical")]
    for build in builds:
        assert build.returncode == 0, build.output
    return builds[0], builds[1], load_plan(data)


def test_same_pages(sites):
    mkdocs, zensical, _ = sites
    assert pages(zensical.site) == pages(mkdocs.site)


def test_same_content_on_every_page(sites):
    mkdocs, zensical, _ = sites
    for page in pages(mkdocs.site):
        assert content(zensical.site / page) == content(mkdocs.site / page), page


def test_same_link_previews_and_feed_links_on_every_page(sites):
    mkdocs, zensical, _ = sites
    for page in pages(mkdocs.site):
        ours, theirs = head(mkdocs.site / page), head(zensical.site / page)
        assert [(key, value.replace(str(zensical.site), "")) for key, value in theirs] \
            == [(key, value.replace(str(mkdocs.site), "")) for key, value in ours], page


def test_every_goal_and_measure_is_compared(sites):
    """Guard against comparing nothing: every item has its own text and its own status."""
    _, zensical, plan = sites
    texts, statuses = {}, {}
    for page in pages(zensical.site):
        found = content(zensical.site / page)
        texts.update({item: text for item, text in found["texts"].items() if item})
        statuses.update({item: status for item, status in reversed(found["statuses"]) if item})
    for goal in plan.goals:
        assert goal.text in texts[goal.anchor]
        for measure in goal.measures:
            assert measure.text in texts[measure.anchor]
            assert statuses[measure.anchor] == plan.status_of(measure).id


def test_same_published_files(sites):
    mkdocs, zensical, _ = sites
    ours, theirs = published_files(mkdocs.site), published_files(zensical.site)
    assert sorted(theirs) == sorted(ours)
    assert [name for name in ours if ours[name] != theirs[name]] == []


PROBE = """
import importlib.util, json, sys
from pathlib import Path
from macros import engine, load, templating

executions = []
find_spec = importlib.util.spec_from_file_location
def spy(name, location, *args, **kwargs):
    if name == "macros":
        executions.append(str(location))
    return find_spec(name, location, *args, **kwargs)
importlib.util.spec_from_file_location = spy

pages = engine.build(Path(sys.argv[1]))
print(json.dumps({"pages": pages, "executions": len(executions), "reads": load.read_count(),
                  "environments": templating.environment.cache_info().misses}))
"""


def test_zensical_reads_the_plan_once_although_it_reimports_the_macros_per_page(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "site")], cwd=ROOT,
                            env={**os.environ, "PLAN_BUILD_DATE": BUILD_DATE},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    # One execution per Markdown page: the files in docs/ and the generated tiltak/delmål pages.
    pages = len(list((ROOT / "docs").rglob("*.md"))) + len(generated_pages(load_plan()))
    assert counts["executions"] == pages, counts
    assert counts["reads"] == 1, counts
    assert counts["environments"] == 1, counts


@pytest.mark.parametrize("build", [build_site, build_zensical], ids=["mkdocs", "zensical"])
def test_bad_data_stops_the_build_with_the_messages_and_publishes_nothing(build, tmp_path):
    """Both engines stop on the data errors with `make check`'s report, and write no page."""
    from helpers import BAD, overlay

    data = overlay(BAD / "flere-filer", tmp_path / "data")
    result = build(tmp_path / "site", data_dir=data)
    assert result.returncode == 1
    expected = ["Fant 2 feil i dataene. Ingenting ble publisert.",
                *(f"{data.as_posix()}/{line}" for line in
                  (BAD / "flere-filer" / "forventet.txt").read_text(encoding="utf-8").splitlines())]
    lines = [line.removeprefix("ERROR   -  ") for line in result.output.splitlines()]
    assert lines[lines.index(expected[0]):][:3] == expected, result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "site").rglob("*.html"))


def test_zensical_site_makes_no_third_party_requests(sites):
    _, zensical, _ = sites
    for page in zensical.html_files():
        scan = PageScan(page.read_text(encoding="utf-8"))
        assert [url for url in scan.resources if is_external(url)] == [], page


def test_finish_check_names_an_area_whose_page_lost_its_anchors(real_site, tmp_path):
    plan = load_plan()
    assert missing_areas(plan, real_site.site) == []
    site = tmp_path / "site"
    for area in plan.areas:
        page = site / area.page_url / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(real_site.page(area.page_url), encoding="utf-8")
    page = site / plan.areas[0].page_url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="tiltak-1-1-3"', ""),
                    encoding="utf-8")
    (problem,) = missing_areas(plan, site)
    assert problem.startswith("utviklingsområde 1 (data/omrader/1-mangfold.yaml) vises ikke")
    assert 'utviklingsomrade("1")' in problem



def _area_pages(plan: Plan, site: Path) -> list[str]:
    """Write each area's page with the anchor of every delmål and tiltak, as the build does;
    returns their paths in the site. The heading's «Á» is C3 81 in UTF-8, a byte pair cp1252
    cannot read (0x81), so a page read in the machine's own encoding fails on Windows."""
    paths = []
    for area in plan.areas:
        anchors = [goal.anchor for goal in area.goals]
        anchors += [measure.anchor for goal in area.goals for measure in goal.measures]
        page = site / area.page_url / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<h1>Utviklingsområde {area.id} – Ángel</h1>\n"
                        + "".join(f'<section id="{anchor}"></section>\n' for anchor in anchors),
                        encoding="utf-8")
        paths.append(f"{area.page_url}index.html")
    return paths


def _drop(page: Path, text: str) -> None:
    html = page.read_text(encoding="utf-8")
    assert text in html, text
    page.write_text(html.replace(text, ""), encoding="utf-8")


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_missing_areas_needs_every_delmal_and_tiltak_anchor_on_the_page(tmp_path, windows_locale):
    """The finishing check in process: a lost delmål anchor, a lost tiltak anchor and a missing
    page are each named with the area's file and the page to make; read as UTF-8 anywhere."""
    plan = load_plan(PERIOD_DATA, dt.date.fromisoformat(BUILD_DATE))
    site = tmp_path / "site"
    _area_pages(plan, site)
    assert missing_areas(plan, site) == []
    _drop(site / "omrader/fordypning/index.html", '<section id="delmal-2-3"></section>')
    _drop(site / "omrader/forskning-og-utvikling/index.html", '<section id="tiltak-3-5-2">')
    (site / "omrader/fremtidens-kulturskole/index.html").unlink()
    assert missing_areas(plan, site) == [
        f"utviklingsområde {area_id} (tests/fixtures/perioder/omrader/{area_id}-{slug}.yaml) "
        f"vises ikke på noen side: lag docs/omrader/{slug}.md med "
        f'{{{{ utviklingsomrade("{area_id}") }}}}'
        for area_id, slug in (("2", "fordypning"), ("3", "forskning-og-utvikling"),
                              ("4", "fremtidens-kulturskole"))]


def test_finish_site_writes_the_feed_and_open_data_after_the_check(tmp_path, windows_locale):
    """`finish_site` in process (both engines run it after the pages): with every area shown it
    writes exactly the feed and the open data of the plan and of both periods, in UTF-8, with
    the site's address and licence; with an area missing it writes nothing and says which."""
    plan = load_plan(PERIOD_DATA, dt.date.fromisoformat(BUILD_DATE))
    url, licence = "https://plan.eksempel.no/sti/", "CC BY 4.0"
    settings = SiteSettings(url, extra={LICENCE_SETTING: licence})
    site = tmp_path / "site"
    pages = _area_pages(plan, site)
    assert finish_site(plan, site, settings) == []
    assert _files(site) == sorted([
        *pages, "feed.xml", "data/plan.json", "data/tiltak.csv",
        "data/perioder/2024-2025.json", "data/perioder/2024-2025.csv",
        "data/perioder/2025-2026.json", "data/perioder/2025-2026.csv",
        *(f"data/schema/{name}.schema.json" for name in (
            "omdirigeringer", "omrade", "periode", "plan", "plan-json", "periode-json"))])
    assert (site / "feed.xml").read_bytes() == render_feed(plan, url).encode("utf-8")
    document = json.loads((site / "data/plan.json").read_bytes().decode("utf-8"))
    assert (document["nettsted"], document["lisens"]) == (url, licence)
    assert document == plan_document(plan, url, licence)
    period = json.loads((site / "data/perioder/2025-2026.json").read_bytes().decode("utf-8"))
    assert (period["periode"]["url"], period["lisens"]) == (url + "perioder/2025-2026/", licence)

    unfinished = tmp_path / "unfinished"
    _area_pages(plan, unfinished)
    (unfinished / "omrader/mangfold/index.html").unlink()
    assert finish_site(plan, unfinished, settings) == [
        "utviklingsområde 1 (tests/fixtures/perioder/omrader/1-mangfold.yaml) vises ikke på noen "
        'side: lag docs/omrader/mangfold.md med {{ utviklingsomrade("1") }}']
    assert _files(unfinished) == pages[1:]

def test_a_page_error_stops_both_engines_with_the_same_message(tmp_path):
    data = shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    for area_file in (data / "omrader").glob("4-*.yaml"):
        area_file.unlink()
    message = "omrader/fremtidens-kulturskole.md: utviklingsområde '4' finnes ikke (tillatt: 1, 2, 3)"
    mkdocs, zensical = build_site(tmp_path / "mkdocs", data), build_zensical(tmp_path / "z", data)
    for build in (mkdocs, zensical):
        assert build.returncode != 0, build.output
        assert message in build.output
    assert "Traceback" not in zensical.output  # (mkdocs-macros itself logs one)


def test_search_finds_every_measure_as_often_in_both_engines(sites):
    """Each engine writes its own search index; both hold every tiltak, and the listings marked
    `data-search-exclude` are left out by both (so no tiltak is found more often in one)."""
    mkdocs, zensical, plan = sites
    indexes = [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
               for path in (mkdocs.site / "search" / "search_index.json",
                            zensical.site / "search.json")]
    counts = [[index.count(measure.text) for measure in plan.measures] for index in indexes]
    assert counts[0] == counts[1]
    assert min(counts[1]) >= 1
