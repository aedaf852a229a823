"""The site's addresses: where pages and files live, and links between them.

Every URL here is site-root-relative and a directory URL ("omrader/mangfold/", "" for the
front page) unless it names a file; `relative` turns one into a link from a page.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .model import Area, Goal, Measure, Plan

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
# The branch editors change; mkdocs.yml's edit_uri names the same one.
BRANCH = "main"


def page_url(source: str) -> str:
    """The directory URL of a Markdown page: "om-planen.md" -> "om-planen/", "index.md" -> ""."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


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
    """The path part of `relative`, as MkDocs makes it; cached, as a page links to the same few
    pages many times. The front page ("") is a directory, so its link ends in a slash too."""
    # Imported on first use: `make check` makes no links and need not import MkDocs.
    from mkdocs.utils import get_relative_url

    return get_relative_url(path or "./", from_dir)


def source_url(repo_url: str | None, area: Area, measure: Measure | None = None) -> str | None:
    """The git host's view of the YAML file holding a measure, at its line; None without a repo."""
    if not repo_url or posixpath.isabs(area.source) or area.source.startswith("../"):
        return None
    line = f"#L{measure.line}" if measure is not None and measure.line else ""
    return f"{repo_url.rstrip('/')}/blob/{BRANCH}/{area.source}{line}"
