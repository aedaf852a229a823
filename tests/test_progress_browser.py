"""Progress pages built from the example data, in a real browser (Chromium): the overview
table's filter and sort controls, and axe-core on every page with charts, history and lists.

Everything else on the site works without JavaScript; the filter and sort controls are the
exception, and without JavaScript they stay hidden while the full table is shown."""

from __future__ import annotations

import pytest

from browser import SCHEMES, WIDTHS, axe_pages, new_context

PROGRESS_PAGES = ["", "oversikt/", "oppdateringer/", "apne-data/", "omrader/mangfold/",
                  "omrader/forskning-og-utvikling/"]


@pytest.fixture(scope="module")
def served(example_site, serve) -> str:
    """Base URL of the example site, served on 127.0.0.1."""
    return serve(example_site.site)


def _select(page, label: str):
    """A labelled select control, found by its accessible name as a user would."""
    return page.get_by_role("combobox", name=label, exact=True)


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#tiltaksoversikt tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent.trim())")


def test_filter_by_status_area_and_owner_and_announce_the_count(served, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "oversikt/")
    count = page.locator("[data-filter-count='tiltaksoversikt']")
    assert count.get_attribute("role") == "status"
    assert count.inner_text() == "Viser alle 33 tiltak."
    _select(page, "Status").select_option(label="Fullført (2)")
    assert _visible_ids(page) == ["1.2.2", "3.4.1"]
    assert count.inner_text() == "Viser 2 av 33 tiltak."
    _select(page, "Utviklingsområde").select_option("3")
    assert _visible_ids(page) == ["3.4.1"]
    page.get_by_role("button", name="Vis alle").click()
    page.wait_for_function("document.querySelectorAll('#tiltaksoversikt tbody tr[hidden]').length === 0")
    _select(page, "Ansvarlig").select_option("Eksempel: styret")
    assert _visible_ids(page) == ["3.2.1", "3.3.1"]
    _select(page, "Status").select_option("fullfort")
    assert _visible_ids(page) == []
    assert count.inner_text().startswith("Ingen tiltak passer til valgene.")
    context.close()


def test_sort_by_newest_report_and_back_to_plan_order(served, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "oversikt/")
    _select(page, "Sorter etter").select_option("nyeste")
    assert _visible_ids(page)[:8] == ["2.3.2", "1.2.2", "1.1.1", "3.4.1", "1.1.2", "3.5.2",
                                      "3.3.1", "3.2.1"]
    _select(page, "Sorter etter").select_option("status")
    assert _visible_ids(page)[:3] == ["2.3.2", "1.1.1", "3.2.1"]
    _select(page, "Sorter etter").select_option("nr")
    assert _visible_ids(page)[:3] == ["1.1.1", "1.1.2", "1.1.3"]
    context.close()


def test_controls_are_keyboard_operable(served, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "oversikt/")
    page.locator("#filter-status").focus()
    page.keyboard.press("ArrowDown")  # first real option; changes the value in Chromium
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-omrade"
    assert len(_visible_ids(page)) < 33
    context.close()


def test_submit_applies_the_choices_and_the_address_keeps_them(served, browser):
    """WCAG 3.2.2: the form has a submit button; the filtered view has its own address."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(served + "oversikt/")
    count = page.locator("[data-filter-count='tiltaksoversikt']")
    submit = page.get_by_role("button", name="Vis tiltak", exact=True)
    assert submit.get_attribute("type") == "submit"
    assert page.locator("form.plan-filter").get_attribute("method") == "get"
    # A choice made without a change event (as some assistive technology does) waits for it.
    page.eval_on_selector("#filter-status", "select => { select.value = 'fullfort'; }")
    assert len(_visible_ids(page)) == 33
    submit.focus()
    page.keyboard.press("Enter")
    assert _visible_ids(page) == ["1.2.2", "3.4.1"]
    page.wait_for_function("document.querySelector('[data-filter-count]').textContent !== ''")
    assert count.inner_text() == "Viser 2 av 33 tiltak."
    assert page.url == served + "oversikt/?status=fullfort"
    assert page.evaluate("document.activeElement.textContent") == "Vis tiltak"
    page.goto(served + "oversikt/?status=fullfort&omrade=3&sorter=nyeste")
    assert _visible_ids(page) == ["3.4.1"]
    assert [_select(page, name).input_value() for name in ("Status", "Utviklingsområde",
                                                            "Sorter etter")] == ["fullfort", "3", "nyeste"]
    page.get_by_role("button", name="Vis alle").click()
    page.wait_for_function("document.querySelectorAll('#tiltaksoversikt tbody tr[hidden]').length === 0")
    assert page.url == served + "oversikt/"
    page.goto(served + "oversikt/?status=finnes-ikke&omrade=9")  # unknown values are left out
    assert len(_visible_ids(page)) == 33
    context.close()


def test_without_javascript_controls_are_hidden_and_the_table_is_complete(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "oversikt/")
    assert not page.locator("form.plan-filter").is_visible()
    assert len(_visible_ids(page)) == 33
    assert page.locator(".plan-filter__noscript").inner_text() == (
        "Med JavaScript slått på kan du filtrere og sortere tabellen. Nå viser den alle 33 "
        "tiltakene i planens rekkefølge.")
    page.goto(served + "omrader/mangfold/")
    page.locator("#tiltak-1-1-1 summary").click()
    assert page.locator("#tiltak-1-1-1 details").get_attribute("open") is not None
    context.close()


@pytest.mark.parametrize("width", WIDTHS, ids=str)
@pytest.mark.parametrize("scheme", SCHEMES, ids=str)
def test_progress_pages_with_example_data_pass_axe(served, browser, width, scheme):
    problems = axe_pages(browser, served, PROGRESS_PAGES, WIDTHS[width], SCHEMES[scheme],
                         open_details=True)
    assert not problems, "\n".join(problems)
