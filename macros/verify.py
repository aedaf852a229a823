"""`make check`: everything about the data that can be known without building the site.

The plan (`load_plan`), the redirects against the plan and `docs/`, and the link contract.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import DataErrors
from .linkcontract import DOCS_DIR, contract_errors, docs_pages
from .load import load_plan
from .model import Plan
from .pages import data_pages
from .redirects import load_redirects, page_errors
from .settings import data_dir
from .urls import page_url


def verify(folder: Path | None = None, today: dt.date | None = None,
           docs_dir: Path = DOCS_DIR) -> Plan:
    """Return the plan if all is well, or raise `DataErrors` listing every problem."""
    folder = (folder or data_dir()).resolve()
    plan = load_plan(folder, today)
    redirects = load_redirects(plan, folder)
    pages = docs_pages(docs_dir) | {page_url(page.path) for page in data_pages(plan)}
    errors = page_errors(redirects, pages) + contract_errors(plan, redirects, folder, docs_dir)
    if errors:
        raise DataErrors(errors)
    return plan
