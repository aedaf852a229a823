"""MkDocs hook: the pages generated from the data (one per tiltak and delmål) and the redirects.

Kept thin: the work is in macros/pages.py and macros/redirects.py, which a host without hooks
(Zensical, see macros/engine.py) calls the same way. The macros modules are imported inside
each event, so `make serve` uses the code reload_macros.py has just re-imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.structure.files import File, Files, InclusionLevel

# MkDocs loads this file by path; make the `macros` package importable from the project root,
# as mkdocs-macros imports it.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def on_files(files: Files, config) -> Files:
    """Add the tiltak and delmål pages (searchable, not in the nav) and the redirect pages."""
    from macros import _fail
    from macros.errors import DataErrors
    from macros.load import load_plan
    from macros.pages import generated_pages
    from macros.redirects import load_redirects, page_problems, redirect_pages

    try:
        plan = load_plan()
        redirects = load_redirects(plan)
    except DataErrors as exc:
        raise _fail(exc.report()) from None
    for path, source in generated_pages(plan):
        files.append(File.generated(config, path, content=source,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    pages = {page.url for page in files.documentation_pages()}
    problems = page_problems(redirects, pages)
    if problems:
        raise _fail("\n".join(problems))
    for path, html in redirect_pages(redirects, config["site_url"] or "/"):
        files.append(File.generated(config, path, content=html))
    # In the order MkDocs reads docs/, so search and sitemap list the pages as if they were files.
    return Files(sorted(files, key=lambda f: _walk_order(f.src_uri)))


def _walk_order(src_uri: str) -> tuple:
    """Sort key of MkDocs' folder walk: a folder's files (index first), then its subfolders."""
    *folders, name = src_uri.split("/")
    stem = os.path.splitext(name)[0]
    return (*((1, folder) for folder in folders), (0, stem not in ("index", "README"), name))


def on_page_context(context, page, config, nav):
    """Escape page titles and descriptions once: the theme prints them into attributes raw."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return context
