"""MkDocs hook: the files made from the data (one page per tiltak and delmål, and the redirect
pages) join MkDocs' files, and page titles are escaped once.

Kept thin: the work is in macros/pages.py, which the Zensical path (macros/engine.py) calls
the same way. The macros modules are imported inside each event, so `make serve` uses the
code reload_macros.py has just re-imported.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# MkDocs loads this file by path; make the `macros` package importable from the project root,
# as mkdocs-macros imports it.
ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the tiltak and delmål pages (searchable, not in the nav) and the redirect pages."""
    from macros.pagemacros import _fail
    from macros.config import SiteSettings
    from macros.errors import DataErrors
    from macros.load import load_plan
    from macros.pages import PageClash, generated_files

    docs_pages = [file.src_uri for file in files.documentation_pages()]
    try:
        generated = generated_files(load_plan(), docs_pages, SiteSettings.of(config).site_url)
    except DataErrors as exc:
        raise _fail(exc.report()) from None
    except PageClash as exc:
        raise _fail(str(exc)) from None
    for item in generated:
        inclusion = InclusionLevel.NOT_IN_NAV if item.is_page else InclusionLevel.UNDEFINED
        files.append(File.generated(config, item.path, content=item.content, inclusion=inclusion))
    # In the order MkDocs reads docs/, so search and sitemap list the pages as if they were files.
    return Files(sorted(files, key=file_sort_key))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    """Escape page titles and descriptions once: the theme prints them into attributes raw."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return context
