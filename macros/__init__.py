"""mkdocs-macros entry point: loads the plan once and registers the macros pages call.

Editors write these in Markdown:

- ``{{ utviklingsomrade("1") }}``: every delmål and tiltak of an area, with status;
- ``{{ statussammendrag() }}``: status per area (front page);
- ``{{ tiltaksoversikt() }}``: every tiltak in one table;
- ``{{ statusforklaring() }}``: what each status means.
"""

from __future__ import annotations

from .errors import DataErrors
from .load import load_plan
from .render import Renderer


def _fail(message: str) -> Exception:
    """An exception the host reports as a clean build error (no traceback, exit 1)."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another host than MkDocs
        return RuntimeError(message)
    return PluginError(message)


def define_env(env) -> None:
    """Register the plan's macros; a data error stops the build before any page is written."""
    try:
        plan = load_plan()
    except DataErrors as exc:
        raise _fail(exc.report()) from None
    env.variables["plan"] = plan
    repo_url = env.conf.get("repo_url") or None
    if not repo_url:
        # Without the repository's address (PLAN_REPO_URL) there is nowhere to edit: drop the
        # page edit button rather than let MkDocs warn about a relative edit_uri.
        env.conf["edit_uri"] = None
    rendered_areas: set[str] = env.variables.setdefault("_rendered_areas", set())

    def renderer() -> Renderer:
        return Renderer(plan, env.page.url, repo_url)

    @env.macro
    def utviklingsomrade(area_id: str) -> str:
        """Alle delmål og tiltak i et utviklingsområde, med status."""
        area = next((a for a in plan.areas if a.id == str(area_id)), None)
        if area is None:
            raise _fail(f"{env.page.file.src_uri}: utviklingsområde '{area_id}' finnes ikke "
                        f"(tillatt: {', '.join(a.id for a in plan.areas)})")
        if env.page.file.src_uri != area.page_file:
            raise _fail(f"{env.page.file.src_uri}: utviklingsområde {area.id} skal stå i "
                        f"docs/{area.page_file}, så lenkene til det stemmer")
        rendered_areas.add(area.id)
        return renderer().area(area)

    @env.macro
    def statussammendrag() -> str:
        """Status for hvert utviklingsområde."""
        return renderer().summary()

    @env.macro
    def tiltaksoversikt() -> str:
        """Alle tiltak i én tabell."""
        return renderer().overview()

    @env.macro
    def statusforklaring() -> str:
        """Hva hver status betyr."""
        return renderer().legend()


def on_post_build(env) -> None:
    """Fail if an area has no page: its tiltak would silently be missing from the site."""
    plan = env.variables["plan"]
    missing = [a for a in plan.areas if a.id not in env.variables["_rendered_areas"]]
    if missing:
        raise _fail("; ".join(
            f"utviklingsområde {a.id} ({a.source}) vises ikke på noen side: lag "
            f"docs/{a.page_file} med {{{{ utviklingsomrade(\"{a.id}\") }}}}" for a in missing))
