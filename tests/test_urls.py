"""The site's addresses (macros/urls.py): page URLs, links between pages, absolute addresses and
links to the data file on the git host."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import ROOT
from macros.load import load_plan
from macros.urls import absolute, page_url, relative, source_url, target_url

PLAN = load_plan(ROOT / "data")
REPO = "https://github.com/eksempel-eier/handlingsplan"


@pytest.mark.parametrize("source, url", [
    ("index.md", ""), ("om-planen.md", "om-planen/"), ("omrader/index.md", "omrader/"),
    ("omrader/mangfold.md", "omrader/mangfold/"), ("indexer.md", "indexer/"),
    ("omrader/min-index.md", "omrader/min-index/"),
])
def test_page_url(source, url):
    assert page_url(source) == url


@pytest.mark.parametrize("url, from_page, base, link", [
    ("omrader/mangfold/#tiltak-1-1-1", "omrader/mangfold/", None, "#tiltak-1-1-1"),
    ("omrader/mangfold/", "omrader/mangfold/", None, "./"),
    ("omrader/mangfold/#tiltak-1-1-1", "tiltak/1-1-1/", None,
     "../../omrader/mangfold/#tiltak-1-1-1"),
    ("tiltak/1-1-1/", "", None, "tiltak/1-1-1/"),
    ("", "oversikt/", None, "../"),
    ("oversikt/#a#b", "oversikt/", None, "#a#b"),
    ("delmal/1-1/", "tiltak/1-1-1/", "", "delmal/1-1/"),  # a host that resolves from the root
    ("omrader/mangfold/#delmal-1-1", "omrader/mangfold/", "", "#delmal-1-1"),
])
def test_relative(url, from_page, base, link):
    assert relative(url, from_page, base) == link


def test_absolute_and_target_urls():
    assert absolute("tiltak/1-1-1/", "https://plan.eksempel.no/sti") == \
        "https://plan.eksempel.no/sti/tiltak/1-1-1/"
    assert absolute("/feed.xml", "https://plan.eksempel.no/") == "https://plan.eksempel.no/feed.xml"
    area = PLAN.areas[0]
    assert target_url(area, PLAN) == "omrader/mangfold/"
    assert target_url(PLAN.goals_by_id["1.2"], PLAN) == "omrader/mangfold/#delmal-1-2"
    assert target_url(PLAN.measures_by_id["1.2.3"], PLAN) == "omrader/mangfold/#tiltak-1-2-3"


def test_source_url_points_at_the_line_in_the_data_file():
    area, measure = PLAN.areas[0], PLAN.measures_by_id["1.1.2"]
    assert source_url(REPO + "/", area, measure) == \
        f"{REPO}/blob/main/data/omrader/1-mangfold.yaml#L{measure.line}"
    assert measure.line > 1
    assert source_url(REPO, area) == f"{REPO}/blob/main/data/omrader/1-mangfold.yaml"
    assert source_url(None, area, measure) is None and source_url("", area) is None
    for elsewhere in ("/tmp/data/omrader/1-mangfold.yaml", "../data/omrader/1-mangfold.yaml"):
        assert source_url(REPO, dataclasses.replace(area, source=elsewhere), measure) is None


def test_absolute_keeps_an_x_at_the_end_of_the_site_url_and_the_start_of_the_url():
    """Only slashes are trimmed where the two join, never the letters beside them."""
    assert absolute("XML-eksport/", "https://plan.eksempel.no/planX/") == \
        "https://plan.eksempel.no/planX/XML-eksport/"
    assert absolute("/XML-eksport/", "https://plan.eksempel.no/planX") == \
        "https://plan.eksempel.no/planX/XML-eksport/"


def test_source_url_keeps_an_x_at_the_end_of_the_repository_url():
    area = PLAN.areas[0]
    assert source_url(REPO + "X/", area) == f"{REPO}X/blob/main/data/omrader/1-mangfold.yaml"
