"""Page weight: what Chromium loads for a first view of a page, raw and gzipped, and what the
first search on it loads on top.

Each page is opened in a fresh browser context (empty cache) from a local server that records
every response it sends. The page is left until the network is idle and a little longer, so
anything loaded late is counted too. Material's search loads on first use
(docs/assets/javascripts/search-on-demand.js): after the first view, a word is typed into the
search field, and what that loads (worker, index, language support) is counted separately.
Gzipped sizes are each body compressed with gzip level 6 (a common server default), or the raw
size where gzip does not make it smaller (images), summed.
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path

from .serve import RecordingServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SETTLE_SECONDS = 1.0
GZIP_LEVEL = 6
SEARCH_FIELD = "input.md-search__input"


@dataclass
class Resource:
    """One response: URL path, kind and size raw and gzipped."""

    path: str
    kind: str
    raw: int
    gzipped: int


@dataclass
class PageWeight:
    """Everything one first view of a page loaded."""

    name: str
    url: str
    resources: list[Resource] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    first_search: list[Resource] = field(default_factory=list)

    def total(self, kind: str | None = None, gzipped: bool = False) -> int:
        return sum(r.gzipped if gzipped else r.raw for r in self.resources
                   if kind is None or r.kind == kind)


def _kind(path: str) -> str:
    """Resource kind by extension: html, css, js, search index, other."""
    if path.endswith("/") or path.endswith(".html"):
        return "html"
    if path.endswith("search_index.json"):
        return "search"
    suffix = path.rsplit(".", 1)[-1]
    return {"css": "css", "js": "js"}.get(suffix, "other")


def measure_pages(site: Path, pages: dict[str, str]) -> list[PageWeight]:
    """Load each page (name → site-relative URL) in Chromium and weigh what it fetched."""
    from playwright.sync_api import sync_playwright

    results = []
    with RecordingServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, url in pages.items():
                results.append(_first_view(browser, server, name, url))
        finally:
            browser.close()
    return results


def _first_view(browser, server: RecordingServer, name: str, url: str) -> PageWeight:
    """Open one page in a fresh context and collect what the server sent for it."""
    context = browser.new_context()
    page = context.new_page()
    weight = PageWeight(name, url)
    page.on("request", lambda request: None if request.url.startswith(
        (server.url, "data:", "blob:")) else weight.third_party.append(request.url))
    server.sent.clear()
    page.goto(server.url + url, wait_until="networkidle")
    time.sleep(SETTLE_SECONDS)
    weight.resources = _weigh(server)
    if page.locator(SEARCH_FIELD).count():
        page.focus(SEARCH_FIELD)
        page.keyboard.type("plan")
        page.wait_for_load_state("networkidle")
        time.sleep(SETTLE_SECONDS)
        weight.first_search = _weigh(server)
    context.close()
    return weight


def _weigh(server: RecordingServer) -> list[Resource]:
    """What the server sent since the last call, weighed."""
    resources = []
    for sent in list(server.sent):
        body = sent.file.read_bytes()
        gzipped = min(len(body), len(gzip.compress(body, GZIP_LEVEL)))
        resources.append(Resource(sent.path, _kind(sent.path), len(body), gzipped))
    server.sent.clear()
    return resources
