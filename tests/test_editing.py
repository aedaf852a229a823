"""Edit links: the page edit button, each tiltak's "Oppdater status" link to its YAML line, and
its "Meld status" link to the prefilled issue form."""

from __future__ import annotations

import html
import re

import pytest

from conftest import EXAMPLE_REPO as REPO
from conftest import ROOT
from htmlscan import PageScan
from macros.load import load_plan

PLAN = load_plan(ROOT / "data")
EDIT_LINK = re.compile(r'<tr id="(tiltak-[0-9-]+)".*?<a class="plan-edit" href="([^"]+)">'
                       r'Oppdater status<span class="plan-sr"> for tiltak ([0-9.]+)</span></a>',
                       re.S)
REPORT_LINK = re.compile(r'<tr id="(tiltak-[0-9-]+)".*?<a class="plan-report" href="([^"]+)">'
                         r'Meld status<span class="plan-sr"> for tiltak ([0-9.]+)</span></a>',
                         re.S)


def form_url(measure_id: str) -> str:
    return (f"{REPO}/issues/new?template=meld-status.yml&tiltak={measure_id}"
            f"&title=Status%20for%20tiltak%20{measure_id}")


@pytest.fixture(scope="module")
def site_with_repo(site_for):
    build = site_for(PLAN_REPO_URL=REPO)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("area", PLAN.areas, ids=lambda a: a.slug)
def test_every_measure_links_to_its_line_in_its_yaml_file(site_with_repo, area):
    links = EDIT_LINK.findall(site_with_repo.page(area.page_url))
    assert [m.id for m in area.measures] == [measure_id for _, _, measure_id in links]
    lines = (ROOT / area.source).read_text(encoding="utf-8").splitlines()
    for anchor, href, measure_id in links:
        assert anchor == "tiltak-" + measure_id.replace(".", "-")
        prefix = f"{REPO}/blob/main/{area.source}#L"
        assert href.startswith(prefix), href
        line = int(href.removeprefix(prefix))
        assert lines[line - 1].strip() == f'- id: "{measure_id}"', (measure_id, line)


@pytest.mark.parametrize("area", PLAN.areas, ids=lambda a: a.slug)
def test_every_measure_row_links_to_the_prefilled_report_form(site_with_repo, area):
    links = REPORT_LINK.findall(site_with_repo.page(area.page_url))
    assert [m.id for m in area.measures] == [measure_id for _, _, measure_id in links]
    for anchor, href, measure_id in links:
        assert anchor == "tiltak-" + measure_id.replace(".", "-")
        assert html.unescape(href) == form_url(measure_id)


def test_every_measure_page_links_to_the_prefilled_report_form(site_with_repo):
    for measure in PLAN.measures:
        page = site_with_repo.page(measure.page_url)
        links = re.findall(r'<a class="plan-report" href="([^"]+)">Meld status<span '
                           r'class="plan-sr"> for tiltak ([0-9.]+)</span></a>', page)
        assert [(html.unescape(href), i) for href, i in links] == [
            (form_url(measure.id), measure.id)]


def test_every_page_has_an_edit_button_to_its_markdown(site_with_repo):
    for url, source in [("", "index.md"), ("oversikt/", "oversikt.md"),
                        *((a.page_url, a.page_file) for a in PLAN.areas)]:
        page = site_with_repo.page(url)
        match = re.search(r'<a href="([^"]+)" title="Rediger denne siden"[^>]*rel="edit"', page)
        assert match, url
        assert match.group(1) == f"{REPO}/edit/main/docs/{source}"
        assert (ROOT / "docs" / source).is_file()


def test_repository_link_makes_no_request_to_the_git_host_api(site_with_repo):
    page = site_with_repo.page("")
    assert f'href="{REPO}"' in page
    # Material's source component fetches stars and forks from the host's API in the browser.
    assert 'data-md-component="source"' not in page
    assert "api.github.com" not in page


@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
def test_without_repo_url_there_are_no_edit_links(site_for, real_site, value):
    build = real_site if value is None else site_for(PLAN_REPO_URL=value)
    assert build.returncode == 0, build.output
    for area in PLAN.areas:
        page = build.page(area.page_url)
        assert "plan-edit" not in page and 'rel="edit"' not in page
        assert "plan-report" not in page and "issues/new" not in page
        assert "plan-report" not in build.page(area.measures[0].page_url)
        assert PageScan(page).ids.count(area.measures[0].anchor) == 1
    assert "md-source" not in build.page("")
