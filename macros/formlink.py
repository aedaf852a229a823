"""The "Meld status" issue form: where it is, and the link that opens it for one tiltak.

The site's "Meld status" links, the reminder (`mangler`) and the form reader all use these, so
the form's file name is written once. GitHub fills in a form field from the query string by its
id (`tiltak`), and the issue title from `title`; dropdowns cannot be filled in this way.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .settings import ROOT

FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / "meld-status.yml"


def report_title(measure_id: str) -> str:
    return f"Status for tiltak {measure_id}"


def report_url(repo_url: str | None, measure_id: str) -> str | None:
    """The form on the git host with the tiltak and the title filled in; None without a repo."""
    if not repo_url:
        return None
    query = urlencode({"template": FORM_FILE.name, "tiltak": measure_id,
                       "title": report_title(measure_id)}, quote_via=quote)
    return f"{repo_url.rstrip('/')}/issues/new?{query}"
