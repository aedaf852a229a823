"""Pages generated from the data: one per tiltak (`tiltak/1-1-1.md`) and per delmål.

`generated_pages` is host-neutral (plan in, Markdown sources out); the MkDocs hook in
`hooks/pages.py` only hands its result to MkDocs. Each source is front matter plus one macro
call, so the page is rendered by the same macros and templates as every other page.
"""

from __future__ import annotations

from .model import Goal, Measure, Plan
from .render import environment, norwegian_date

SOURCE_TEMPLATE = "page_source.md"
MEASURE_MACRO = "tiltaksside"
GOAL_MACRO = "delmalsside"
GENERATED_DIRS = ("tiltak/", "delmal/")


def measure_description(measure: Measure, plan: Plan) -> str:
    """Link-preview text of a tiltak: its text and its current status."""
    status = f"Status: {plan.status_of(measure).name}"
    if measure.latest:
        status += f" (meldt {norwegian_date(measure.latest.date)})"
    return f"{measure.text} {status}."


def goal_description(goal: Goal, plan: Plan) -> str:
    """Link-preview text of a delmål: its text and how its tiltak stand."""
    counts = ", ".join(f"{n} {s.name.lower()}" for s, n in plan.status_counts(goal.measures) if n)
    return f"{goal.text} Status for tiltakene: {counts}."


def _source(macro: str, ident: str, title: str, description: str) -> str:
    """Markdown source of one generated page."""
    return environment().get_template(SOURCE_TEMPLATE).render(
        macro=macro, id=ident, title=title, description=description)


def generated_pages(plan: Plan) -> list[tuple[str, str]]:
    """(docs-relative path, Markdown source) of every tiltak and delmål page."""
    pages = [(g.page_file, _source(GOAL_MACRO, g.id, f"Delmål {g.id}", goal_description(g, plan)))
             for g in plan.goals]
    pages += [(m.page_file, _source(MEASURE_MACRO, m.id, f"Tiltak {m.id}",
                                    measure_description(m, plan)))
              for m in plan.measures]
    return pages
