"""Hostile text in the data (tests/fixtures/fiendtlig) renders as inert, readable text.

The fixture lays an area file and a plan.yaml over the example data. Their text tries to be
HTML (<script>, <img onerror>, closing tags), Jinja ({{ 7*7 }}, {% raw %}), Markdown (tables,
**bold**, [x](javascript:…), images from another host, attribute lists), and holds very long
words and right-to-left text. Every page of the built site is checked, in the HTML and in
Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser import (RequestLog, axe_violations, describe_violations, is_local, new_context,
                     page_urls)
from conftest import FIXTURES, ROOT
from helpers import overlay
from helpers import row as measure_row
from htmlscan import PageScan, normalise
from macros.load import load_plan
from macros.opendata import csv_rows, plan_document
from macros.text import markdown_text

HOSTILE = FIXTURES / "fiendtlig"
AREA_PAGE = "omrader/mangfold/"
SAFE_SCHEMES = {"http", "https", "mailto"}
LONG_WORD = re.compile(r"\S{200,}")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return overlay(HOSTILE, tmp_path_factory.mktemp("fiendtlig") / "data")


@pytest.fixture(scope="module")
def hostile_plan(hostile_data):
    return load_plan(hostile_data)


@pytest.fixture(scope="module")
def hostile_site(hostile_data, site_for):
    build = site_for(hostile_data)
    assert build.returncode == 0, build.output
    return build


def _pages(build) -> dict[str, PageScan]:
    return {p.relative_to(build.site).as_posix(): PageScan(p.read_text(encoding="utf-8"))
            for p in build.html_files()}


def _data_texts(plan) -> list[str]:
    """Every free text of the fixture that a page shows."""
    area = plan.area("1")
    texts = [plan.title, plan.organisation, plan.period]
    for goal in area.goals:
        texts.append(goal.text)
        for measure in goal.measures:
            texts += [measure.text, *measure.items, measure.owner or ""]
            texts += [entry.text for entry in measure.log]
    return [t for t in texts if t]


def test_fixture_holds_every_kind_of_hostile_text(hostile_plan):
    joined = "\n".join(_data_texts(hostile_plan))
    for needle in ("<script>", "onerror=", "{{ 7*7 }}", "{% raw %}", "{# ", "| kolonne a |",
                   "**fet?**", "](javascript:", "![", "{ onclick=", "</td></tr></table>",
                   "=HYPERLINK("):
        assert needle in joined, needle
    assert LONG_WORD.search(joined)
    assert re.search(r"[\u0590-\u05ff]", joined) and re.search(r"[\u0600-\u06ff]", joined)
    links = [e.link for m in hostile_plan.area("1").measures for e in m.log if e.link]
    assert {urlsplit(link).scheme for link in links} == SAFE_SCHEMES


def test_no_markup_from_the_data_reaches_any_page(hostile_site):
    for path in hostile_site.html_files():
        name, html = path.relative_to(hostile_site.site).as_posix(), path.read_text("utf-8")
        assert "<script>window.__angrep" not in html, name
        assert not re.search(r"<(strong|em|b|i|code|div)\b[^>]*>\s*(fet|kursiv|kode|inni div)\?",
                             html), name
        for tag, attrs in PageScan(html).tags:
            assert tag != "iframe", name
            handlers = [a for a in attrs if a.startswith("on")]
            assert not handlers, f"{name}: <{tag} {handlers}>"
            assert not (tag == "img" and "example.org" in (attrs.get("src") or "x")), name
            href = attrs.get("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), f"{name}: {href}"


def test_every_data_text_is_shown_literally(hostile_site, hostile_plan):
    area_text = normalise(PageScan(hostile_site.page(AREA_PAGE)).text)
    front_text = normalise(PageScan(hostile_site.page("")).text)
    for text in _data_texts(hostile_plan):
        where = front_text if text in (hostile_plan.title, hostile_plan.organisation,
                                       hostile_plan.period) else area_text
        assert normalise(text) in where, text


def test_status_names_stay_text_on_every_page_that_names_them(hostile_site, hostile_plan):
    name = hostile_plan.unreported.name
    assert "<script>" in name and "|" in name
    for url in ("om-planen/", "apne-data/", "", "oversikt/"):
        assert normalise(name) in normalise(PageScan(hostile_site.page(url)).text), url


def test_jinja_in_the_data_is_not_evaluated(hostile_site):
    text = normalise(PageScan(hostile_site.page(AREA_PAGE)).text)
    assert "og {{ 7*7 }} og {% raw %}rå{% endraw %} og {% if true %}JA{% endif %}" in text
    assert "{{ config }}" in text
    assert "49" not in text.replace("2049", "")
    assert "{{ 7*7 }}" in normalise(PageScan(hostile_site.page("")).text)


def test_markdown_in_the_data_stays_text(hostile_site):
    page = hostile_site.page(AREA_PAGE)
    row = measure_row(page, "1.1.2")
    assert "<table" not in row.replace('<table class="plan-table"', "")
    assert "| kolonne a | kolonne b |" in normalise(PageScan(row).text)
    headings = [a.get("id") for t, a in PageScan(page).tags if t in ("h1", "h2", "h3")]
    assert headings == ["utviklingsomrade-1-mangfold", "delmal-1-1", "delmal-1-2"]


def test_log_links_are_kept_and_safe(hostile_site):
    scan = PageScan(hostile_site.page(AREA_PAGE))
    external = [h for h in scan.links if urlsplit(h).scheme]
    assert {urlsplit(h).scheme for h in external} <= SAFE_SCHEMES
    for link in ("https://example.org/referat?a=1&b=<2>", "mailto:post@example.org",
                 "http://example.org/arabisk"):
        assert link in external


def test_right_to_left_text_gets_its_own_direction(hostile_site):
    page = hostile_site.page(AREA_PAGE)
    for rtl in ("مثال: نص من اليمين", "דוגמה: פריט ברשימה", "דוגמה: אחראי", "مثال: هذا نص"):
        tag = re.search(rf"<(\w+)([^<>]*)>{re.escape(rtl)}", page)
        assert tag, rtl
        assert tag.group(1) == "bdi" or 'dir="auto"' in tag.group(2), tag.group(0)


def test_search_index_holds_the_text_escaped(hostile_site):
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "<script>" not in texts and "<img" not in texts
    assert "&lt;script&gt;" in texts


# Open data and the feed: every text exactly as written, as text -----------------------------

def _fixture_area() -> dict:
    """Area 1 of the fixture as YAML reads it, not through the loader."""
    return yaml.safe_load((HOSTILE / "omrader" / "1-mangfold.yaml").read_text(encoding="utf-8"))


def _fixture_plan() -> dict:
    return yaml.safe_load((HOSTILE / "plan.yaml").read_text(encoding="utf-8"))


def _measures(area: dict) -> list[dict]:
    return [measure for goal in area["delmål"] for measure in goal["tiltak"]]


def test_plan_json_carries_every_text_exactly(hostile_site):
    document = json.loads((hostile_site.site / "data" / "plan.json").read_text("utf-8"))
    plan, area = _fixture_plan(), _fixture_area()
    assert (document["tittel"], document["organisasjon"], document["periode"]) == (
        plan["tittel"], plan["organisasjon"], plan["periode"])
    assert document["statuser"][-1]["navn"] == plan["ikke_rapportert"]["navn"]
    assert [s["beskrivelse"] for s in document["statuser"][:-1]] == [
        s["beskrivelse"] for s in plan["statuser"]]
    published = document["utviklingsområder"][0]
    assert published["tittel"] == area["tittel"]
    assert [g["tekst"] for g in published["delmål"]] == [g["tekst"] for g in area["delmål"]]
    measures = [m for g in published["delmål"] for m in g["tiltak"]]
    assert [(m["id"], m["tekst"], m["punkter"], m["ansvarlig"]) for m in measures] == [
        (m["id"], m["tekst"], m.get("punkter", []), m.get("ansvarlig"))
        for m in _measures(area)]
    # The log newest first, as the fixture lists it oldest first.
    assert [[(e["tekst"], e["lenke"]) for e in m["logg"]] for m in measures] == [
        [(e["tekst"], e.get("lenke")) for e in reversed(m.get("logg", []))]
        for m in _measures(area)]


def test_tiltak_csv_carries_every_text_exactly_and_no_formula(hostile_site):
    raw = (hostile_site.site / "data" / "tiltak.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    plan, area = _fixture_plan(), _fixture_area()
    unreported = plan["ikke_rapportert"]["navn"]
    assert rows[1:4] == [
        [f"Utviklingsområde 1: {area['tittel']}", "Delmål 1.1", "Tiltak 1.1.1",
         _measures(area)[0]["tekst"], "Løpende", "2026-09-03", _measures(area)[0]["ansvarlig"],
         "Nei"],
        [f"Utviklingsområde 1: {area['tittel']}", "Delmål 1.1", "Tiltak 1.1.2",
         _measures(area)[1]["tekst"], "Fullført", "2026-10-01", _measures(area)[1]["ansvarlig"],
         "Nei"],
        # An owner that starts with "=" is a formula in Excel: a leading apostrophe keeps it text.
        [f"Utviklingsområde 1: {area['tittel']}", "Delmål 1.2", "Tiltak 1.2.1",
         _measures(area)[2]["tekst"], unreported, "",
         "'=HYPERLINK(\"https://example.org/\";\"Eksempel: en formel i regnearket?\")", "Ja"],
    ]


def test_csv_rows_keep_a_formula_as_text(hostile_plan):
    """The same row from the model directly (the fast check `make mutanter` runs)."""
    rows = csv_rows(hostile_plan)
    assert rows[3][2:] == ("Tiltak 1.2.1", "مثال: نص من اليمين إلى اليسار في نص التدبير.",
                           hostile_plan.unreported.name, "",
                           "'=HYPERLINK(\"https://example.org/\";\"Eksempel: en formel i "
                           "regnearket?\")", "Ja")
    assert rows[1][6] == "Eksempel: <b onmouseover=alert(1)>fet?</b> {{ config }}"
    document = plan_document(hostile_plan, "https://plan.eksempel.no/", "")
    first = document["utviklingsområder"][0]["delmål"][0]["tiltak"][0]
    assert (first["id"], first["frist"]) == ("1.1.1", "2026-12-31")


def test_feed_carries_every_log_text_exactly_as_text(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(hostile_site.site / "feed.xml").getroot()
    plan, area = _fixture_plan(), _fixture_area()
    names = {s["id"]: s["navn"] for s in plan["statuser"]}
    entries = {e.findtext(f"{atom}summary"): e for e in root.findall(f"{atom}entry")}
    for measure in _measures(area):
        for logged in measure.get("logg", []):
            entry = entries[logged["tekst"]]
            assert entry.findtext(f"{atom}title") == \
                f"Tiltak {measure['id']}: {names[logged['status']]}"
            assert entry.findtext(f"{atom}content") == (
                f"{names[logged['status']]}: {logged['tekst']}\n\n"
                f"Tiltak {measure['id']}: {measure['tekst']}")
            for part in ("summary", "content"):
                assert list(entry.find(f"{atom}{part}")) == [], part  # text, no elements
            related = [link.get("href") for link in entry.findall(f"{atom}link[@rel='related']")]
            assert related == ([logged["lenke"]] if "lenke" in logged else [])
    assert root.findtext(f"{atom}author/{atom}name") == plan["organisasjon"]


def test_markdown_text_filter_makes_syntax_inert():
    assert markdown_text("# A *b* [c](javascript:d) <e> | f |\n\n1. g {h}") == (
        r"\# A \*b\* \[c\]\(javascript:d\) &lt;e&gt; \| f \| 1\. g \{h\}")


# In Chromium ---------------------------------------------------------------------------------

ATTACK_FLAG = "() => typeof window.__angrep === 'undefined' ? null : String(window.__angrep)"


@pytest.mark.parametrize("width", [375, 1280])
def test_no_script_runs_no_dialog_and_no_overflow(browser, serve, hostile_site, width):
    base = serve(hostile_site.site)
    context = new_context(browser, width)
    page = context.new_page()
    dialogs, requests = [], RequestLog()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    requests.attach(page)
    overflowing = []
    try:
        for url in page_urls(hostile_site.site):
            page.goto(base + url, wait_until="load")
            page.mouse.move(width / 2, 300)
            for summary in page.locator("details.plan-history > summary").all():
                summary.click()
            assert page.evaluate(ATTACK_FLAG) is None, url
            scroll = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if scroll[0] > scroll[1]:
                overflowing.append(f"{url}: {scroll}")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not dialogs, dialogs
    assert not overflowing, overflowing
    assert not [u for u in requests.requests if not is_local(u, base)]
    assert not requests.broken(), requests.broken()


def test_long_words_wrap_inside_the_text_column(browser, serve, hostile_site):
    context = new_context(browser, 375)
    page = context.new_page()
    try:
        page.goto(serve(hostile_site.site) + AREA_PAGE)
        # The newest report is shown as it is; open every folded history too.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        widths = page.evaluate("""() => [...document.querySelectorAll(
            '.md-content p, .md-content li')].filter(e => /\\S{200,}/.test(e.textContent))
            .map(e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right])""")
    finally:
        context.close()
    assert len(widths) >= 3
    for scroll_width, client_width, right in widths:
        assert scroll_width <= client_width and right <= 375


def test_right_to_left_text_is_laid_out_right_to_left(browser, serve, hostile_site):
    context = new_context(browser, 1280)
    page = context.new_page()
    try:
        page.goto(serve(hostile_site.site) + AREA_PAGE)
        directions = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            '[dir=auto], bdi')].map(e => [e.textContent.slice(0, 12), getComputedStyle(e).direction]))""")
    finally:
        context.close()
    rtl = {k: v for k, v in directions.items() if re.match(r"[\u0590-\u06ff]", k)}
    assert len(rtl) >= 4 and set(rtl.values()) == {"rtl"}, directions
    assert directions["Eksempel: <s"] == "ltr"


def test_hostile_area_page_passes_axe(browser, serve, hostile_site):
    context = new_context(browser, 375, "dark")
    page = context.new_page()
    try:
        page.goto(serve(hostile_site.site) + AREA_PAGE)
        violations = describe_violations(AREA_PAGE, axe_violations(page))
    finally:
        context.close()
    assert not violations, "\n".join(violations)


def test_search_results_show_hostile_text_as_text(browser, serve, hostile_site):
    context = new_context(browser, 1280)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(serve(hostile_site.site))
        page.keyboard.press("s")  # Material's shortcut to the search field
        page.keyboard.type("kolonne")
        page.locator(".md-search-result__item").first.wait_for()
        results = page.locator(".md-search-result").inner_text()
        assert page.evaluate(ATTACK_FLAG) is None
    finally:
        context.close()
    assert not dialogs
    assert "<script>window.__angrep='tabell'</script>" in results


# Link fields -------------------------------------------------------------------------------

def _link_fields(node, path=()):
    """(path, schema) of every property in a schema that holds a link."""
    if isinstance(node, dict):
        for name, child in (node.get("properties") or {}).items():
            if re.search(r"lenke|url|uri|nettside|adresse", name, re.I) or (
                    isinstance(child, dict) and child.get("format") in ("uri", "iri", "email")):
                yield (*path, name), child
        for key, child in node.items():
            yield from _link_fields(child, (*path, key))
    elif isinstance(node, list):
        for child in node:
            yield from _link_fields(child, path)


SCHEMAS = sorted((ROOT / "data" / "schema").glob("*.schema.json"))
LINK_FIELDS = [(s.name, p, f) for s in SCHEMAS
               for p, f in _link_fields(json.loads(s.read_text("utf-8")))]


def test_the_schemas_have_link_fields():
    assert any(path[-1] == "lenke" for _, path, _ in LINK_FIELDS)


@pytest.mark.parametrize("schema, path, field", LINK_FIELDS,
                         ids=[f"{s}:{'.'.join(p)}" for s, p, _ in LINK_FIELDS])
def test_every_link_field_allows_only_http_https_and_mailto(schema, path, field):
    pattern = re.compile(field["pattern"])
    for good in ("https://example.org/a?b=1", "http://example.org", "mailto:post@example.org"):
        assert pattern.search(good), good
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " https://example.org",
                "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://example.org",
                "//example.org", "/sti", "https://example.org/a b", "https://example.org\njavascript:x"):
        assert not pattern.search(bad), bad
