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
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from macros import chromium
from macros.chromium import serve_folder  # noqa: F401 (conftest's `serve` fixture uses it)

CHROMIUM = os.environ.get("CHROMIUM", chromium.DEFAULT_CHROMIUM)
WIDTHS = {"bred": 1280, "smal": 375}
SCHEMES = {"lys": "light", "mork": "dark"}
# Material's palette: the scheme it must pick for each emulated `prefers-color-scheme`.
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}
# WCAG 2.0/2.1 A and AA, and axe's best practices (ARIA allowed on each element, named dialogs,
# landmarks, heading order …), which Lighthouse's accessibility score counts too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def launch(playwright):
    """Debian's Chromium (or Playwright's own, if `make browser` installed that), headless:
    the same set-up `make pdf` prints with (macros/chromium.py)."""
    return chromium.launch(playwright, CHROMIUM)


def new_context(browser, width: int = 1280, scheme: str = "light", axe: bool = False):
    """A fresh browser context (own storage) at a window width and `prefers-color-scheme`.
    `axe`: every page loaded in the context gets axe-core before its own scripts, so a walk
    does not send and compile the 570 KB script once per page (`axe_violations`)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  locale="nb-NO", reduced_motion="reduce")
    if axe:
        context.add_init_script(_axe().axe_script)
    return context


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

    def settled_failures(self) -> list[str]:
        """Failures after waiting for each page to settle. Chromium fetches the tab's icon on
        its own, not for the page, and may cut that fetch short when the next page loads (seen
        once in CI); a missing icon is still an HTTP 404."""
        return [f for f in self.failures if not f.endswith("/favicon.svg: net::ERR_ABORTED")]


def material_scheme(page) -> str:
    """The colour scheme Material applied to the page ("default" or "slate")."""
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@functools.lru_cache(maxsize=1)
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page) -> list[dict]:
    """axe-core's violations of AXE_TAGS on the loaded page (axe is added to the page first if
    its context was not made with `axe=True`)."""
    if not page.evaluate("typeof axe === 'object'"):
        page.evaluate(_axe().axe_script)
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)",
                         AXE_OPTIONS)


def axe_pages(browser, base: str, urls: list[str], width: int, scheme: str,
              open_details: bool = False) -> list[str]:
    """axe-core's violations on each page at one width and scheme, one line per element;
    `open_details` opens every collapsed history first, so axe checks its contents too."""
    context = new_context(browser, width=width, scheme=scheme, axe=True)
    page = context.new_page()
    problems = []
    try:
        for url in urls:
            page.goto(base + url)
            if open_details:
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            problems += describe_violations(url, axe_violations(page))
    finally:
        context.close()
    return problems


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
    context = new_context(browser, width, scheme, axe=True)
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
