"""The real site, built with `mkdocs build --strict` into a temporary folder."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin

import pytest

from browser import page_urls
from conftest import ROOT
from helpers import row as measure_row
from htmlscan import PageScan, css_urls, is_external, normalise, resolve
from macros.load import load_plan
from test_every_page import expected_pages

PLAN = load_plan(ROOT / "data")


def test_build_succeeds_without_warnings(real_site):
    assert "WARNING" not in real_site.output, real_site.output


@pytest.mark.parametrize("area", PLAN.areas, ids=lambda a: a.slug)
def test_every_goal_and_measure_text_is_on_its_area_page(real_site, area):
    text = normalise(PageScan(real_site.page(area.page_url)).text)
    for goal in area.goals:
        assert normalise(goal.text) in text, goal.id
        for measure in goal.measures:
            assert normalise(measure.text) in text, measure.id
            for item in measure.items:
                assert normalise(item) in text, measure.id


@pytest.mark.parametrize("area", PLAN.areas, ids=lambda a: a.slug)
def test_every_anchor_is_present_and_unique(real_site, area):
    ids = PageScan(real_site.page(area.page_url)).ids
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, duplicates
    for goal in area.goals:
        assert f"delmal-{goal.id.replace('.', '-')}" in ids
        for measure in goal.measures:
            assert f"tiltak-{measure.id.replace('.', '-')}" in ids


def test_all_anchors_in_the_whole_site(real_site):
    anchors = set()
    for area in PLAN.areas:
        anchors |= {i for i in PageScan(real_site.page(area.page_url)).ids
                    if i.startswith(("delmal-", "tiltak-"))}
    assert len([a for a in anchors if a.startswith("delmal-")]) == 14
    assert len([a for a in anchors if a.startswith("tiltak-")]) == 33


def test_cross_reference_is_a_real_link(real_site):
    page = real_site.page("omrader/forskning-og-utvikling/")
    row = measure_row(page, "3.1.1")
    assert 'href="../mangfold/#delmal-1-1"' in row


def test_measure_items_are_a_list(real_site):
    page = real_site.page("omrader/forskning-og-utvikling/")
    row = measure_row(page, "3.5.1")
    assert row.count("<li><bdi>") == 5


def test_status_is_badge_with_icon_and_text(real_site):
    page = real_site.page("omrader/mangfold/")
    badges = re.findall(r'<span class="plan-status [^"]+"[^>]*>(.*?)</span></span>', page, re.S)
    assert len(badges) == 12
    for badge in badges:
        assert "<svg" in badge and 'aria-hidden="true"' in badge
        assert "Ikke rapportert" in badge


def test_tables_have_caption_and_scoped_headers(real_site):
    for area in PLAN.areas:
        page = real_site.page(area.page_url)
        tables = re.findall(r"<table.*?</table>", page, re.S)
        assert len(tables) == len(area.goals)
        for table in tables:
            assert "<caption>" in table
            assert re.search(r'<th scope="col"', table)
            assert len(re.findall(r'<th scope="row"', table)) == table.count("<tr id=")


def test_the_site_has_exactly_the_pages_the_data_implies(real_site):
    assert sorted(page_urls(real_site.site)) == expected_pages()


def test_pages_exist_and_speak_norwegian(real_site):
    for url in ["", "oversikt/", "om-planen/", "omrader/", *(a.page_url for a in PLAN.areas)]:
        scan = PageScan(real_site.page(url))
        assert scan.lang == "nb", url
    assert (real_site.site / "404.html").is_file()


def test_no_template_syntax_or_macro_errors_in_output(real_site):
    for path in real_site.html_files():
        text = path.read_text(encoding="utf-8")
        for needle in ("{{", "{%", "Macro Rendering Error", "Macro Syntax Error", "Traceback"):
            assert needle not in text, f"{needle!r} in {path}"


def test_no_external_resources(real_site):
    """No script, style, font, image or frame from another host; plain links are fine."""
    found = []
    for path in real_site.html_files():
        scan = PageScan(path.read_text(encoding="utf-8"))
        urls = scan.resources + [u for style in scan.styles for u in css_urls(style)]
        found += [f"{path.relative_to(real_site.site)}: {u}" for u in urls if is_external(u)]
    for css in real_site.site.rglob("*.css"):
        found += [f"{css.relative_to(real_site.site)}: {u}"
                  for u in css_urls(css.read_text(encoding="utf-8")) if is_external(u)]
    assert not found, "\n".join(found)


def test_resource_scan_finds_third_party_urls():
    """The scan above would see each kind of third-party resource."""
    page = PageScan('''<link rel="stylesheet" href="https://cdn.example/x.css">
        <script src="//cdn.example/x.js"></script><img srcset="a.png 1x, https://e.example/b.png 2x">
        <iframe src="https://e.example/"></iframe><p style="background:url(https://e.example/c.png)">
        <style>@font-face { src: url("https://fonts.example/f.woff2") }</style>
        <a href="https://example.no/">a plain link is fine</a>''')
    urls = page.resources + [u for style in page.styles for u in css_urls(style)]
    assert [u for u in urls if is_external(u)] == [
        "https://cdn.example/x.css", "//cdn.example/x.js", "https://e.example/b.png",
        "https://e.example/", "https://e.example/c.png", "https://fonts.example/f.woff2"]
    assert css_urls('@import "https://e.example/a.css"; @import url(https://e.example/b.css);') == [
        "https://e.example/b.css", "https://e.example/a.css"]


def test_every_internal_link_and_anchor_resolves(real_site):
    ids_cache: dict = {}
    broken = []
    for page in real_site.html_files():
        for href in PageScan(page.read_text(encoding="utf-8")).links:
            target = resolve(real_site.site, page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{page.relative_to(real_site.site)} -> {href}")
                continue
            if fragment:
                if file not in ids_cache:
                    ids_cache[file] = set(PageScan(file.read_text(encoding="utf-8")).ids)
                if fragment not in ids_cache[file]:
                    broken.append(f"{page.relative_to(real_site.site)} -> {href}")
    assert not broken, "\n".join(broken)


def test_front_page_summarises_each_area_and_says_nothing_is_reported(real_site):
    text = normalise(PageScan(real_site.page("")).text)
    for area in PLAN.areas:
        assert area.title in text
    assert text.count("Ingen av tiltakene har fått status ennå.") == 4
    assert "4 utviklingsområder med til sammen 14 delmål og 33 tiltak" in text


def test_shortened_area_address_lists_every_area_and_its_goals(real_site):
    """/omrader/ is the list of areas, for a reader who shortens an area's address."""
    page = real_site.page("omrader/")
    areas = [(number, urljoin("/omrader/", href), title) for number, href, title in
             re.findall(r'<h2 id="omrade-(\d+)"><a href="([^"]+)">([^<]+)</a>', page)]
    assert areas == [(a.id, f"/{a.page_url}", f"Utviklingsområde {a.id}: {a.title}")
                     for a in PLAN.areas]
    goals = [(urljoin("/omrader/", href), number, text) for href, number, text in
             re.findall(r'<li><a href="([^"]+)">Delmål ([\d.]+)</a>: <bdi>([^<]+)</bdi></li>', page)]
    assert goals == [(f"/{g.page_url}", g.id, g.text) for g in PLAN.goals]
    text = normalise(PageScan(page).text)
    assert "4 utviklingsområder med til sammen 14 delmål og 33 tiltak" in text
    assert "3 delmål og 12 tiltak:" in text


def test_overview_lists_every_measure_once(real_site):
    page = real_site.page("oversikt/")
    for measure in PLAN.measures:
        assert page.count(f">{measure.id}</a></th>") == 1, measure.id


def test_theme_footer_has_no_english_generator_line(real_site):
    for path in real_site.html_files():
        assert "Made with" not in path.read_text(encoding="utf-8"), path
