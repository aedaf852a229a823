"""The link contract on a built site: every published address and anchor still resolves.

The contract itself (`data/lenkekontrakt.txt`) and the check `make check` runs without a
build are in `macros/linkcontract.py`; this checks the same against the HTML of a built site.
An address that now holds a redirect page (data/omdirigeringer.yaml) counts as resolved when
the redirect's target resolves.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from htmlscan import PageScan
from macros import linkcontract
from macros.linkcontract import CONTRACT_FILE, MAX_REDIRECTS, NOT_PUBLISHED
from macros.settings import DATA_DIR

CONTRACT = DATA_DIR / CONTRACT_FILE
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
ITEM_ANCHOR = linkcontract.ITEM_ANCHOR


def read_contract(path: Path = CONTRACT) -> list[str]:
    """The contract's entries, without comments and blank lines."""
    return [entry.address for entry in linkcontract.read_contract(path)]


def _file(site: Path, path: str) -> Path:
    """The file a site path is served from."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def _redirect(html: str) -> str | None:
    match = REFRESH.search(html)
    return match.group(1) if match else None


def resolves(site: Path, entry: str) -> bool:
    """True if the entry's page (after any redirect pages) exists and has the anchor."""
    path, _, anchor = entry.lstrip("/").partition("#")
    for _ in range(MAX_REDIRECTS):
        file = _file(site, path)
        if not file.is_file():
            return False
        if file.suffix != ".html":
            return not anchor
        html = file.read_text(encoding="utf-8")
        target = _redirect(html)
        if target is None:
            return not anchor or anchor in PageScan(html).ids
        path, _, new_anchor = urljoin("/" + path, target).lstrip("/").partition("#")
        anchor = new_anchor or anchor
    return False


def unresolved(site: Path, entries: list[str]) -> list[str]:
    """The entries that no longer resolve in the built site."""
    return [entry for entry in entries if not resolves(site, entry)]


def published(site: Path) -> list[str]:
    """Every page, published file and delmål/tiltak anchor of a built site (redirects left out)."""
    entries = []
    for file in sorted(site.rglob("*")):
        relative = file.relative_to(site).as_posix()
        if not file.is_file() or NOT_PUBLISHED.search(relative):
            continue
        if file.name != "index.html":
            entries.append(f"/{relative}")
            continue
        html = file.read_text(encoding="utf-8")
        if _redirect(html):
            continue
        page = "/" + relative.removesuffix("index.html")
        entries.append(page)
        if page.startswith("/omrader/"):
            entries += [f"{page}#{i}" for i in PageScan(html).ids if ITEM_ANCHOR.match(i)]
    return entries
