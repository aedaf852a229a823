"""The pages of reporting periods: each period's report page (`periodeside`), the list of periods
(`perioder()`), their open-data files on "Åpne data" (`periodedata()`) and "Vedtatt <dato>"
(`vedtatt()`), rendered from the templates for the macros in pagemacros.py.

The pages show the `Report` of periodreport.py; pages.py makes each period's page source.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .model import Plan
from .pages import date_range
from .pdf import pdf_marker
from .perioddata import JSON_SCHEMA
from .periodreport import Report, report, reports, rows_by_area
from .render import Renderer
from .text import markdown_text

PAGE_TEMPLATE = "period.html"
INDEX_TEMPLATE = "periods.html"
ADOPTED_TEMPLATE = "adopted.html"
FILES_TEMPLATE = "period_files.html"
# The guide editors follow to add a period (CONTRIBUTING.md), linked when the repository is known.
GUIDE_ANCHOR = "guide-7-rapporteringsperioder-og-årsmøterapporten"


def changes_by_area(plan: Plan, result: Report) -> list[dict[str, Any]]:
    """Per area: the tiltak whose status changed, and every entry in the period (newest first,
    then plan order)."""
    groups = []
    for area, rows in rows_by_area(plan, result.rows):
        entries = [(entry.date, -position, -index, row, entry)
                   for position, row in enumerate(rows)
                   for index, entry in enumerate(row.entries)]
        entries.sort(key=lambda t: t[:3], reverse=True)
        groups.append({"area": area, "rows": rows, "changed": [r for r in rows if r.changed],
                       "entries": [(row, entry) for *_, row, entry in entries]})
    return groups


def _heading_text(value: object) -> Markup:
    """Data text for a Markdown heading in a template: no Markdown or HTML can come through."""
    return Markup(markdown_text(value))


def render_page(renderer: Renderer, period_id: str) -> str:
    """The report page of one period (`periodeside("<id>")`)."""
    plan = renderer.plan
    period = next(p for p in plan.periods if p.id == period_id)
    result = report(plan, period)
    return renderer._render(
        PAGE_TEMPLATE, report=result, groups=changes_by_area(plan, result), md=_heading_text,
        files={"json": renderer.page_link(period.json_url),
               "csv": renderer.page_link(period.csv_url)},
        pdf_marker=pdf_marker(period.pdf_name), date_range=date_range(period))


def render_index(renderer: Renderer) -> str:
    """Every period with its state and files, or how to set one up (`perioder()`)."""
    plan = renderer.plan
    guide = (f"{renderer.repo_url.rstrip('/')}/blob/main/CONTRIBUTING.md#{GUIDE_ANCHOR}"
             if renderer.repo_url else None)
    return renderer._render(
        INDEX_TEMPLATE, reports=reports(plan), date_range=date_range, guide_url=guide,
        page_link=renderer.page_link)


def render_files(renderer: Renderer) -> str:
    """The open-data files of every period that has begun (`periodedata()` on "Åpne data")."""
    return renderer._render(
        FILES_TEMPLATE, reports=reports(renderer.plan), date_range=date_range,
        page_link=renderer.page_link, json_schema=f"data/schema/{JSON_SCHEMA.name}")


def render_adopted(renderer: Renderer) -> str:
    """"Vedtatt <dato>" and a link to the adopted plan document, when data/plan.yaml has them."""
    return renderer._render(ADOPTED_TEMPLATE)
