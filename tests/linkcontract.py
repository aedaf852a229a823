"""The link contract: every address and anchor the site has published must keep resolving.

`tests/lenkekontrakt.txt` lists them, one per line, from the site root: pages
("/omrader/mangfold/", "/" is the front page), anchors ("/omrader/mangfold/#tiltak-1-1-1"),
tiltak and delmål pages and published files ("/sitemap.xml"). An address that now holds a redirect page (data/omdirigeringer.yaml) counts
as resolved when the redirect's target resolves.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from htmlscan import PageScan

CONTRACT = Path(__file__).resolve().parent / "lenkekontrakt.txt"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
ITEM_ANCHOR = re.compile(r"^(?:delmal|tiltak)-\d+(?:-\d+)+$")
MAX_REDIRECTS = 5
# Files of the theme and of search change with every version; they are not published links.
NOT_PUBLISHED = re.compile(r"^(?:assets/|search/)|\.gz$|^404\.html$")


def read_contract(path: Path = CONTRACT) -> list[str]:
    """The contract's entries, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


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
