"""Browser test helpers: serve a built site on 127.0.0.1, drive Debian's Chromium, run axe-core.

The fixtures that use these live in `conftest.py`: `browser` (one Chromium per session),
`real_server` (the real site, served) and `serve` (serve any built site, e.g. one built from a
fixture data folder). Every test that uses `browser` is marked `browser` automatically.

Typical use in a test:

    def test_something(browser, real_server):
        context = new_context(browser, width=375, scheme="dark")
        page = context.new_page()
        page.goto(real_server + "omrader/mangfold/")
        ...
        context.close()

For a site built from fixture data: `build = build_site(tmp_path / "site", data_dir=...)`,
then `base = serve(build.site)`.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WIDTHS = {"bred": 1280, "smal": 375}
SCHEMES = {"lys": "light", "mork": "dark"}
# Material's palette: the scheme it must pick for each emulated `prefers-color-scheme`.
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright):
    """Debian's Chromium (or Playwright's own, if `make browser` installed that), headless."""
    executable = CHROMIUM if Path(CHROMIUM).is_file() else None
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                      headless=True)


def new_context(browser, width: int = 1280, scheme: str = "light"):
    """A fresh browser context (own storage) at a window width and `prefers-color-scheme`."""
    return browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                               locale="nb-NO", reduced_motion="reduce")


def page_urls(site: Path) -> list[str]:
    """Every HTML page of a built site as a site-relative URL ("", "oversikt/", "404.html")."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(relative.removesuffix("index.html"))
    return urls


def is_local(url: str, base: str) -> bool:
    """True for a request to the test server (or an inline data:/blob: URL)."""
    parts, home = urlsplit(url), urlsplit(base)
    return parts.scheme in ("data", "blob") or parts.netloc == home.netloc


@dataclass
class RequestLog:
    """Every request a page makes, and every one that failed or got an error status."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failures.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400
                and self.failures.append(f"{r.url}: HTTP {r.status}"))

    def broken(self) -> list[str]:
        """Failures, leaving out late requests cut short because the test moved to another page
        (Material's search worker loads after the page). A missing file is still an HTTP 404."""
        return [f for f in self.failures if not f.endswith("net::ERR_ABORTED")]


def material_scheme(page) -> str:
    """The colour scheme Material applied to the page ("default" or "slate")."""
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@functools.lru_cache(maxsize=1)
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the loaded page."""
    return _axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe_violations(url: str, violations: list[dict]) -> list[str]:
    """One readable line per failing element."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{url or '/'}: {violation['id']} ({violation['impact']}) "
                         f"{', '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').replace(chr(10), ' ')}")
    return lines


@dataclass
class Walk:
    """What loading every page of a site at one width and scheme found."""

    base: str
    pages: list[str]
    settled: bool = False
    requests: RequestLog = field(default_factory=RequestLog)
    violations: list[str] = field(default_factory=list)
    wrong_scheme: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def walk_site(browser, base: str, site: Path, width: int, scheme: str,
              settle: bool = False) -> Walk:
    """Load every page of a served site in one context; run axe on each and record every
    request, script error and the colour scheme Material shows. `settle` also waits for late
    requests (the search worker), at about half a second a page."""
    started = time.perf_counter()
    result = Walk(base, page_urls(site), settle)
    context = new_context(browser, width, scheme)
    page = context.new_page()
    result.requests.attach(page)
    page.on("pageerror", lambda exc: result.errors.append(f"{page.url}: {exc}"))
    try:
        for url in result.pages:
            page.goto(base + url, wait_until="load")
            if material_scheme(page) != MATERIAL_SCHEMES[scheme]:
                result.wrong_scheme.append(f"{url}: {material_scheme(page)}")
            result.violations += describe_violations(url, axe_violations(page))
            if settle:
                page.wait_for_load_state("networkidle")
    finally:
        context.close()
    result.seconds = time.perf_counter() - started
    return result
