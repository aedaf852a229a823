"""Build the site with Zensical from the same mkdocs.yml, docs/, data/, macros/ and overrides/.

Zensical (0.0.73) reads mkdocs.yml and renders the macros itself, but it wants the output
folder inside the project folder, keeps a build cache there, and runs no MkDocs events, so
the macros' `on_post_build` never runs. This module therefore builds a throwaway copy of the
project in a temporary folder (always a clean build, so a stale cache can never hide a data
change), moves the finished site to where it was asked for, and then runs the same
`output.finish_site` MkDocs runs from `on_post_build`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .config import SiteSettings, load_site_config
from .load import load_plan
from .model import Plan
from .output import finish_site
from .pages import PageClash, generated_files
from .settings import ROOT

CONFIG = "mkdocs.yml"
# How Zensical reports an exception raised in Python: "Python error: <Type>: <message>", then
# the traceback. Our own build errors are PluginError (see `macros.pagemacros._fail`).
OWN_ERROR = "Python error: PluginError: "
TRACEBACK = "\nTraceback (most recent call last):"
SITE = "site"  # `site_dir` in mkdocs.yml, relative to the staged copy
# Zensical requires `docs_dir` to lie inside the project folder, so docs/ is copied; the
# other folders mkdocs.yml names (custom_dir, watch) are only linked.
COPIED = ("docs",)
LINKED = ("macros", "data", "overrides")


class BuildError(Exception):
    """The Zensical build failed; the message is Norwegian and ready for the editor."""


def _stage(project: Path, config: str, plan: Plan, settings: SiteSettings) -> Path:
    """Fill `project` with the inputs Zensical reads; return its config file.

    A variant `config` (such as the benchmark's) may INHERIT mkdocs.yml, so both are copied.
    Zensical runs no MkDocs hooks, so the files macros/hooks/pages.py adds for MkDocs (the
    tiltak and delmål pages and the redirect pages) are written into the staged docs/ here.
    """
    for name in {CONFIG, config}:
        shutil.copy2(ROOT / name, project / name)
    for name in COPIED:
        shutil.copytree(ROOT / name, project / name)
    docs = project / "docs"
    docs_pages = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    try:
        generated = generated_files(plan, docs_pages, settings.site_url)
    except PageClash as exc:
        raise BuildError(str(exc)) from None
    for item in generated:
        path = docs / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(item.content, encoding="utf-8")
    for name in LINKED:
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    return project / config


def _zensical_build(config: Path) -> None:
    """Run Zensical's own build (the one `zensical build --strict --clean` runs)."""
    import zensical  # only installed from requirements-zensical.txt

    try:
        zensical.build(str(config), {"strict": True, "clean": True})
    except Exception as exc:  # Zensical wraps every Python and Rust error in RuntimeError
        raise BuildError(_reason(str(exc))) from None


def _reason(error: str) -> str:
    """Our own errors as MkDocs shows them (message only); anything else in full."""
    if error.startswith(OWN_ERROR):
        return error.removeprefix(OWN_ERROR).split(TRACEBACK, 1)[0].strip()
    return f"Zensical klarte ikke å bygge nettstedet: {error}"


def build(site_dir: Path, config: str = CONFIG) -> int:
    """Build the site with Zensical into `site_dir`; return the number of HTML pages."""
    plan = load_plan()  # data errors stop here, reported like `make check` does
    settings = SiteSettings.of(load_site_config(ROOT / config))
    site_dir = site_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="plan-zensical-") as folder:
        config_file = _stage(Path(folder), config, plan, settings)
        _zensical_build(config_file)
        if not (config_file.parent / SITE).is_dir():
            raise BuildError(f"Zensical skrev ikke nettstedet til {SITE}/: la site_dir i "
                             f"{config} være '{SITE}' (byggemappen velges med --site-dir)")
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(config_file.parent / SITE, site_dir)
    problems = finish_site(plan, site_dir, settings)
    if problems:
        raise BuildError("\n".join(problems))
    return sum(1 for _ in site_dir.rglob("*.html"))
