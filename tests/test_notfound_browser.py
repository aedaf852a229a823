"""The 404 page in Chromium, served the way a host serves it: for any missing address, at any
depth, with status 404. Its links must work from there, also when the site lives under a path
(site_url https://…/plan/, as on a GitHub Pages project site)."""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import RequestLog, new_context
from macros.load import load_plan

PLAN_TITLE = load_plan().title
MISSING = "finnes/ikke/dypt/"


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing one gets the site's 404.html with status 404, like a host."""

    not_found: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


@contextmanager
def host(site: Path, prefix: str = "") -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:PORT/<prefix>; yields that base URL (ending in "/")."""
    with tempfile.TemporaryDirectory() as root:
        if prefix:
            (Path(root) / prefix.strip("/")).symlink_to(site, target_is_directory=True)
        handler = type("Handler", (_NotFoundHandler,), {"not_found": site / "404.html"})
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=root if prefix else str(site)))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{prefix}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


@pytest.fixture(scope="module")
def subpath_site(site_for):
    """The real plan built for an address under a path, as a GitHub Pages project site."""
    build = site_for(PLAN_SITE_URL="https://eksempel.no/plan/")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(params=["rot", "undermappe"])
def hosted(request, real_site):
    """Base URL of the real site hosted at the root, or under /plan/."""
    if request.param == "rot":
        site, prefix = real_site.site, ""
    else:
        site, prefix = request.getfixturevalue("subpath_site").site, "plan/"
    with host(site, prefix) as base:
        yield base


def _open_missing(page, base: str, log: RequestLog):
    response = page.goto(base + MISSING)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Fant ikke siden"
    assert page.title() == f"Fant ikke siden - {PLAN_TITLE}"
    assert page.locator("html").get_attribute("lang") == "nb"
    # Stylesheets, scripts and the icon load from the root, not from /finnes/ikke/dypt/.
    assert not [f for f in log.broken() if not f.startswith(base + MISSING)], log.failures


def _follow(page, name: str) -> None:
    """Click the link called `name` and wait until the page it leads to has loaded.

    Waiting for the navigation itself matters: right after the click the 404 page is still the
    current document, and a wait for "loaded" or for an element would look at that page."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name=name).click()


def test_not_found_page_at_any_depth_links_home_search_and_overview(browser, hosted):
    context = new_context(browser)
    page = context.new_page()
    log = RequestLog()
    log.attach(page)
    try:
        _open_missing(page, hosted, log)
        _follow(page, "Gå til forsiden")
        assert page.url == hosted
        assert page.locator("h1").inner_text().rstrip("¶ \n") == PLAN_TITLE

        _open_missing(page, hosted, log)
        _follow(page, "Søk på nettstedet")
        # Material opens its search box for ?q= once its script has run on the new page.
        page.wait_for_function("document.getElementById('__search')?.checked === true")
        assert page.url == hosted + "?q="
        assert page.evaluate("document.activeElement.getAttribute('data-md-component')") == \
            "search-query"

        _open_missing(page, hosted, log)
        _follow(page, "Se alle tiltakene i statusoversikten")
        assert page.url == hosted + "oversikt/"
        assert page.locator("h1").inner_text().rstrip("¶ \n") == "Statusoversikt"
    finally:
        context.close()


def test_not_found_links_are_absolute_from_the_site_root(real_site, subpath_site):
    for build, root in ((real_site, "/"), (subpath_site, "/plan/")):
        html = (build.site / "404.html").read_text(encoding="utf-8")
        assert f'<a href="{root}">Gå til forsiden</a>' in html
        assert f'<a href="{root}?q=">Søk på nettstedet</a>' in html
        assert f'<a href="{root}oversikt/">Se alle tiltakene i statusoversikten</a>' in html
