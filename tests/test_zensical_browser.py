"""The Zensical build in Chromium, as test_every_page.py does for MkDocs: on every page axe-core
finds no WCAG 2.1 A/AA violation, every request goes to the local server and succeeds, and no
script fails. One wide light and one narrow dark walk, since the theme is the same one."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from browser import (SCHEMES, WIDTHS, RequestLog, axe_violations, describe_violations, is_local,
                     new_context, page_urls)

COMBINATIONS = [("bred", "lys"), ("smal", "mork")]


@dataclass
class Walk:
    """What loading every page of the Zensical site at one width and scheme found."""

    base: str
    pages: list[str]
    requests: RequestLog = field(default_factory=RequestLog)
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def walk(request, browser, zensical_site, serve) -> Walk:
    base = serve(zensical_site.site)
    result = Walk(base, page_urls(zensical_site.site))
    context = new_context(browser, WIDTHS[request.param[0]], SCHEMES[request.param[1]])
    page = context.new_page()
    result.requests.attach(page)
    page.on("pageerror", lambda exc: result.errors.append(f"{page.url}: {exc}"))
    try:
        for url in result.pages:
            page.goto(base + url, wait_until="load")
            result.violations += describe_violations(url, axe_violations(page))
    finally:
        context.close()
    return result


def test_zensical_site_has_no_axe_violations(walk):
    assert len(walk.pages) > 5
    assert not walk.violations, "\n".join(walk.violations)


def test_zensical_site_requests_only_its_own_files(walk):
    assert walk.requests.requests, "no request was recorded"
    assert [u for u in walk.requests.requests if not is_local(u, walk.base)] == []
    assert walk.requests.broken() == []


def test_zensical_site_runs_without_script_errors(walk):
    assert walk.errors == []
