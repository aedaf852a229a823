"""Every page of the real site in Chromium: axe-core finds no WCAG 2.1 A/AA violation, at 1280 and
375 px, in the light and the dark scheme, and every request goes to the local server and succeeds.

The pages are found by walking the built site, so a page added later is covered without a change
here. Each width/scheme combination loads every page once, in one browser context.
"""

from __future__ import annotations

import pytest

from browser import SCHEMES, WIDTHS, Walk, is_local, walk_site

COMBINATIONS = [(w, s) for w in WIDTHS for s in SCHEMES]


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def walk(request, browser, real_site, real_server) -> Walk:
    """Load every page of the real site at one width and scheme; run axe on each."""
    # Waiting for the network to go quiet (the search worker loads late) costs half a second a
    # page, so only the first combination does it; the others may cut those late loads short.
    result = walk_site(browser, real_server, real_site.site, WIDTHS[request.param[0]],
                       SCHEMES[request.param[1]], settle=request.param == COMBINATIONS[0])
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
