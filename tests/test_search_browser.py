"""Search on first use (docs/assets/javascripts/search-on-demand.js): a first view of a page loads
neither Material's search worker nor the search index; going to the search field by keyboard
loads them, and search then works by keyboard, at both widths. A page opened from a search result
highlights the words at once.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser import new_context

AREA_PAGE = "omrader/mangfold/"
SEARCH_FILE = re.compile(r"/assets/javascripts/workers/(search)\.[0-9a-f]+\.min\.js$"
                         r"|/search/(search_index\.json)$")
RESULTS = ".md-search-result__item"


def _search_requests(page) -> list[str]:
    """Fills with "search" (the worker) and "search_index.json" as the page asks for them."""
    names: list[str] = []

    def record(request) -> None:
        match = SEARCH_FILE.search(urlsplit(request.url).path)
        if match:
            names.append(match.group(1) or match.group(2))

    page.on("request", record)
    return names


@pytest.mark.parametrize("width", [1280, 375])
def test_search_loads_on_first_use_and_works_by_keyboard(browser, real_server, width):
    context = new_context(browser, width)
    page = context.new_page()
    loaded = _search_requests(page)
    try:
        page.goto(real_server + AREA_PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        assert loaded == [], "the search worker or index loads before anyone searches"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('input.md-search__input')"):
                break
        field = page.get_by_role("textbox", name="Søk", exact=True)
        assert field.evaluate("e => e === document.activeElement"), "Tab never reaches search"
        page.keyboard.type("mangfold")
        # Results for the whole word (each key typed searches again and redraws the list).
        page.wait_for_selector(f"{RESULTS} a[href*='h=mangfold']")
        assert sorted(set(loaded)) == ["search", "search_index.json"]
        assert re.fullmatch(r"\d+ treff", page.locator(".md-search-result__meta").inner_text())
        assert "Mangfold" in page.locator(RESULTS).first.inner_text()
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.closest('.md-search-result') !== null")
    finally:
        context.close()


def test_a_page_opened_from_a_search_result_highlights_at_once(browser, real_server):
    context = new_context(browser, 1280)
    page = context.new_page()
    loaded = _search_requests(page)
    try:
        page.goto(real_server + AREA_PAGE + "?h=mangfold")
        page.wait_for_function("document.querySelectorAll('mark[data-md-highlight]').length > 0")
        assert "search_index.json" in loaded
    finally:
        context.close()
