"""What happens to a built site after the pages are written, the same for both engines.

MkDocs runs `finish_site` from the macros' `on_post_build`; Zensical (0.0.73) has no such
event, so `macros.engine` runs it after the Zensical build. Keeping it here, as one function
on a plan and a site folder, means both engines check and produce exactly the same things:
the area check, `feed.xml` (feed.py) and the open data in `data/` (opendata.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .feed import write_feed
from .settings import ROOT
from .model import Area, Plan
from .opendata import write_open_data

CONFIG_FILE = ROOT / "mkdocs.yml"
# SETTING in mkdocs.yml (extra.apne_data_lisens): the open data's licence; empty = not decided.
LICENCE_SETTING = "apne_data_lisens"
# mkdocs.yml's own default for site_url, used if neither it nor PLAN_SITE_URL gives one.
FALLBACK_SITE_URL = "http://127.0.0.1:8000/"

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


def licence_setting(extra: dict | None) -> str:
    """The open-data licence from mkdocs.yml's `extra`, or "" while it is not decided."""
    return str((extra or {}).get(LICENCE_SETTING) or "").strip()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving `!ENV [NAME, default]` as MkDocs does; other tags → None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) \
        else [loader.construct_scalar(node)]
    *names, default = values if len(values) > 1 else (*values, None)
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config_settings(config_file: Path = CONFIG_FILE) -> tuple[str, str]:
    """(site_url, licence) from mkdocs.yml, for a host that does not hand us its config."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    return (config.get("site_url") or FALLBACK_SITE_URL, licence_setting(config.get("extra")))


def finish_site(plan: Plan, site_dir: Path, site_url: str | None = None,
                licence: str | None = None) -> list[str]:
    """Check the built site and write the feed and open data; return every problem found.

    MkDocs passes `site_url` and `licence` from its config; without them (Zensical) they are
    read from mkdocs.yml.
    """
    problems = missing_areas(plan, site_dir)
    if problems:
        return problems
    if site_url is None or licence is None:
        configured_url, configured_licence = config_settings()
        site_url = site_url or configured_url
        licence = configured_licence if licence is None else licence
    write_feed(plan, site_dir, site_url)
    write_open_data(plan, site_dir, site_url, licence)
    return []
