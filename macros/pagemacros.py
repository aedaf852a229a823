"""The macros the pages call, registered with the host: mkdocs-macros under MkDocs, Zensical's
own macros under Zensical. Both call `define_env` and `on_post_build` of the `macros` package
(macros/__init__.py), which hand over to the functions of the same name here; `define_env` loads
the plan once and registers the macros.

Editors write these in Markdown:

- ``{{ utviklingsomrade("1") }}``: every delmål and tiltak of an area, with status;
- ``{{ statussammendrag() }}``: status per area (front page);
- ``{{ tiltaksoversikt() }}``: every tiltak in one table;
- ``{{ statusfordeling() }}``: status charts for the plan, each area and each delmål;
- ``{{ trenger_oppfolging() }}``: tiltak never reported or not updated for too long;
- ``{{ oppdateringer() }}``: every log entry, newest first;
- ``{{ apne_data() }}``: links to the open-data files and their licence;
- ``{{ tilgjengelighetskontakt() }}`` and ``{{ uustatuslenke() }}``: the accessibility
  statement's contact address and its uustatus.no link (settings in mkdocs.yml's `extra`);
- ``{{ statusforklaring() }}``: what each status means;
- ``{{ utviklingsomrader() }}``: every area with its delmål (the list of areas, /omrader/);
- ``{{ hele_planen() }}``: the whole plan for print, dated, with a QR code to the site;
- ``{{ perioder() }}``: the reporting periods and their reports (periodpages.py), and
  ``{{ periodedata() }}``: their open-data files;
- ``{{ vedtatt() }}``: "Vedtatt <dato>" and the adopted plan document, when they are set.

After the build, `output.finish_site` also writes `feed.xml` and the open data in `data/`.

Data text written straight into Markdown goes through the ``tekst`` filter, e.g.
``{{ plan.title | tekst }}``, so it can never become HTML, Markdown or a link.

The generated tiltak, delmål and period pages (see pages.py) call ``tiltaksside``,
``delmalsside`` and ``periodeside``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import periodpages
from .config import AccessibilitySettings, SiteSettings
from .errors import DataErrors
from .load import load_plan
from .model import Goal, Measure, Period
from .output import finish_site
from .qr import qr_svg
from .redirects import load_redirects, moved_from_area
from .render import Renderer
from .text import markdown_text

_Function = TypeVar("_Function", bound=Callable[..., Any])

# The macros that show one part of the plan, on any page and without arguments: the name pages
# call, its help text (shown by mkdocs-macros' `macros_info()`), and what renders it.
FRAGMENT_MACROS: tuple[tuple[str, str, Callable[[Renderer], str]], ...] = (
    ("statussammendrag", "Status for hvert utviklingsområde.", Renderer.summary),
    ("tiltaksoversikt", "Alle tiltak i én tabell.", Renderer.overview),
    ("statusfordeling", "Status for hele planen, hvert utviklingsområde og hvert delmål, som "
                        "stolpediagram.", Renderer.distribution),
    ("trenger_oppfolging", "Tiltak som mangler oppdatert status (ikke rapportert ennå eller "
                           "ikke oppdatert på lenge).",
     Renderer.followup),
    ("oppdateringer", "Alle logginnslag i planen, nyeste først, med lenke til tiltaket.",
     Renderer.updates),
    ("statusforklaring", "Hva hver status betyr.", Renderer.legend),
    ("utviklingsomrader", "Alle utviklingsområdene, med delmålene i hvert.", Renderer.areas),
    ("perioder", "Rapporteringsperiodene med lenke til rapporten for hver, eller hvordan de "
                 "legges inn.", periodpages.render_index),
    ("periodedata", "Lenker til JSON- og CSV-filene for hver periode (siden «Åpne data»).",
     periodpages.render_files),
    ("vedtatt", "«Vedtatt <dato>» og lenke til planen slik den ble vedtatt, når de står i "
                "data/plan.yaml.", periodpages.render_adopted),
)


class MacrosEnv(Protocol):
    """What this module uses of the host's macros environment: mkdocs-macros' plugin under
    MkDocs, Zensical's own under Zensical. `page` is the page being rendered (MkDocs' `Page`
    with `file`, or Zensical's with `path`)."""

    conf: MutableMapping[str, Any]
    variables: dict[str, Any]
    page: Any

    def macro(self, function: _Function, name: str = ...) -> _Function: ...

    def filter(self, function: _Function) -> _Function: ...


def _fail(message: str) -> Exception:
    """An exception the host reports as a clean build error (no traceback, exit 1)."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another host than MkDocs
        return RuntimeError(message)
    return PluginError(message)


def _page_source(page: Any) -> str:
    """The page's Markdown file relative to docs/: MkDocs has `page.file`, Zensical `page.path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def _link_base(page: Any) -> str | None:
    """The folder a host resolves relative links in a page's HTML against (None: the page's URL).

    MkDocs leaves links in raw HTML as they are, so they are relative to the page's URL.
    Zensical rewrites every relative link as if relative to the page's Markdown file.
    """
    if getattr(page, "file", None) is not None:
        return None
    folder = posixpath.dirname(page.path)
    return f"{folder}/" if folder else ""


def _accessibility(settings: SiteSettings) -> AccessibilitySettings:
    """The accessibility statement's settings; a bad one stops the build."""
    try:
        return settings.accessibility()
    except ValueError as exc:
        raise _fail(str(exc)) from None


def define_env(env: MacrosEnv) -> None:
    """Register the plan's macros; a data error stops the build before any page is written."""
    try:
        plan = load_plan()
        redirects = load_redirects(plan)
    except DataErrors as exc:
        raise _fail(exc.report()) from None
    env.variables["plan"] = plan
    settings = SiteSettings.of(env.conf)
    if not settings.repo_url:
        # Without the repository's address (PLAN_REPO_URL) there is nowhere to edit: drop the
        # page edit button rather than let MkDocs warn about a relative edit_uri.
        env.conf["edit_uri"] = None

    def renderer() -> Renderer:
        return Renderer(plan, env.page.url, settings.repo_url, _link_base(env.page),
                        settings.site_url)

    def own_page(item: Goal | Measure | Period, kind: str) -> None:
        """Fail unless the page calling the macro is the item's generated page."""
        if _page_source(env.page) != item.page_file:
            raise _fail(f"{_page_source(env.page)}: {kind} {item.id} vises på sin egen side "
                        f"({item.page_url}), som lages av dataene; fjern makroen her")

    def fragment(name: str, help_text: str,
                 render: Callable[[Renderer], str]) -> Callable[[], str]:
        def macro() -> str:
            return render(renderer())

        macro.__name__, macro.__doc__ = name, help_text
        return macro

    for name, help_text, render in FRAGMENT_MACROS:
        env.macro(fragment(name, help_text, render), name)

    @env.filter
    def tekst(value: object) -> str:
        """Tekst fra dataene vist som ren tekst: ingen HTML, Markdown eller lenker."""
        return markdown_text(value)

    @env.macro
    def utviklingsomrade(area_id: str) -> str:
        """Alle delmål og tiltak i et utviklingsområde, med status."""
        area = next((a for a in plan.areas if a.id == str(area_id)), None)
        if area is None:
            raise _fail(f"{_page_source(env.page)}: utviklingsområde '{area_id}' finnes ikke "
                        f"(tillatt: {', '.join(a.id for a in plan.areas)})")
        if _page_source(env.page) != area.page_file:
            raise _fail(f"{_page_source(env.page)}: utviklingsområde {area.id} skal stå i "
                        f"docs/{area.page_file}, så lenkene til det stemmer")
        return renderer().area(area, moved_from_area(redirects, plan, area.id))

    @env.macro
    def tiltaksside(measure_id: str) -> str:
        """Siden for ett tiltak (lages automatisk for hvert tiltak)."""
        measure = plan.measures_by_id[measure_id]
        own_page(measure, "tiltak")
        return renderer().measure_page(measure)

    @env.macro
    def delmalsside(goal_id: str) -> str:
        """Siden for ett delmål (lages automatisk for hvert delmål)."""
        goal = plan.goals_by_id[goal_id]
        own_page(goal, "delmål")
        return renderer().goal_page(goal)

    @env.macro
    def hele_planen() -> str:
        """Hele planen med status, datert og med QR-kode til nettstedet, for utskrift."""
        return renderer().whole_plan(qr_svg(settings.site_url))

    @env.macro
    def periodeside(period_id: str) -> str:
        """Rapporten for én periode (lages automatisk for hver periode i data/plan.yaml)."""
        period = next(p for p in plan.periods if p.id == period_id)
        own_page(period, "perioden")
        return periodpages.render_page(renderer(), period_id)

    @env.macro
    def tilgjengelighetskontakt() -> str:
        """Hvordan leserne melder fra om et tilgjengelighetsproblem (innstillingen kontakt_epost)."""
        return renderer().accessibility(_accessibility(settings), "kontakt")

    @env.macro
    def uustatuslenke() -> str:
        """Lenken til tilgjengelighetserklæringen på uustatus.no (innstillingen uustatus_url)."""
        return renderer().accessibility(_accessibility(settings), "uustatus")

    @env.macro
    def apne_data() -> str:
        """Lenker til de åpne datafilene og hvilken lisens de har."""
        return renderer().open_data(settings.licence)


def on_post_build(env: MacrosEnv) -> None:
    """Check the built site (every area on its page, with every anchor, as Zensical builds do)
    and write the feed and the open data."""
    problems = finish_site(env.variables["plan"], Path(env.conf["site_dir"]),
                           SiteSettings.of(env.conf))
    if problems:
        raise _fail("; ".join(problems))
