"""PDF for meetings (`make pdf`): "Hele planen" and each period's report, printed by Chromium.

The site is built first; this module serves the built folder on 127.0.0.1, opens each page
in Chromium as the browser tests do (chromium.py), opens every collapsed history, and prints it
with Chromium's own tagged PDF output: a document title, `lang` nb (from the page), selectable
text, a header with the "Status per <dato>" line and a footer with page numbers on every page.
The PDFs are written next to the page (`site/hele-planen/handlingsplan.pdf`,
`site/perioder/<id>/rapport-<id>.pdf`), and only then does the page get a link to its PDF: the
page carries a marker (`pdf_marker`) where the link goes, so a site built without Chromium has
no link to a missing file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Plan
from .periodreport import report
from .text import norwegian_date

WHOLE_PLAN_URL = "hele-planen/"
WHOLE_PLAN_PDF = "handlingsplan.pdf"
MARKER = "<!--plan-pdf:{name}-->"
PAGE_FILE = "index.html"
STATUS_LINE = ".plan-status-date"  # the page's "Status per <dato>" line, repeated in the header
LINK = ('<a class="plan-pdf" href="{name}" type="application/pdf">{label}'
        '<span class="plan-pdf__size"> (PDF, {size})</span></a>')
# Header and footer are drawn by Chromium outside the page's CSS, in the page margins: they need
# their own font size. Values are escaped; "pageNumber" and "totalPages" are filled by Chromium.
HEADER = ('<div style="width:100%;margin:0 14mm;font:8pt sans-serif;color:#333;display:flex;'
          'justify-content:space-between;gap:6mm"><span>{title}</span><span>{status}</span></div>')
FOOTER = ('<div style="width:100%;margin:0 14mm;font:8pt sans-serif;color:#333;text-align:right">'
          'Side <span class="pageNumber"></span> av <span class="totalPages"></span></div>')
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}


class PdfError(Exception):
    """Printing failed; the message is Norwegian and says what to do."""


def pdf_marker(name: str) -> str:
    """Where a page links its PDF `name` once `make pdf` has printed it (an HTML comment)."""
    return MARKER.format(name=name)


@dataclass(frozen=True)
class Job:
    """One page to print: its URL, the PDF's file name beside it, title and link text."""

    url: str
    name: str
    title: str
    label: str

    @property
    def path(self) -> str:
        return self.url + self.name


def jobs(plan: Plan) -> list[Job]:
    """Hele planen and the report of every period that has begun."""
    found = [Job(WHOLE_PLAN_URL, WHOLE_PLAN_PDF,
                 f"{plan.title} – status per {norwegian_date(plan.build_date)}",
                 "Last ned hele planen som PDF")]
    for period in plan.periods:
        if report(plan, period).started:
            found.append(Job(period.page_url, period.pdf_name,
                             f"Rapport for {period.name} – {plan.title}",
                             "Last ned rapporten som PDF"))
    return found


def _size(path: Path) -> str:
    """"312 kB" (Norwegian style: space before the unit, kB rounded up)."""
    kilobytes = -(-path.stat().st_size // 1000)
    return f"{kilobytes / 1000:.1f} MB".replace(".", ",") if kilobytes >= 1000 \
        else f"{kilobytes} kB"


def link_pdf(site_dir: Path, job: Job) -> bool:
    """Put the link to the job's PDF where its page's marker is; False if there is no marker."""
    page = site_dir / job.url / PAGE_FILE
    text = page.read_text(encoding="utf-8")
    marker = pdf_marker(job.name)
    if marker not in text:
        return False
    link = LINK.format(name=html.escape(job.name), label=html.escape(job.label),
                       size=_size(site_dir / job.path))
    page.write_text(text.replace(marker, link), encoding="utf-8")
    return True


def print_pdfs(site_dir: Path, plan: Plan, chromium: str | None = None) -> list[Path]:
    """Print every job's page of the built site to PDF and link it; returns the PDFs written."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("Playwright er ikke installert. Kjør make pdf, som installerer det fra "
                       "requirements-pdf.txt") from None
    from .chromium import launch, serve_folder

    todo = jobs(plan)
    missing = [job.url for job in todo if not (site_dir / job.url / PAGE_FILE).is_file()]
    if missing:
        raise PdfError(f"fant ikke sidene {', '.join(missing)} i {site_dir}/; bygg nettstedet "
                       f"først (make build), fra de samme dataene")
    written: list[Path] = []
    try:
        with sync_playwright() as playwright, serve_folder(site_dir) as base:
            browser = launch(playwright, chromium)
            try:
                context = browser.new_context(locale="nb-NO", color_scheme="light",
                                              reduced_motion="reduce")
                page = context.new_page()
                for job in todo:
                    written.append(_print(page, base, site_dir, job))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium klarte ikke å skrive PDF-en ({exc.message.splitlines()[0]}). "
                       f"Finnes Chromium? Kjør make browser, eller sett CHROMIUM=/sti/til/chromium"
                       ) from None
    for job in todo:
        link_pdf(site_dir, job)
    return written


def _print(page: Any, base: str, site_dir: Path, job: Job) -> Path:
    """Print one page: every history open, the title set, header and footer on every page."""
    page.goto(base + job.url, wait_until="load")
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    status = page.locator(STATUS_LINE).first.inner_text().strip()
    page.evaluate("title => { document.title = title; }", job.title)
    target = site_dir / job.path
    page.pdf(path=str(target), format="A4", tagged=True, outline=True, print_background=True,
             display_header_footer=True, margin=MARGIN,
             header_template=HEADER.format(title=html.escape(job.title),
                                           status=html.escape(status)),
             footer_template=FOOTER)
    return target
