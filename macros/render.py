"""Pure rendering: the plan model in, HTML (and Markdown headings) out, via Jinja templates."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import Area, Goal, Measure, Plan

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Where the overview page lists what needs a report (docs/oversikt.md, heading anchor).
FOLLOWUP_URL = "oversikt/#trenger-oppfolging"
# Only the overview uses it, so only the overview loads it (not every page, via mkdocs.yml).
FILTER_SCRIPT_URL = "assets/javascripts/measure-filter.js"
# Files written after the build by feed.py and opendata.py, linked from pages.
FEED_URL = "feed.xml"
OPEN_DATA_URLS = {"json": "data/plan.json", "csv": "data/tiltak.csv",
                  "json_schema": "data/schema/plan-json.schema.json",
                  "plan_schema": "data/schema/plan.schema.json",
                  "area_schema": "data/schema/omrade.schema.json"}
LOCALE = "nb_NO"
# Characters Python-Markdown (with the tables extension) treats as syntax when unescaped.
MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# The branch editors change; mkdocs.yml's edit_uri names the same one.
BRANCH = "main"


@lru_cache(maxsize=4096)
def norwegian_date(value: dt.date) -> str:
    """14. mars 2025. Cached: many reports share a date, and Babel is slow per call."""
    # Imported here: Babel takes longer to import than the whole plan takes to render, and a
    # build without any dated report never needs it.
    from babel.dates import format_date

    return format_date(value, "d. MMMM y", locale=LOCALE)


def markdown_text(value: object) -> str:
    """Data text for a Markdown page: one line, every Markdown and HTML character inert."""
    one_line = re.sub(r"\s*\n\s*", " ", str(value)).strip()
    return html.escape(MARKDOWN_SYNTAX.sub(r"\\\1", one_line))


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
    """Site-root-relative URL of an area, or of a goal or measure in its place on the area page."""
    if isinstance(item, Area):
        return item.page_url
    return f"{plan.area(item.area_id).page_url}#{item.anchor}"


def absolute(url: str, site_url: str) -> str:
    """A site-root-relative URL made absolute under the configured site URL."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def relative(url: str, from_page: str, base: str | None = None) -> str:
    """Make a site-root-relative URL relative to the page at `from_page` (both directory URLs).

    `base` is the directory the host resolves relative links against, if not the page itself.
    """
    path, _, anchor = url.partition("#")
    if path == from_page and anchor:
        return "#" + anchor
    rel = _relative_path(path, from_page if base is None else base)
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative_path(path: str, from_dir: str) -> str:
    """The path part of `relative`; cached, as a page links to the same few pages many times.

    Both are site-root-relative and normalised, so comparing their parts is enough; this is
    what `posixpath.relpath` returns, without its two `getcwd` calls per link.
    """
    target, base = path.split("/"), from_dir.split("/")
    if ".." in target or ".." in base:
        rel = posixpath.relpath(path or ".", from_dir or ".")
        return "./" if rel == "." else rel + ("/" if path.endswith("/") or not path else "")
    target, base = [p for p in target if p], [p for p in base if p]
    common = 0
    while common < min(len(target), len(base)) and target[common] == base[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + target[common:])
    return "./" if not rel else rel + ("/" if path.endswith("/") or not path else "")


def source_url(repo_url: str | None, area: Area, measure: Measure | None = None) -> str | None:
    """The git host's view of the YAML file holding a measure, at its line; None without a repo."""
    if not repo_url or posixpath.isabs(area.source) or area.source.startswith("../"):
        return None
    line = f"#L{measure.line}" if measure is not None and measure.line else ""
    return f"{repo_url.rstrip('/')}/blob/{BRANCH}/{area.source}{line}"


class Renderer:
    """Renders fragments for one page; links are made relative to that page.

    `repo_url` is the repository on the git host (setting PLAN_REPO_URL); without it, no
    "Oppdater status" links are rendered rather than links to a made-up address. `site_url`
    is the site's public address (setting PLAN_SITE_URL), used for links meant for sharing.
    """

    def __init__(self, plan: Plan, page_url: str, repo_url: str | None = None,
                 link_base: str | None = None, site_url: str = "/"):
        self.plan, self.page_url, self.repo_url = plan, page_url, repo_url
        self.link_base, self.site_url = link_base, site_url

    def link(self, item: Area | Goal | Measure) -> str:
        """Relative link to the item's own page."""
        return relative(item.page_url, self.page_url, self.link_base)

    def in_area(self, item: Goal | Measure) -> str:
        """Relative link to the item's anchor on its area page."""
        return relative(target_url(item, self.plan), self.page_url, self.link_base)

    def permalink(self, item: Goal | Measure) -> str:
        """The absolute, permanent address of the item's own page (for sharing)."""
        return absolute(item.page_url, self.site_url)

    def page_link(self, url: str) -> str:
        """A site-root-relative URL of a page or file, relative to this page."""
        return relative(url, self.page_url, self.link_base)

    def edit_url(self, measure: Measure) -> str | None:
        """Where an editor reports status on a measure."""
        return source_url(self.repo_url, self.plan.area(measure.area_id), measure)

    def _render(self, template: str, **context) -> str:
        return environment().get_template(template).render(
            plan=self.plan, link=self.link, in_area=self.in_area, permalink=self.permalink,
            edit_url=self.edit_url, **context)

    def area(self, area: Area, moved: list | None = None) -> str:
        """An area's goals and measures; `moved`: (old id, old anchor, item now) kept as notes."""
        return self._render("area.html", area=area, moved=moved or [])

    def overview(self) -> str:
        return self._render("overview.html", filter_script=self.page_link(FILTER_SCRIPT_URL))

    def summary(self) -> str:
        return self._render("summary.html", followup_url=self.page_link(FOLLOWUP_URL))

    def distribution(self) -> str:
        return self._render("distribution.html")

    def followup(self) -> str:
        never, _ = self.plan.needing_report()
        by_goal = [(goal_id, list(group))
                   for goal_id, group in itertools.groupby(never, key=lambda m: m.goal_id)]
        return self._render("followup.html", never_by_goal=by_goal)

    def updates(self) -> str:
        return self._render("updates.html", feed_url=self.page_link(FEED_URL))

    def open_data(self, licence: str) -> str:
        files = {key: self.page_link(url) for key, url in OPEN_DATA_URLS.items()}
        return self._render("opendata.html", licence=licence, files=files)

    def accessibility(self, settings, part: str) -> str:
        """A part ("kontakt" or "uustatus") of the accessibility statement's settings."""
        return self._render("accessibility.html", settings=settings, part=part)

    def legend(self) -> str:
        return self._render("legend.html")

    def measure_page(self, measure: Measure) -> str:
        return self._render("measure_page.html", measure=measure)

    def goal_page(self, goal: Goal) -> str:
        return self._render("goal_page.html", goal=goal)

    def whole_plan(self, qr_svg: str) -> str:
        return self._render("whole_plan.html", qr_svg=qr_svg, site_url=self.site_url)
