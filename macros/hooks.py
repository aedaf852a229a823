"""MkDocs hooks (registered under `hooks:` in mkdocs.yml). Kept thin: the work is in pages.py
and redirects.py, which a host without hooks (Zensical, see engine.py) calls the same way."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# MkDocs loads this file by path, not as part of the `macros` package; make the package
# importable the same way mkdocs-macros imports it (from the project root).
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from markupsafe import escape  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from macros import _fail  # noqa: E402
from macros.errors import DataErrors  # noqa: E402
from macros.load import load_plan  # noqa: E402
from macros.pages import generated_pages  # noqa: E402
from macros.redirects import load_redirects, page_problems, redirect_pages  # noqa: E402


def on_files(files: Files, config) -> Files:
    """Add the tiltak and delmål pages (searchable, not in the nav) and the redirect pages."""
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
