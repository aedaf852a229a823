"""Every page of the real site in Chromium: axe-core finds no WCAG 2.1 A/AA violation, at 1280 and
375 px, in the light and the dark scheme, and every request goes to the local server and succeeds.

The pages are found by walking the built site, so a page added later is covered without a change
here. Each width/scheme combination loads every page once, in one browser context.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from browser import (MATERIAL_SCHEMES, SCHEMES, WIDTHS, RequestLog, axe_violations,
                     describe_violations, is_local, material_scheme, new_context, page_urls)

COMBINATIONS = [(w, s) for w in WIDTHS for s in SCHEMES]


@dataclass
class Walk:
    """What loading every page in one width/scheme combination found."""

    pages: list[str]
    requests: RequestLog
    settled: bool
    violations: list[str] = field(default_factory=list)
    wrong_scheme: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def walk(request, browser, real_site, real_server) -> Walk:
    """Load every page of the real site at one width and scheme; run axe on each."""
    width, scheme = WIDTHS[request.param[0]], SCHEMES[request.param[1]]
    # Waiting for the network to go quiet (the search worker loads late) costs half a second a
    # page, so only the first combination does it; the others may cut those late loads short.
    settle = request.param == COMBINATIONS[0]
    started = time.perf_counter()
    result = Walk(page_urls(real_site.site), RequestLog(), settle)
    context = new_context(browser, width, scheme)
    page = context.new_page()
    result.requests.attach(page)
    page.on("pageerror", lambda exc: result.errors.append(f"{page.url}: {exc}"))
    try:
        for url in result.pages:
            page.goto(real_server + url, wait_until="load")
            if material_scheme(page) != MATERIAL_SCHEMES[scheme]:
                result.wrong_scheme.append(f"{url}: {material_scheme(page)}")
            result.violations += describe_violations(url, axe_violations(page))
            if settle:
                page.wait_for_load_state("networkidle")
    finally:
        context.close()
    result.seconds = time.perf_counter() - started
    print(f"\n{request.param}: {len(result.pages)} sider, {len(result.requests.requests)} "
          f"forespørsler, {result.seconds:.1f} s")
    return result


def test_walk_covers_every_page(walk, real_site):
    assert len(walk.pages) == len(list(real_site.site.rglob("*.html")))
    assert {"", "oversikt/", "omrader/mangfold/", "404.html"} <= set(walk.pages)


def test_the_emulated_scheme_is_the_one_material_shows(walk):
    assert not walk.wrong_scheme, walk.wrong_scheme


def test_no_axe_violations(walk):
    assert not walk.violations, "\n".join(walk.violations)


def test_every_request_is_local(walk, real_server):
    assert walk.requests.requests, "no request was recorded"
    third_party = sorted({u for u in walk.requests.requests if not is_local(u, real_server)})
    assert not third_party, "\n".join(third_party)


def test_no_request_fails(walk):
    failures = walk.requests.failures if walk.settled else walk.requests.broken()
    assert not failures, "\n".join(failures)


def test_no_script_error(walk):
    assert not walk.errors, "\n".join(walk.errors)
