"""Page fragments: the plan model in, HTML for one page out, from the templates.

Each method renders what one macro shows (see macros/__init__.py); links in it are made
relative to the page it is rendered for.
"""

from __future__ import annotations

import itertools

from .config import AccessibilitySettings
from .formlink import report_url
from .model import Area, Goal, Measure, Plan
from .pdf import WHOLE_PLAN_PDF, pdf_marker
from .templating import environment
from .urls import (FEED_URL, FILTER_SCRIPT_URL, FOLLOWUP_URL, OPEN_DATA_URLS, absolute, relative,
                   source_url, target_url)


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

    def report_url(self, measure: Measure) -> str | None:
        """The "Meld status" form for a measure, prefilled (no YAML needed)."""
        return report_url(self.repo_url, measure.id)

    def _render(self, template: str, **context: object) -> str:
        return environment().get_template(template).render(
            plan=self.plan, link=self.link, in_area=self.in_area, permalink=self.permalink,
            edit_url=self.edit_url, report_url=self.report_url, **context)

    def area(self, area: Area,
             moved: list[tuple[str, str, Goal | Measure]] | None = None) -> str:
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

    def accessibility(self, settings: AccessibilitySettings, part: str) -> str:
        """A part ("kontakt" or "uustatus") of the accessibility statement's settings."""
        return self._render("accessibility.html", settings=settings, part=part)

    def legend(self) -> str:
        return self._render("legend.html")

    def areas(self) -> str:
        return self._render("areas.html")

    def measure_page(self, measure: Measure) -> str:
        return self._render("measure_page.html", measure=measure)

    def goal_page(self, goal: Goal) -> str:
        return self._render("goal_page.html", goal=goal)

    def whole_plan(self, qr_svg: str) -> str:
        return self._render("whole_plan.html", qr_svg=qr_svg, site_url=self.site_url,
                            pdf_marker=pdf_marker(WHOLE_PLAN_PDF))
