"""The Zensical build in Chromium, as test_every_page.py does for MkDocs: on every page axe-core
finds no WCAG 2.1 A/AA violation, every request goes to the local server and succeeds, and no
script fails. One wide light and one narrow dark walk, since the theme is the same one."""

from __future__ import annotations

import pytest

from browser import SCHEMES, WIDTHS, Walk, is_local, walk_site

COMBINATIONS = [("bred", "lys"), ("smal", "mork")]


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def walk(request, browser, zensical_site, serve) -> Walk:
    return walk_site(browser, serve(zensical_site.site), zensical_site.site,
                     WIDTHS[request.param[0]], SCHEMES[request.param[1]])


def test_zensical_site_has_no_axe_violations(walk):
    assert len(walk.pages) > 5
    assert not walk.violations, "\n".join(walk.violations)


def test_zensical_site_requests_only_its_own_files(walk):
    assert walk.requests.requests, "no request was recorded"
    assert [u for u in walk.requests.requests if not is_local(u, walk.base)] == []
    assert walk.requests.broken() == []


def test_zensical_site_runs_without_script_errors(walk):
    assert walk.errors == []
