"""Progress you can see, built from the example data: charts, follow-up list, updates page,
Atom feed and open data, each checked against the numbers the fixture implies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
import re
import shutil
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from conftest import BUILD_DATE, EXAMPLE_DATA, ROOT, build_site
from htmlscan import PageScan, normalise
from macros.load import load_plan
from macros.render import Renderer

ATOM = "{http://www.w3.org/2005/Atom}"
STATUS_IDS = ["ikke-startet", "pagar", "lopende", "fullfort", "utsatt", "ikke-viderefort",
              "ikke-rapportert"]


def _counts(**nonzero: int) -> dict[str, int]:
    """A full count per status id from keyword arguments (ikke_startet=1 → 'ikke-startet')."""
    named = {key.replace("_", "-"): value for key, value in nonzero.items()}
    return {sid: named.get(sid, 0) for sid in STATUS_IDS}


# What tests/fixtures/eksempel implies (build date 2026-11-01, stale after 180 days).
PLAN_COUNTS = _counts(ikke_startet=1, pagar=2, lopende=1, fullfort=2, utsatt=1,
                      ikke_viderefort=1, ikke_rapportert=25)
AREA_COUNTS = {
    "1": _counts(pagar=1, lopende=1, fullfort=1, ikke_rapportert=9),
    "2": _counts(ikke_startet=1, ikke_rapportert=7),
    "3": _counts(pagar=1, fullfort=1, utsatt=1, ikke_viderefort=1, ikke_rapportert=5),
    "4": _counts(ikke_rapportert=4),
}
GOAL_COUNTS = {
    "1.1": _counts(pagar=1, lopende=1, ikke_rapportert=5),
    "1.2": _counts(fullfort=1, ikke_rapportert=2),
    "1.3": _counts(ikke_rapportert=2),
    "2.1": _counts(ikke_rapportert=2),
    "2.2": _counts(ikke_rapportert=4),
    "2.3": _counts(ikke_startet=1, ikke_rapportert=1),
    "3.1": _counts(ikke_rapportert=1),
    "3.2": _counts(pagar=1, ikke_rapportert=1),
    "3.3": _counts(utsatt=1, ikke_rapportert=2),
    "3.4": _counts(fullfort=1),
    "3.5": _counts(ikke_viderefort=1, ikke_rapportert=1),
    "4.1": _counts(ikke_rapportert=2),
    "4.2": _counts(ikke_rapportert=1),
    "4.3": _counts(ikke_rapportert=1),
}
STALE = ["3.2.1", "3.3.1"]
REPORTED = {"1.1.1", "1.1.2", "1.2.2", "2.3.2", "3.2.1", "3.3.1", "3.4.1", "3.5.2"}
FEED_ORDER = [("2.3.2", "2026-10-20"), ("1.2.2", "2026-10-01"), ("1.1.1", "2026-09-15"),
              ("3.4.1", "2026-09-15"), ("1.1.2", "2026-08-01"), ("3.5.2", "2026-06-30"),
              ("1.1.1", "2026-04-02"), ("3.3.1", "2026-03-01"), ("3.3.1", "2026-03-01"),
              ("1.1.1", "2026-01-20"), ("3.2.1", "2025-12-01"), ("1.1.1", "2025-11-10"),
              ("1.1.1", "2025-09-01")]
SITE_URL = "https://plan.eksempel.no/sti/"
# The feed's entry ids for the fixture, in FEED_ORDER, pinned: a change in how ids are made
# would make every reader show every entry again as new.
FEED_IDS = ["urn:uuid:b73e9615-ce04-58d1-8e8b-543314c9df91",
            "urn:uuid:ee6e3b92-071a-5d51-b0cb-bf17bcceb096",
            "urn:uuid:80203c23-826e-556c-adad-92cd0f96c5a6",
            "urn:uuid:30bd6c1c-19f1-5dec-bb3e-5c0cec81af87",
            "urn:uuid:694e8940-66fe-55d1-b220-b3636fe21dcc",
            "urn:uuid:d25dab9d-8465-5308-85e3-8c41888a3e3f",
            "urn:uuid:860e5b80-8fd9-5f10-9957-17c3e69c5583",
            "urn:uuid:7e3907cc-cfbc-5b39-869e-8f2a2d1f5eb0",
            "urn:uuid:54be0525-521a-5aa7-8438-4336c9caa408",
            "urn:uuid:7950db24-46aa-5d5e-b382-b083b91e9af2",
            "urn:uuid:ac67601f-7731-5559-97f0-2b95165888e9",
            "urn:uuid:8f97568d-210c-59e1-82d0-852b4f7aa755",
            "urn:uuid:c3dbd788-723c-5414-8111-88075cc1d187"]
FEED_STATUSES = ["Ikke startet", "Fullført", "Pågår", "Fullført", "Løpende", "Ikke videreført",
                 "Pågår", "Utsatt", "Pågår", "Utsatt", "Pågår", "Pågår", "Ikke startet"]
EXAMPLE = load_plan(EXAMPLE_DATA)
ALL_IDS = [m.id for m in EXAMPLE.measures]


def _chart(html: str, key: str) -> dict[str, int]:
    """Counts drawn in the bar with this key, read from its parts, checked against its <desc>."""
    svg = re.search(rf'<svg class="plan-bar"[^>]*aria-labelledby="{key}-tittel {key}-beskrivelse"'
                    rf'.*?</svg>', html, re.S).group(0)
    parts = dict(re.findall(r'data-status="([^"]+)" data-count="(\d+)"', svg))
    drawn = {sid: int(parts.get(sid, 0)) for sid in STATUS_IDS}
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    said = dict((name, int(n)) for name, n in re.findall(r"([^:,.]+): (\d+)", desc))
    names = {s.id: s.name for s in (*EXAMPLE.statuses, EXAMPLE.unreported)}
    assert {names[sid]: n for sid, n in drawn.items() if n} == {k.strip(): v for k, v in said.items()}
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)%"', svg)]
    assert sum(widths) == pytest.approx(100, abs=0.01)
    return drawn


def _numbers(html: str) -> dict[str, int]:
    """Visible numbers of one `status_numbers` list: status id → count."""
    pairs = re.findall(r'<li data-status="([^"]+)">.*?class="plan-numbers__count">(\d+)<', html, re.S)
    return {sid: int(dict(pairs).get(sid, 0)) for sid in STATUS_IDS}


# Front page ---------------------------------------------------------------------------------

def test_front_page_shows_whole_plan_numbers_and_bars(example_site):
    page = example_site.page("")
    whole = re.search(r'<section class="plan-summary__plan".*?</section>', page, re.S).group(0)
    assert _chart(whole, "diagram-planen") == PLAN_COUNTS
    assert _numbers(whole) == PLAN_COUNTS
    text = normalise(PageScan(whole).text)
    assert "8 av 33 tiltak har fått status." in text
    assert "27 tiltak mangler oppdatert status (2 er ikke oppdatert på over 180 dager)." in text
    assert 'href="oversikt/#trenger-oppfolging"' in whole


@pytest.mark.parametrize("area_id", ["1", "2", "3", "4"])
def test_front_page_area_cards_link_and_count(example_site, area_id):
    page = example_site.page("")
    card = re.search(rf'<section class="plan-summary__area" aria-labelledby="sammendrag-{area_id}"'
                     rf'.*?</section>', page, re.S).group(0)
    area = EXAMPLE.area(area_id)
    assert f'href="{area.page_url}"' in card
    assert _chart(card, f"diagram-omrade-{area_id}") == AREA_COUNTS[area_id]
    assert _numbers(card) == AREA_COUNTS[area_id]
    assert ("Ingen av tiltakene har fått status ennå." in card) == (area_id == "4")


# Overview page ------------------------------------------------------------------------------

def _distribution_rows(page: str) -> dict[str, str]:
    table = re.search(r'<table class="plan-table plan-table--distribution".*?</table>', page, re.S)
    rows = re.findall(r"<tr class=\"plan-distribution--\w+\">(.*?)</tr>",
                      table.group(0), re.S)
    # A delmål row's header is its number and its text; key it by the number ("Delmål 1.1").
    return {normalise(PageScan(re.sub(r'<span class="plan-distribution__text".*?</span>', "",
                                      re.search(r"<th.*?</th>", r, re.S).group(0))).text): r
            for r in rows}


def test_overview_charts_for_plan_each_area_and_each_goal(example_site):
    rows = _distribution_rows(example_site.page("oversikt/"))
    assert len(rows) == 1 + 4 + 14
    expected = {"Hele planen": ("fordeling-planen", PLAN_COUNTS)}
    for area in EXAMPLE.areas:
        expected[f"Utviklingsområde {area.id}: {area.title}"] = (f"fordeling-{area.id}",
                                                              AREA_COUNTS[area.id])
    for goal_id, counts in GOAL_COUNTS.items():
        expected[f"Delmål {goal_id}"] = (f"fordeling-{goal_id.replace('.', '-')}", counts)
    assert set(rows) == set(expected)
    for goal in EXAMPLE.goals:  # every delmål row carries the delmål's text
        text = re.search(r'<span class="plan-distribution__text" dir="auto">(.*?)</span>',
                         rows[f"Delmål {goal.id}"], re.S).group(1)
        assert normalise(PageScan(text).text) == normalise(goal.text), goal.id
    for label, (key, counts) in expected.items():
        row = rows[label]
        assert _chart(row, key) == counts, label
        assert _numbers(row) == counts, label
        total = re.search(r'class="plan-distribution__total">(\d+) tiltak<', row).group(1)
        assert int(total) == sum(counts.values()), label


def test_overview_lists_stale_and_never_reported(example_site):
    page = example_site.page("oversikt/")
    stale_table = re.search(r'<table class="plan-table plan-table--followup".*?</table>', page, re.S)
    assert re.findall(r'<tr data-measure="([\d.]+)"', stale_table.group(0)) == STALE
    text = normalise(PageScan(stale_table.group(0)).text)
    assert "Ikke oppdatert siden 1. desember 2025" in text
    assert "Ikke oppdatert siden 1. mars 2026" in text
    never = re.search(r'<ul class="plan-followup__goals">.*?</ul></li>\s*</ul>', page, re.S)
    listed = re.findall(r'data-measure="([\d.]+)"', never.group(0))
    assert listed == [i for i in ALL_IDS if i not in REPORTED]
    # Each with its number and its text, visible (not bare numbers).
    items = re.findall(r'data-measure="([\d.]+)">([\d.]+)</a> <bdi dir="auto">(.*?)</bdi>',
                       never.group(0))
    assert [(i, n, normalise(t)) for i, n, t in items] == [
        (m.id, m.id, normalise(m.text)) for m in EXAMPLE.measures if m.id not in REPORTED]
    headings = normalise(PageScan(page).text)
    assert "Ikke oppdatert på over 180 dager (2)" in headings
    assert "Ikke rapportert ennå (25)" in headings
    assert "meldinger fra før 5. mai 2026" in headings


def test_overview_table_rows_carry_filter_data(example_site):
    page = example_site.page("oversikt/")
    table = re.search(r'<table class="plan-table plan-table--overview" id="tiltaksoversikt".*?</table>',
                      page, re.S).group(0)
    rows = re.findall(r'<tr data-status="([^"]+)" data-status-order="(\d+)" '
                      r'data-area="(\d+)" data-owner="([^"]*)" data-date="([\d-]*)">', table)
    assert len(rows) == 33
    by_status: dict[str, int] = {}
    for status, *_ in rows:
        by_status[status] = by_status.get(status, 0) + 1
    assert {sid: by_status.get(sid, 0) for sid in STATUS_IDS} == PLAN_COUNTS
    assert ("fullfort", "4", "3", "-", "2026-09-15") in rows
    # The filter form is in the page but hidden until the script shows it.
    assert re.search(r'<form class="plan-filter" data-plan-filter="tiltaksoversikt" method="get" hidden>', page)
    assert 'Eksempel: &#34;Styret&#34;; økonomi' in page or "Eksempel: &quot;Styret&quot;; økonomi" in page


# Updates page and feed ----------------------------------------------------------------------

def test_updates_page_lists_every_entry_newest_first_with_links(example_site):
    page = example_site.page("oppdateringer/")
    items = re.findall(r'<li class="plan-updates__entry" data-measure="([\d.]+)">\s*'
                       r'<p class="plan-updates__head"><time datetime="([\d-]+)">', page)
    assert items == FEED_ORDER
    assert 'href="../tiltak/2-3-2/"' in page  # each entry links to the tiltak's own page
    assert "13 statusmeldinger for 8 tiltak, nyeste først." in normalise(PageScan(page).text)
    assert 'href="../feed.xml"' in page


@pytest.fixture(scope="module")
def example_feed(site_for):
    build = site_for(EXAMPLE_DATA, PLAN_SITE_URL=SITE_URL)
    assert build.returncode == 0, build.output
    return build


def test_feed_is_valid_atom_with_absolute_links(example_feed):
    root = ET.parse(example_feed.site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == SITE_URL + "feed.xml"
    assert root.findtext(f"{ATOM}title") == ("Oppdateringer i handlingsplanen til Norsk "
                                             "kulturskoleråd Oslo og Viken")
    assert root.findtext(f"{ATOM}updated") == "2026-10-20T00:00:00Z"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Norsk kulturskoleråd Oslo og Viken"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": SITE_URL + "feed.xml", "alternate": SITE_URL + "oppdateringer/"}
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 13
    assert [e.findtext(f"{ATOM}id") for e in entries] == FEED_IDS
    for entry, (measure_id, date), status in zip(entries, FEED_ORDER, FEED_STATUSES):
        assert entry.findtext(f"{ATOM}title") == f"Tiltak {measure_id}: {status}"
        assert entry.findtext(f"{ATOM}updated") == f"{date}T00:00:00Z"
        alternate = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert alternate == f"{SITE_URL}tiltak/{measure_id.replace('.', '-')}/"
    first_111 = entries[2]
    assert first_111.find(f"{ATOM}link[@rel='related']").get("href") == "https://example.org/referat"
    assert first_111.find(f"{ATOM}category").attrib == {"term": "pagar", "label": "Pågår"}
    assert first_111.findtext(f"{ATOM}summary") == "Eksempel: to tilbydere er kontaktet."
    assert first_111.findtext(f"{ATOM}content") == (
        "Pågår: Eksempel: to tilbydere er kontaktet.\n\nTiltak 1.1.1: Etablere et samarbeid med "
        "en relevant tilbyder av sertifisering i mangfoldsledelse.")
    _assert_markup_in_text_stays_text(entries[4])


def _assert_markup_in_text_stays_text(entry) -> None:
    """1.1.2's newest entry has «…» and <b> in its text: the feed carries them as text."""
    assert entry.findtext(f"{ATOM}summary") == (
        "Eksempel: modellen brukes for hver ny runde; se «notat» <b>ikke fet</b>.")
    assert list(entry.find(f"{ATOM}summary")) == []  # no <b> element: the text was escaped


def test_feed_rendered_in_process_has_the_pinned_ids_and_escaped_text():
    """The same feed from the model directly (the fast check `make mutanter` runs)."""
    from macros.feed import render_feed

    root = ET.fromstring(render_feed(EXAMPLE, SITE_URL))
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == FEED_IDS
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Tiltak {measure_id}: {status}" for (measure_id, _), status in zip(FEED_ORDER,
                                                                            FEED_STATUSES)]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        f"{date}T00:00:00Z" for _, date in FEED_ORDER]
    assert root.findtext(f"{ATOM}updated") == "2026-10-20T00:00:00Z"
    assert root.findtext(f"{ATOM}id") == SITE_URL + "feed.xml"
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")} == {
        "self": SITE_URL + "feed.xml", "alternate": SITE_URL + "oppdateringer/"}
    # A plan with no report yet: no entries, updated on the build date.
    empty = ET.fromstring(render_feed(load_plan(ROOT / "data", dt.date(2026, 11, 1)), SITE_URL))
    assert (empty.findall(f"{ATOM}entry"), empty.findtext(f"{ATOM}updated")) == (
        [], "2026-11-01T00:00:00Z")
    related = [e.findall(f"{ATOM}link[@rel='related']") for e in entries]
    related = [links[0].get("href") if links else None for links in related]
    assert related == [None, None, "https://example.org/referat", *[None] * 8,
                       "https://example.org/forste-mote", None]
    _assert_markup_in_text_stays_text(entries[4])


def test_feed_ids_do_not_depend_on_site_url_or_new_entries(example_site, example_feed, tmp_path):
    def ids(site) -> list[str]:
        root = ET.parse(site / "feed.xml").getroot()
        return [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]

    assert ids(example_site.site) == ids(example_feed.site)
    data = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    area = data / "omrader" / "4-fremtidens-kulturskole.yaml"
    text = area.read_text(encoding="utf-8").replace(
        '      - id: "4.1.1"\n', '      - id: "4.1.1"\n        logg:\n          - dato: 2026-10-30\n'
        '            status: pagar\n            tekst: "Eksempel: ny melding."\n', 1)
    assert "2026-10-30" in text
    area.write_text(text, encoding="utf-8")
    build = build_site(tmp_path / "site", data_dir=data)
    assert build.returncode == 0, build.output
    newer = ids(build.site)
    assert len(newer) == 14 and newer[1:] == ids(example_site.site)


def test_every_page_advertises_the_feed(example_site):
    for path in example_site.html_files():
        html = path.read_text(encoding="utf-8")
        if path.name == "404.html":  # served at any depth, so its links are root-absolute
            continue
        match = re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"',
                          html)
        assert match, path
        assert (path.parent / match.group(1)).resolve() == (example_site.site / "feed.xml")


# Open data ----------------------------------------------------------------------------------

def _csv(site) -> list[dict[str, str]]:
    raw = (site / "data" / "tiltak.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel keeps æøå"
    assert b"\r\n" in raw
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_one_row_per_measure_in_excel_friendly_form(example_site):
    rows = _csv(example_site.site)
    assert list(rows[0]) == ["Utviklingsområde", "Delmål", "Tiltak", "Tekst", "Status",
                             "Sist rapportert", "Ansvarlig", "Trenger oppfølging"]
    assert [r["Tiltak"] for r in rows] == [f"Tiltak {i}" for i in ALL_IDS]
    by_id = {r["Tiltak"]: r for r in rows}
    assert by_id["Tiltak 1.1.2"] == {
        "Utviklingsområde": "Utviklingsområde 1: Mangfold", "Delmål": "Delmål 1.1", "Tiltak": "Tiltak 1.1.2",
        "Tekst": "Delfinansiere deltakeravgifter etter gradert modell basert på kommunens "
                 "innbyggertall.",
        "Status": "Løpende", "Sist rapportert": "2026-08-01",
        "Ansvarlig": 'Eksempel: "Styret"; økonomi', "Trenger oppfølging": "Nei"}
    assert by_id["Tiltak 3.3.1"]["Trenger oppfølging"] == "Ja"
    assert by_id["Tiltak 4.3.1"]["Status"] == "Ikke rapportert"
    assert by_id["Tiltak 4.3.1"]["Sist rapportert"] == ""
    assert sum(r["Trenger oppfølging"] == "Ja" for r in rows) == 27


def test_json_matches_its_schema_and_the_fixture(example_site):
    document = json.loads((example_site.site / "data" / "plan.json").read_text(encoding="utf-8"))
    schema = json.loads((example_site.site / "data" / "schema" / "plan-json.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)
    assert document["antall"] == PLAN_COUNTS
    assert (document["aldri_rapportert"], document["ikke_oppdatert"]) == (25, 2)
    assert document["bygget"] == "2026-11-01" and document["lisens"] is None
    for area in document["utviklingsområder"]:
        assert area["antall"] == AREA_COUNTS[area["id"]]
        for goal in area["delmål"]:
            assert goal["antall"] == GOAL_COUNTS[goal["id"]]
    measures = {m["id"]: m for a in document["utviklingsområder"] for g in a["delmål"]
                for m in g["tiltak"]}
    assert list(measures) == ALL_IDS
    assert [i for i, m in measures.items() if m["ikke_oppdatert"]] == STALE
    assert measures["3.3.1"]["status"] == "utsatt"
    assert [e["status"] for e in measures["1.1.1"]["logg"]] == [
        "pagar", "pagar", "utsatt", "pagar", "ikke-startet"]
    assert measures["1.1.1"]["logg"][0]["lenke"] == "https://example.org/referat"
    for name in ("plan.schema.json", "omrade.schema.json"):
        assert (example_site.site / "data" / "schema" / name).read_bytes() == \
            (ROOT / "data" / "schema" / name).read_bytes()


def test_open_data_from_the_model_in_process():
    """plan.json's values and tiltak.csv's text made directly (the fast check `make mutanter`
    runs), on the tests' build date."""
    from macros.opendata import plan_document, render_csv

    plan = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    document = plan_document(plan, SITE_URL, "CC BY 4.0")
    assert {k: v for k, v in document.items() if k not in ("statuser", "utviklingsområder")} == {
        "tittel": "Handlingsplan for Norsk kulturskoleråd Oslo og Viken",
        "organisasjon": "Norsk kulturskoleråd Oslo og Viken", "periode": "årsmøteperioden",
        "bygget": "2026-11-01", "nettsted": SITE_URL, "lisens": "CC BY 4.0",
        "foreldet_etter_dager": 180, "antall": PLAN_COUNTS, "aldri_rapportert": 25,
        "ikke_oppdatert": 2}
    assert plan_document(plan, SITE_URL, "")["lisens"] is None
    assert [(s["id"], s["navn"]) for s in document["statuser"]] == [
        ("ikke-startet", "Ikke startet"), ("pagar", "Pågår"), ("lopende", "Løpende"),
        ("fullfort", "Fullført"), ("utsatt", "Utsatt"), ("ikke-viderefort", "Ikke videreført"),
        ("ikke-rapportert", "Ikke rapportert")]
    assert document["statuser"][-1]["beskrivelse"] == \
        "Det er ikke meldt noen status for tiltaket ennå."
    area = document["utviklingsområder"][0]
    assert {k: v for k, v in area.items() if k != "delmål"} == {
        "id": "1", "slug": "mangfold", "tittel": "Mangfold",
        "url": SITE_URL + "omrader/mangfold/", "antall": AREA_COUNTS["1"]}
    goal = area["delmål"][0]
    assert (goal["id"], goal["url"], goal["antall"]) == ("1.1", SITE_URL + "delmal/1-1/",
                                                         GOAL_COUNTS["1.1"])
    assert goal["tekst"] == plan.goals_by_id["1.1"].text and len(goal["tiltak"]) == 7
    measures = {m["id"]: m for a in document["utviklingsområder"] for g in a["delmål"]
                for m in g["tiltak"]}
    assert measures["1.1.2"] == {
        "id": "1.1.2", "tekst": "Delfinansiere deltakeravgifter etter gradert modell basert på "
                                "kommunens innbyggertall.",
        "punkter": [], "se": None, "ansvarlig": 'Eksempel: "Styret"; økonomi', "frist": None,
        "url": SITE_URL + "tiltak/1-1-2/", "status": "lopende", "sist_rapportert": "2026-08-01",
        "ikke_oppdatert": False, "trenger_oppfolging": False,
        "logg": [{"dato": "2026-08-01", "status": "lopende", "lenke": None,
                  "tekst": "Eksempel: modellen brukes for hver ny runde; se «notat» <b>ikke "
                           "fet</b>."}]}
    assert (measures["3.1.1"]["se"], measures["3.1.1"]["sist_rapportert"]) == ("1.1", None)
    assert measures["3.5.1"]["punkter"] == ["Mediefag/digitale kunstfag", "Dans", "Teater",
                                            "Visuell kunst", "Folkemusikk"]
    assert [(i, m["ikke_oppdatert"], m["trenger_oppfolging"]) for i, m in measures.items()
            if m["ikke_oppdatert"] or not m["trenger_oppfolging"]] == [
        ("1.1.1", False, False), ("1.1.2", False, False), ("1.2.2", False, False),
        ("2.3.2", False, False), ("3.2.1", True, True), ("3.3.1", True, True),
        ("3.4.1", False, False), ("3.5.2", False, False)]
    lines = render_csv(plan).split("\r\n")
    assert lines[0] == ("Utviklingsområde;Delmål;Tiltak;Tekst;Status;Sist rapportert;Ansvarlig;"
                        "Trenger oppfølging")
    assert lines[2] == ('Utviklingsområde 1: Mangfold;Delmål 1.1;Tiltak 1.1.2;Delfinansiere '
                        'deltakeravgifter etter gradert modell basert på kommunens '
                        'innbyggertall.;Løpende;2026-08-01;"Eksempel: ""Styret""; økonomi";Nei')
    assert lines[-2].startswith("Utviklingsområde 4: Fremtidens kulturskole;Delmål 4.3;"
                                "Tiltak 4.3.1;") and lines[-2].endswith(";Ikke rapportert;;;Ja")
    assert (len(lines), lines[-1]) == (35, "")



def test_open_data_files_are_written_as_utf8_with_every_schema(tmp_path, windows_locale):
    """The open data files in process: plan.json as UTF-8 with æøå as written and one space per
    level, tiltak.csv with the BOM and CRLF, the schemas copied byte for byte; into a site folder
    that does not exist yet, and again over the same folder (a rebuild)."""
    from macros.opendata import plan_document, render_csv, write_open_data

    plan = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    site = tmp_path / "site"
    schemas = {name: ROOT / "data" / "schema" / name for name in (
        "omdirigeringer.schema.json", "omrade.schema.json", "periode.schema.json",
        "plan.schema.json")}
    schemas["plan-json.schema.json"] = ROOT / "macros" / "plan-json.schema.json"
    written = [site / "data" / "plan.json", site / "data" / "tiltak.csv",
               *(site / "data" / "schema" / name for name in schemas)]
    for _ in range(2):
        assert write_open_data(plan, site, SITE_URL, "CC BY 4.0") == written
    raw = (site / "data" / "plan.json").read_bytes()
    assert raw.startswith('{\n "tittel": "Handlingsplan for Norsk kulturskoleråd Oslo og Viken",'
                          '\n "organisasjon": "Norsk kulturskoleråd Oslo og Viken",\n "periode": '
                          '"årsmøteperioden",\n "bygget": "2026-11-01",\n'.encode("utf-8"))
    assert raw.endswith(b'\n       "logg": []\n      }\n     ]\n    }\n   ]\n  }\n ]\n}\n')
    assert json.loads(raw.decode("utf-8")) == plan_document(plan, SITE_URL, "CC BY 4.0")
    assert (site / "data" / "tiltak.csv").read_bytes() == \
        b"\xef\xbb\xbf" + render_csv(plan).encode("utf-8")
    for name, source in schemas.items():
        assert (site / "data" / "schema" / name).read_bytes() == source.read_bytes(), name

def test_pages_json_and_csv_agree(example_site):
    """The same numbers on the front page, the overview, plan.json and tiltak.csv."""
    document = json.loads((example_site.site / "data" / "plan.json").read_text(encoding="utf-8"))
    names = {s["id"]: s["navn"] for s in document["statuser"]}
    csv_counts = {sid: 0 for sid in STATUS_IDS}
    by_name = {v: k for k, v in names.items()}
    for row in _csv(example_site.site):
        csv_counts[by_name[row["Status"]]] += 1
    front = re.search(r'<section class="plan-summary__plan".*?</section>',
                      example_site.page(""), re.S).group(0)
    overview_row = _distribution_rows(example_site.page("oversikt/"))["Hele planen"]
    assert document["antall"] == csv_counts == _numbers(front) == _numbers(overview_row)


def test_open_data_page_links_files_and_states_licence(example_site):
    page = example_site.page("apne-data/")
    text = normalise(PageScan(page).text)
    assert "Lisensen for dataene er ikke bestemt ennå" in text
    for href in ("../data/plan.json", "../data/tiltak.csv", "../data/schema/plan-json.schema.json",
                 "../data/schema/plan.schema.json", "../data/schema/omrade.schema.json"):
        assert f'href="{href}"' in page, href
    licensed = Renderer(EXAMPLE, "apne-data/").open_data("CC BY 4.0")
    assert "Dataene er publisert med lisensen <strong>CC BY 4.0</strong>." in licensed


# Every character a spreadsheet (Excel, LibreOffice, Google Sheets) reads as the start of a
# formula or of a cell injection (OWASP, «CSV Injection»): =, +, -, @, tab and carriage return,
# and the full-width =, +, -, @ (U+FF1D, U+FF0B, U+FF0D, U+FF20) of East Asian input methods.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["=", "+", "-", "@", "tab", "cr", "fullwidth-=",
                                                       "fullwidth-+", "fullwidth--", "fullwidth-@"])
def test_csv_cells_never_start_a_formula(start):
    from macros.opendata import csv_cell as _cell

    value = f"{start}HYPERLINK(\"https://example.org\";\"klikk\")"
    assert _cell(value) == "'" + value
    assert _cell("1" + value) == "1" + value  # only the first character counts


def test_csv_guard_is_exactly_the_formula_starts():
    from macros.opendata import FORMULA_START
    from macros.opendata import csv_cell as _cell

    assert sorted(FORMULA_START) == sorted(FORMULA_STARTS)
    for text in ("Vanlig tekst", "'=sitat", " =mellomrom", "", "«=»", "1-2"):
        assert _cell(text) == text


# Real data: nothing is reported yet ---------------------------------------------------------

def test_real_site_says_plainly_that_nothing_is_reported(real_site):
    front = normalise(PageScan(real_site.page("")).text)
    assert "Ingen tiltak i planen har fått status ennå." in front
    assert "33 tiltak mangler oppdatert status" in front
    overview = normalise(PageScan(real_site.page("oversikt/")).text)
    assert "Ingen av de 33 tiltakene i planen har fått en statusmelding ennå." in overview
    assert "Ikke oppdatert på over 180 dager (0)" in overview
    updates = normalise(PageScan(real_site.page("oppdateringer/")).text)
    assert "Det er ikke meldt noen status for noen av de 33 tiltakene ennå." in updates
    root = ET.parse(real_site.site / "feed.xml").getroot()
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"
    rows = _csv(real_site.site)
    assert len(rows) == 33 and {r["Status"] for r in rows} == {"Ikke rapportert"}
    document = json.loads((real_site.site / "data" / "plan.json").read_text(encoding="utf-8"))
    assert document["antall"]["ikke-rapportert"] == 33


def test_the_site_config_is_read_without_loading_plugins_or_hooks():
    """mkdocs.yml's plugins (search, macros) and hooks are not loaded for the settings."""
    from macros.config import load_site_config

    config = load_site_config()
    assert (dict(config["plugins"]), config["hooks"]) == ({}, {})


def test_settings_for_a_host_without_config_come_from_mkdocs_yml(monkeypatch, tmp_path):
    from macros.config import SiteSettings, load_site_config

    monkeypatch.delenv("PLAN_SITE_URL", raising=False)
    monkeypatch.delenv("PLAN_REPO_URL", raising=False)
    settings = SiteSettings.of(load_site_config())
    assert (settings.site_url, settings.repo_url, settings.licence) == (
        "http://127.0.0.1:8000/", None, "")
    monkeypatch.setenv("PLAN_SITE_URL", SITE_URL)
    assert SiteSettings.of(load_site_config()).site_url == SITE_URL
    # A variant that INHERITs mkdocs.yml (as the benchmarks write them) is read whole.
    for folder in ("docs", "overrides", "data", "macros"):
        (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    variant = tmp_path / "mkdocs-variant.yml"
    variant.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nextra:\n  apne_data_lisens: CC BY 4.0\n",
                       encoding="utf-8")
    settings = SiteSettings.of(load_site_config(variant))
    assert (settings.site_url, settings.licence) == (SITE_URL, "CC BY 4.0")
    assert settings.extra["kontakt_epost"] == ""
