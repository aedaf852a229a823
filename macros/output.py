"""What happens to a built site after the pages are written, the same for both engines.

MkDocs runs `finish_site` from the macros' `on_post_build`; Zensical (0.0.73) has no such
event, so `macros.engine` runs it after the Zensical build. Keeping it here, as one function
on a plan and a site folder, means both engines check and produce exactly the same things.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Area, Plan

PAGE_FILE = "index.html"
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')


def _page_ids(site_dir: Path, area: Area) -> set[str] | None:
    """Element ids on an area's built page, or None if the page was not written."""
    page = site_dir / area.page_url / PAGE_FILE
    if not page.is_file():
        return None
    return set(ID_ATTRIBUTE.findall(page.read_text(encoding="utf-8")))


def missing_areas(plan: Plan, site_dir: Path) -> list[str]:
    """One Norwegian message per area whose page lacks it or any of its published anchors."""
    problems = []
    for area in plan.areas:
        ids = _page_ids(site_dir, area)
        anchors = [goal.anchor for goal in area.goals]
        anchors += [measure.anchor for goal in area.goals for measure in goal.measures]
        if ids is None or not set(anchors) <= ids:
            problems.append(f"utviklingsområde {area.id} ({area.source}) vises ikke på noen "
                            f"side: lag docs/{area.page_file} med "
                            f"{{{{ utviklingsomrade(\"{area.id}\") }}}}")
    return problems


def finish_site(plan: Plan, site_dir: Path) -> list[str]:
    """Check the built site; return every problem (an empty list means the site is complete)."""
    return missing_areas(plan, site_dir)
