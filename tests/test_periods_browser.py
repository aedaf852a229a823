"""Period reports in Chromium: axe on the new pages, phones and print, and the PDFs that
`python -m macros pdf` (make pdf) prints, read back with pypdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import CHROMIUM, SCHEMES, WIDTHS, axe_pages, new_context
from conftest import BUILD_DATE, PERIOD_DATA, ROOT

PAGES = ["perioder/", "perioder/2024-2025/", "perioder/2025-2026/", "", "om-planen/",
         "apne-data/", "oversikt/"]
PLAN_TITLE = "Handlingsplan for Norsk kulturskoleråd Oslo og Viken"
# PDF file: (document title, the "Status per" line, text that must be in it)
PDFS = {
    "hele-planen/handlingsplan.pdf": (
        f"{PLAN_TITLE} – status per 1. november 2026", "Status per 1. november 2026",
        ["Planen med oppdatert status:", "Siste melding, 1. september 2025:",
         "Eksempel: arbeidet er planlagt.",  # an older report: every history is printed open
         "Etablere et samarbeid med en relevant tilbyder av sertifisering i mangfoldsledelse."]),
    "perioder/2024-2025/rapport-2024-2025.pdf": (
        f"Rapport for Eksempelperioden 2024–2025 – {PLAN_TITLE}", "Status per 31. mai 2025",
        ["Eksempelperioden 2024–2025", "Fastsatt 15. juni 2025",
         "Registrert etter at rapporten ble fastsatt", "Hva som ble gjort i perioden",
         "Eksempel: to tilbydere er kontaktet."]),
    "perioder/2025-2026/rapport-2025-2026.pdf": (
        f"Rapport for Eksempelperioden 2025–2026 – {PLAN_TITLE}", "Status per 31. mai 2026",
        ["Ikke fastsatt", "Eksempel: styret vedtok å avslutte tiltaket."]),
}


@pytest.fixture(scope="module")
def served(period_site, serve) -> str:
    return serve(period_site.site)


@pytest.mark.parametrize("width", WIDTHS, ids=str)
@pytest.mark.parametrize("scheme", SCHEMES, ids=str)
def test_period_pages_pass_axe(served, browser, width, scheme):
    problems = axe_pages(browser, served, PAGES, WIDTHS[width], SCHEMES[scheme],
                         open_details=True)
    assert not problems, "\n".join(problems)


def test_period_page_fits_a_phone_and_labels_the_statuses(served, browser):
    for width, labelled in ((375, True), (1280, False)):
        context = new_context(browser, width=width)
        page = context.new_page()
        page.goto(served + "perioder/2024-2025/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        row = page.locator("#alle-tiltak ~ table tr[data-measure='1.1.1']")
        # On a phone the table is a card per tiltak; the column headings are then in the card.
        assert row.locator(".plan-period__when").first.is_visible() == labelled
        assert row.locator(".plan-table__start .plan-status").get_attribute("data-status") \
            == "ikke-startet"
        assert row.locator(".plan-table__end .plan-status").get_attribute("data-status") == "pagar"
        assert row.locator(".plan-table__start .plan-status").is_visible()
        context.close()


def test_print_opens_every_history_and_leaves_out_file_links(served, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "omrader/mangfold/")
    older = page.locator("#tiltak-1-1-1 .plan-history__text", has_text="arbeidet er planlagt")
    assert not older.is_visible()
    page.emulate_media(media="print")
    assert older.is_visible()
    page.goto(served + "perioder/2024-2025/")
    assert not page.locator(".plan-period__files").is_visible()
    assert page.locator(".plan-status-date").inner_text() == "Status per 31. mai 2025"
    context.close()


def test_print_script_opens_histories_for_browsers_without_details_content(served, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "omrader/mangfold/")
    count = "document.querySelectorAll('details.plan-history[open]').length"
    assert page.evaluate(count) == 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(count) == page.locator("details.plan-history").count() > 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(count) == 0
    context.close()


@pytest.fixture(scope="module")
def printed(period_site, shared) -> Path:
    """A copy of the period site after `python -m macros pdf` (what `make pdf` runs)."""
    def make(folder: Path) -> None:
        site = Path(shutil.copytree(period_site.site, folder / "site"))
        environment = {**os.environ, "PLAN_DATA_DIR": str(PERIOD_DATA),
                       "PLAN_BUILD_DATE": BUILD_DATE}
        result = subprocess.run([sys.executable, "-m", "macros", "pdf", "--site-dir", str(site),
                                 "--chromium", CHROMIUM], cwd=ROOT, env=environment,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.splitlines() == [f"Skrev {site / name}" for name in PDFS]

    return shared("periods-pdf", make) / "site"


@pytest.mark.browser
@pytest.mark.parametrize("name", PDFS)
def test_pdf_is_tagged_titled_norwegian_and_dated_on_every_page(printed, name):
    title, status, texts = PDFS[name]
    reader = PdfReader(printed / name)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert root["/Lang"] == "nb"
    assert reader.metadata.title == title
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert status in text, (name, number)
        assert f"Side {number} av {len(pages)}" in text, (name, number)
    whole = re.sub(r"\s+", " ", " ".join(pages))
    for text in texts:
        assert text in whole, (name, text)


def _figures(node) -> list:
    """(/S, /Alt) of every figure in a tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        return [f for child in node for f in _figures(child)]
    if not hasattr(node, "get"):
        return []
    found = [(node.get("/S"), node.get("/Alt"))] if node.get("/S") == "/Figure" else []
    return found + (_figures(node["/K"]) if "/K" in node else [])


@pytest.mark.browser
def test_qr_code_stays_in_the_printed_plan_as_a_labelled_figure(printed):
    reader = PdfReader(printed / "hele-planen/handlingsplan.pdf")
    figures = _figures(reader.trailer["/Root"]["/StructTreeRoot"])
    assert ("/Figure", "QR-kode med adressen til nettstedet") in figures


@pytest.mark.browser
def test_pages_link_their_pdfs_once_printed(printed):
    for name in PDFS:
        folder, file = name.rsplit("/", 1)
        page = (printed / folder / "index.html").read_text(encoding="utf-8")
        link = re.search(rf'<a class="plan-pdf" href="{re.escape(file)}" type="application/pdf">'
                         rf'(Last ned [^<]+)<span class="plan-pdf__size"> \(PDF, (\d+) kB\)</span>',
                         page)
        assert link, name
        assert int(link.group(2)) == -(-(printed / name).stat().st_size // 1000)
        assert "<!--plan-pdf:" not in page
