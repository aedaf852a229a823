"""Pure rendering: the plan model in, HTML (and Markdown headings) out, via Jinja templates."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import Area, Goal, Measure, Plan

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCALE = "nb_NO"


def norwegian_date(value: dt.date) -> str:
    """14. mars 2025."""
    return format_date(value, "d. MMMM y", locale=LOCALE)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment; autoescape is always on, so data can never inject markup."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dato"] = norwegian_date
    return env


def target_url(item: Area | Goal | Measure, plan: Plan) -> str:
    """Site-root-relative URL of an area, goal or measure."""
    if isinstance(item, Area):
        return item.page_url
    return f"{plan.area(item.area_id).page_url}#{item.anchor}"


def relative(url: str, from_page: str) -> str:
    """Make a site-root-relative URL relative to the page at `from_page` (both directory URLs)."""
    path, _, anchor = url.partition("#")
    if path == from_page and anchor:
        return "#" + anchor
    rel = posixpath.relpath(path or ".", from_page or ".")
    rel = "./" if rel == "." else rel + ("/" if path.endswith("/") or not path else "")
    return rel + (f"#{anchor}" if anchor else "")


class Renderer:
    """Renders fragments for one page; links are made relative to that page."""

    def __init__(self, plan: Plan, page_url: str):
        self.plan, self.page_url = plan, page_url

    def link(self, item: Area | Goal | Measure) -> str:
        return relative(target_url(item, self.plan), self.page_url)

    def _render(self, template: str, **context) -> str:
        return environment().get_template(template).render(plan=self.plan, link=self.link,
                                                           **context)

    def area(self, area: Area) -> str:
        return self._render("area.html", area=area)

    def overview(self) -> str:
        return self._render("overview.html")

    def summary(self) -> str:
        return self._render("summary.html")

    def legend(self) -> str:
        return self._render("legend.html")
