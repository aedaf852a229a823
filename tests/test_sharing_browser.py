"""In Chromium: copy-link controls, heading permalinks, redirects, and printing to PDF."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from browser import new_context
from conftest import ROOT
from macros.load import load_plan

PLAN = load_plan(ROOT / "data")
SITE_URL = "http://127.0.0.1:8000/"  # site_url when PLAN_SITE_URL is not set
# What each printed page's PDF text begins with (whitespace runs as one space); the tiltak page
# fits on one PDF page and is given whole.
PRINTED_PAGES = {
    "hele-planen/": "Hele planen Status per 1. november 2026 4 utviklingsområder, 14 delmål og "
                    "33 tiltak. Den nyeste statusen for hvert tiltak står i tabellene. Ikke "
                    "rapportert 33 Planen med oppdatert status: http://127.0.0.1:8000/",
    "omrader/mangfold/": "Utviklingsområde 1: Mangfold Fylkesavdelingen skal tilrettelegge for "
                         "at medlemskommunene i regionen kan styrke sin kulturskolerelaterte "
                         "mangfoldskompetanse.",
    "tiltak/3-5-1/": "Tiltak 3.5.1 Utviklingsområde 3: Forskning og utvikling › Delmål 3.5 Være "
                     "pådriver for at relevante aktører etablerer faglige utviklingstilbud for "
                     "lærere på følgende fagområder: Mediefag/digitale kunstfag Dans Teater "
                     "Visuell kunst Folkemusikk Status nå: Ikke rapportert Se tiltaket i "
                     "utviklingsområdet Delmål 3.5 Bidra til at kulturskolene styrker sitt arbeid "
                     "og tilbud på de mindre etablerte fagområdene. Andre tiltak i delmålet: "
                     "Tiltak 3.5.2 Ikke rapportert Historikk Det er ikke meldt noen status for "
                     "tiltaket ennå.",
    "delmal/1-1/": "Delmål 1.1 Utviklingsområde 1: Mangfold Gi kulturskolenes virksomhetsledere "
                   "mulighet til å gjennomføre kurs og sertifisering i mangfoldsledelse i løpet "
                   "av årsmøteperioden. Se delmålet i utviklingsområdet Tiltak Tiltak til delmål "
                   "1.1 Nr. Tiltak Status 1.1.1 Etablere et samarbeid",
    "": "Handlingsplan for Norsk kulturskoleråd Oslo og Viken Her finner du handlingsplanen til "
        "Norsk kulturskoleråd Oslo og Viken for årsmøteperioden, og hvor langt hvert tiltak har "
        "kommet. Planen har 4 utviklingsområder med til sammen 14 delmål og 33 tiltak.",
}


@pytest.fixture
def page(browser):
    """A page in a fresh context that may read and write the clipboard."""
    context = new_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def copied_with(page, button, key: str | None) -> str:
    """Press the copy button (by keyboard if `key`) and return what the clipboard holds."""
    page.evaluate("navigator.clipboard.writeText('')")
    if key:
        button.focus()
        page.keyboard.press(key)
    else:
        button.click()
    live = page.locator("#plan-announce")
    live.filter(has_text="Lenken er kopiert").wait_for(state="attached")
    assert live.get_attribute("aria-live") == "polite"
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_on_area_page_by_keyboard(page, real_server):
    page.goto(real_server + "omrader/mangfold/")
    row = page.locator("#tiltak-1-1-4")
    button = row.get_by_role("button", name="Kopier lenke til tiltak 1.1.4")
    assert button.is_visible() and not row.locator(".plan-copy__link").is_visible()
    assert copied_with(page, button, "Enter") == f"{SITE_URL}tiltak/1-1-4/"
    goal = page.get_by_role("button", name="Kopier lenke til delmål 1.2")
    assert copied_with(page, goal, "Space") == f"{SITE_URL}delmal/1-2/"


@pytest.mark.parametrize("url", ["tiltak/2-3-1/", "delmal/4-2/"])
def test_copy_link_on_own_page(page, real_server, url):
    page.goto(real_server + url)
    button = page.locator(".plan-item .plan-copy__button")
    assert button.is_visible() and button.inner_text().startswith("Kopier lenke")
    assert copied_with(page, button, None) == SITE_URL + url


def test_without_javascript_the_control_is_a_plain_permanent_link(browser, real_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_server + "tiltak/1-3-2/")
    link = page.get_by_role("link", name="Fast lenke til tiltak 1.3.2")
    assert link.is_visible() and link.get_attribute("href") == f"{SITE_URL}tiltak/1-3-2/"
    assert not page.locator(".plan-copy__button").first.is_visible()
    context.close()


def test_heading_permalinks_work(page, real_server):
    page.goto(real_server + "omrader/fordypning/")
    permalink = page.locator("#delmal-2-2 a.headerlink")
    assert permalink.get_attribute("href") == "#delmal-2-2"
    permalink.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#delmal-2-2$"))


def pdf_pages(page, url: str) -> list[str]:
    """Chromium's print-to-PDF (A4) of a page, as the text of each PDF page."""
    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def test_whole_plan_prints_every_area_on_its_own_pages(page, real_server):
    pages = pdf_pages(page, real_server + "hele-planen/")
    text = " ".join(pages)
    assert "Status per 1. november 2026" in pages[0]
    starts = [i for i, p in enumerate(pages) for a in PLAN.areas
              if p.strip().startswith(f"Utviklingsområde {a.id}: {a.title}")]
    assert len(starts) == len(PLAN.areas) == 4, pages
    assert starts == sorted(set(starts)) and starts[0] > 0
    for measure in PLAN.measures:
        assert measure.id in text, measure.id
    assert text.count("Ikke rapportert") >= len(PLAN.measures)


@pytest.mark.parametrize("url", PRINTED_PAGES)
def test_every_page_prints_without_navigation_and_controls(page, real_server, url):
    text = " ".join(pdf_pages(page, real_server + url))
    for screen_only in ("Søk", "Innholdsliste", "Kopier lenke", "Fast lenke", "Statusoversikt",
                        "Made with"):
        assert screen_only not in text, (url, screen_only)
    assert text.startswith(PRINTED_PAGES[url]), (url, text[:400])
    if url.startswith("tiltak/"):
        assert text.strip() == PRINTED_PAGES[url]
