"""What happens to a built site after the pages are written, the same for both engines.

MkDocs runs `finish_site` from the macros' `on_post_build`; Zensical (0.0.73) has no such
event, so `macros.engine` runs it after the Zensical build. Keeping it here, as one function
on a plan and a site folder, means both engines check and produce exactly the same things:
the area check, `feed.xml` (feed.py) and the open data in `data/` (opendata.py).
"""

from __future__ import annotations

from pathlib import Path

from .config import SiteSettings
from .feed import write_feed
from .model import Area, Plan
from .opendata import write_open_data
from .perioddata import write_period_data

PAGE_FILE = "index.html"


def _shows_area(site_dir: Path, area: Area) -> bool:
    """Whether the area's page was written with the anchor of every delmål and tiltak."""
    page = site_dir / area.page_url / PAGE_FILE
    if not page.is_file():
        return False
    html = page.read_text(encoding="utf-8")
    anchors = [goal.anchor for goal in area.goals]
    anchors += [measure.anchor for goal in area.goals for measure in goal.measures]
    return all(f'id="{anchor}"' in html for anchor in anchors)


def missing_areas(plan: Plan, site_dir: Path) -> list[str]:
    """One Norwegian message per area whose page lacks it or any of its published anchors."""
    problems = []
    for area in plan.areas:
        if not _shows_area(site_dir, area):
            problems.append(f"utviklingsområde {area.id} ({area.source}) vises ikke på noen "
                            f"side: lag docs/{area.page_file} med "
                            f"{{{{ utviklingsomrade(\"{area.id}\") }}}}")
    return problems


def finish_site(plan: Plan, site_dir: Path, settings: SiteSettings) -> list[str]:
    """Check the built site and write the feed and open data; return every problem found."""
    problems = missing_areas(plan, site_dir)
    if problems:
        return problems
    write_feed(plan, site_dir, settings.site_url)
    write_open_data(plan, site_dir, settings.site_url, settings.licence)
    write_period_data(plan, site_dir, settings.site_url, settings.licence)
    return []
