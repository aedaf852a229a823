"""The link contract: every address the site has published keeps leading somewhere.

`data/lenkekontrakt.txt` lists, one per line from the site root, every page ("/" is the front
page, "/omrader/mangfold/"), every delmål and tiltak anchor on the area pages
("/omrader/mangfold/#tiltak-1-1-1"), the tiltak and delmål pages and the published files
("/feed.xml"). `make check` compares it with the addresses the data and `docs/` give now,
without building: an address that now holds a redirect (data/omdirigeringer.yaml) counts
when the redirect's target does. The tests compare the same with a built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .feed import FEED_FILE
from .model import Plan, item_anchor
from .opendata import published_files
from .pages import data_pages
from .perioddata import published_files as period_files
from .read import display
from .redirects import REDIRECTS_FILE, Redirect
from .settings import ROOT
from .urls import page_url

CONTRACT_FILE = "lenkekontrakt.txt"
DOCS_DIR = ROOT / "docs"
# Written by MkDocs itself, whatever the pages are.
ENGINE_FILES = ("sitemap.xml",)
# Files of the theme and of search change with every version; they are not published links.
NOT_PUBLISHED = re.compile(r"^(?:assets/|search/)|\.gz$|^404\.html$")
ITEM_ANCHOR = re.compile(r"^(?:delmal|tiltak)-(\d+(?:-\d+)+)$")
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Entry:
    """One line of the contract: a published address and the line it stands on."""

    address: str
    line: int


def read_contract(path: Path) -> list[Entry]:
    """The contract's entries, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Entry(line.strip(), number) for number, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")]


def docs_pages(docs_dir: Path = DOCS_DIR) -> set[str]:
    """The URLs of the pages written from `docs/` ("" is the front page)."""
    return {page_url(p.relative_to(docs_dir).as_posix()) for p in docs_dir.rglob("*.md")
            if not any(part.startswith(".") for part in p.relative_to(docs_dir).parts)}


def _docs_files(docs_dir: Path) -> set[str]:
    """Other files from `docs/` that are published as they are (not the theme's assets)."""
    files = set()
    for path in docs_dir.rglob("*"):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_file() and path.suffix != ".md" and not NOT_PUBLISHED.search(relative) \
                and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            files.add(relative)
    return files


@dataclass(frozen=True)
class SiteMap:
    """What the site publishes, known from the data and docs/ alone.

    `pages` maps each page or file (site path, no leading "/") to its delmål and tiltak
    anchors (None where the page's anchors are not known without building); `redirects`
    maps the address of each redirect page to the address it sends readers on to.
    """

    pages: dict[str, frozenset[str] | None]
    redirects: dict[str, str]

    def published(self) -> list[str]:
        """Every page, file and area anchor, as the contract writes them (redirects left out)."""
        entries = [f"/{page}" for page in self.pages]
        entries += [f"/{page}#{anchor}" for page, anchors in self.pages.items()
                    for anchor in anchors or ()]
        return sorted(entries)

    def resolves(self, address: str) -> bool:
        """True if the address (after any redirects) is a page or file, with the anchor."""
        path, _, anchor = address.lstrip("/").partition("#")
        for _ in range(MAX_REDIRECTS):
            if path not in self.redirects:
                break
            path = self.redirects[path]
        if path not in self.pages:
            return False
        anchors = self.pages[path]
        return not anchor or anchors is None or anchor in anchors


def site_map(plan: Plan, redirects: tuple[Redirect, ...], docs_dir: Path = DOCS_DIR) -> SiteMap:
    """The published addresses of the site the plan, redirects and `docs/` make."""
    pages: dict[str, frozenset[str] | None] = {url: None for url in docs_pages(docs_dir)}
    for area in plan.areas:
        anchors = {item.anchor for item in (*area.goals, *area.measures)}
        # A renumbered item keeps its old anchor on its old area page, as a note.
        anchors |= {item_anchor(r.source) for r in redirects
                    if r.is_item and r.source.split(".")[0] == area.id}
        if area.page_url in pages:
            pages[area.page_url] = frozenset(anchors)
    pages.update((page_url(page.path), None) for page in data_pages(plan))
    files = (*ENGINE_FILES, FEED_FILE, *published_files(), *period_files(plan),
             *_docs_files(docs_dir))
    pages.update((name, frozenset()) for name in files)
    return SiteMap(pages, {r.source_url: r.target_url for r in redirects})


def _advice(address: str, site: SiteMap, folder: Path) -> str:
    """What is gone at an address that no longer leads anywhere, and what to do."""
    redirects_file = display(folder / REDIRECTS_FILE)
    path, _, anchor = address.lstrip("/").partition("#")
    item = re.match(r"^(?:tiltak|delmal)/(\d+(?:-\d+)+)/$", path)
    if site.resolves(path):
        item = ITEM_ANCHOR.match(anchor)
    elif not item and (path.endswith("/") or path == ""):
        return (f"siden finnes ikke lenger; har den fått ny adresse, legg inn en omdirigering "
                f"i {redirects_file} (fra: \"{path}\", til: den nye adressen)")
    if not item:
        return "finnes ikke lenger; en publisert adresse må fortsatt virke"
    number = item.group(1).replace("-", ".")
    kind = "tiltak" if number.count(".") == 2 else "delmål"
    return (f"{kind} {number} finnes ikke lenger; har det fått nytt nummer, legg inn en "
            f"omdirigering i {redirects_file} (fra: \"{number}\", til: nummeret det har nå)")


def contract_errors(plan: Plan, redirects: tuple[Redirect, ...], folder: Path,
                    docs_dir: Path = DOCS_DIR) -> list[DataError]:
    """One error per contract entry that no longer leads anywhere; no contract, no errors."""
    contract = folder / CONTRACT_FILE
    if not contract.is_file():
        return []
    site = site_map(plan, redirects, docs_dir)
    return [DataError(display(contract), entry.line, 1, "", "",
                      f"{entry.address} er publisert, men {_advice(entry.address, site, folder)}")
            for entry in read_contract(contract) if not site.resolves(entry.address)]
