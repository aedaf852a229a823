"""Files made from the data: one page per tiltak (`tiltak/1-1-1.md`), per delmål and per
reporting period (`perioder/2024-2025.md`), and the redirect pages at old addresses.

Host-neutral (plan in, file contents out): the MkDocs hook (hooks/pages.py) adds the result
to MkDocs' files, and the Zensical path (engine.py) writes it into its copy of docs/. Each
page source is front matter plus one macro call, so the page is rendered by the same macros
and templates as every other page.

Another kind of page is one more function in `PAGE_KINDS`: plan in, a `DataPage` per page out
(its source is made with `page_source` only when asked for), and its macro registered in
pagemacros.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from .model import Goal, Measure, Period, Plan
from .redirects import load_redirects, page_problems, redirect_pages
from .templating import environment
from .text import norwegian_date
from .urls import page_url

SOURCE_TEMPLATE = "page_source.md"
MEASURE_MACRO = "tiltaksside"
GOAL_MACRO = "delmalsside"
PERIOD_MACRO = "periodeside"


@dataclass(frozen=True)
class GeneratedFile:
    """A file for docs/: `path` relative to docs/, and its text (Markdown page or HTML)."""

    path: str
    content: str

    @property
    def is_page(self) -> bool:
        """A Markdown page (rendered like the pages in docs/), not a finished HTML file."""
        return self.path.endswith(".md")


class PageClash(Exception):
    """A redirect's old address is a page, or its new one is not; one Norwegian line each."""


def measure_description(measure: Measure, plan: Plan) -> str:
    """Link-preview text of a tiltak: its text and its current status."""
    status = f"Status: {plan.status_of(measure).name}"
    latest = plan.current_report(measure)
    if latest:
        status += f" (meldt {norwegian_date(latest.date)})"
    return f"{measure.text} {status}."


def goal_description(goal: Goal, plan: Plan) -> str:
    """Link-preview text of a delmål: its text and how its tiltak stand."""
    counts = ", ".join(f"{n} {s.name.lower()}" for s, n in plan.status_counts(goal.measures) if n)
    return f"{goal.text} Status for tiltakene: {counts}."


def date_range(period: Period) -> str:
    """"1. juni 2024 – 31. mai 2025"."""
    return f"{norwegian_date(period.start)} – {norwegian_date(period.end)}"


def period_description(period: Period, plan: Plan) -> str:
    """Link-preview text of a period's report (cheap: no report is computed)."""
    return (f"Rapport for {period.name} ({date_range(period)}) i {plan.title}: status for hvert "
            f"tiltak ved start og slutt, og alle meldinger i perioden.")


def page_source(macro: str, ident: str, title: str, description: str) -> str:
    """Markdown source of one generated page: front matter and the macro that renders it."""
    return environment().get_template(SOURCE_TEMPLATE).render(
        macro=macro, id=ident, title=title, description=description)


@dataclass(frozen=True)
class DataPage:
    """A page made from the data, its source not rendered yet: the path relative to docs/, and
    the macro, title and link-preview text of its source."""

    path: str
    macro: str
    ident: str
    title: str
    description: Callable[[], str]  # made with the source only

    def source(self) -> str:
        return page_source(self.macro, self.ident, self.title, self.description())


def _goal_pages(plan: Plan) -> list[DataPage]:
    return [DataPage(g.page_file, GOAL_MACRO, g.id, f"Delmål {g.id}",
                     partial(goal_description, g, plan))
            for g in plan.goals]


def _measure_pages(plan: Plan) -> list[DataPage]:
    return [DataPage(m.page_file, MEASURE_MACRO, m.id, f"Tiltak {m.id}",
                     partial(measure_description, m, plan))
            for m in plan.measures]


def _period_pages(plan: Plan) -> list[DataPage]:
    return [DataPage(p.page_file, PERIOD_MACRO, p.id, f"Rapport for {p.name}",
                     partial(period_description, p, plan))
            for p in plan.periods]


PAGE_KINDS: tuple[Callable[[Plan], list[DataPage]], ...] = (
    _goal_pages, _measure_pages, _period_pages)


def data_pages(plan: Plan) -> list[DataPage]:
    """Every page made from the data, unrendered (`make check` needs only their paths)."""
    return [page for kind in PAGE_KINDS for page in kind(plan)]


def generated_pages(plan: Plan) -> list[tuple[str, str]]:
    """(docs-relative path, Markdown source) of every page made from the data."""
    return [(page.path, page.source()) for page in data_pages(plan)]


def generated_files(plan: Plan, docs_pages: Iterable[str], site_url: str) -> list[GeneratedFile]:
    """Every file made from the data, given the Markdown files in docs/ (relative paths).

    Raises `DataErrors` if the redirects file is wrong, and `PageClash` if a redirect's old
    address is a page or its new address is none.
    """
    redirects = load_redirects(plan)
    pages = [GeneratedFile(path, source) for path, source in generated_pages(plan)]
    urls = {page_url(path) for path in [*docs_pages, *(p.path for p in pages)]}
    problems = page_problems(redirects, urls)
    if problems:
        raise PageClash("\n".join(problems))
    return pages + [GeneratedFile(path, html)
                    for path, html in redirect_pages(redirects, site_url)]
