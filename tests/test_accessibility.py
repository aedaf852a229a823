"""Keyboard and screen reader: what axe-core cannot check on its own.

Tabs through pages of the example site (which has history toggles and every status) in
Chromium, and reads what assistive technology gets from the accessibility tree.
"""

from __future__ import annotations

import re

import pytest

from browser import axe_violations, describe_violations, new_context, page_urls
from conftest import EXAMPLE_DATA
from htmlscan import PageScan
from macros.load import load_plan

EXAMPLE = load_plan(EXAMPLE_DATA)
AREA_PAGE = "omrader/mangfold/"
REGIONS = ["skip", "header", "sidebar", "content", "footer"]

# Tags every element that should be reachable by Tab, in document order.
MARK_FOCUSABLE = """() => {
  // A radio group is one Tab stop: its checked button, or the first one when none is checked.
  const firstOfGroup = e => {
    const group = [...document.querySelectorAll(`input[type=radio][name="${e.name}"]`)];
    return e.checked || (!group.some(g => g.checked) && group[0] === e);
  };
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const reachable = [...document.querySelectorAll(selector)].filter(e =>
    e.tabIndex >= 0 && !e.disabled && !e.closest('[inert], [hidden]')
    && e.getClientRects().length > 0 && e.checkVisibility({visibilityProperty: true})
    && !(e.type === 'radio' && e.name && !firstOfGroup(e)));
  reachable.forEach((e, i) => e.dataset.kb = i);
  return reachable.length;
}"""

# What the focused element is, where it is, and how its focus is drawn.
DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const ring = e.matches('.md-option') ? e.nextElementSibling : e;
  const style = getComputedStyle(ring);
  const region = e.closest('.md-skip') ? 'skip' : e.closest('.md-header') ? 'header'
    : e.closest('.md-sidebar') ? 'sidebar' : e.closest('.md-content') ? 'content'
    : e.closest('.md-footer') ? 'footer' : 'other';
  return {kb: e.dataset.kb ?? null, region, tag: e.tagName.toLowerCase(),
          name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
          outline: [style.outlineStyle, parseFloat(style.outlineWidth)],
          ringVisible: ring.getClientRects().length > 0 && getComputedStyle(ring).visibility !== 'hidden'
            && ring.getBoundingClientRect().right > 0 && ring.getBoundingClientRect().left < innerWidth,
          uncovered: (() => { const r = ring.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return !!hit && (ring.contains(hit) || hit.contains(ring)); })()};
}"""


def tab_through(page, limit: int = 500) -> list[dict]:
    """Press Tab until focus comes round to an element it has been on; the focus stops."""
    stops: list[dict] = []
    seen: set[str | None] = set()
    outside = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        if focus is None:  # past the end of the page: the next Tab starts at the top again
            outside += 1
            if outside > 3:
                break
            continue
        if focus["kb"] is not None and focus["kb"] in seen:
            break
        seen.add(focus["kb"])
        stops.append(focus)
    return stops


@pytest.fixture(scope="module")
def example_server(serve, example_site) -> str:
    return serve(example_site.site)


@pytest.fixture(params=[(1280, "light"), (375, "dark")], ids=["bred-lys", "smal-mork"])
def area_page(request, browser, example_server):
    context = new_context(browser, *request.param)
    page = context.new_page()
    page.goto(example_server + AREA_PAGE)
    yield page
    context.close()


def test_skip_link_comes_first_is_norwegian_visible_and_moves_focus_to_the_content(area_page):
    area_page.keyboard.press("Tab")
    skip = area_page.locator(".md-skip")
    assert area_page.evaluate("document.activeElement.className").startswith("md-skip")
    assert skip.inner_text().strip() == "Gå til innhold"
    area_page.wait_for_function("getComputedStyle(document.querySelector('.md-skip')).opacity == 1")
    box = skip.bounding_box()
    assert box and box["width"] > 40 and box["y"] >= 0
    area_page.keyboard.press("Enter")
    heading = area_page.locator("h1").first
    assert area_page.evaluate("location.hash") == "#" + heading.get_attribute("id")
    area_page.keyboard.press("Tab")
    assert area_page.evaluate(DESCRIBE_FOCUS)["region"] == "content"


def test_tab_reaches_every_control_in_order_with_a_visible_focus(area_page):
    expected = area_page.evaluate(MARK_FOCUSABLE)
    stops = tab_through(area_page)
    reached = [s["kb"] for s in stops if s["kb"] is not None]
    missing = sorted(set(map(str, range(expected))) - set(reached), key=int)
    assert not missing, [area_page.evaluate(
        f"document.querySelector('[data-kb=\"{i}\"]').outerHTML.slice(0, 120)") for i in missing]
    # Skip link, then header, sidebars, the page's content, the footer: never back.
    order = [REGIONS.index(s["region"]) for s in stops if s["region"] in REGIONS]
    assert order == sorted(order), [s["region"] for s in stops]
    assert stops[0]["region"] == "skip"
    content = [int(s["kb"]) for s in stops if s["region"] == "content"]
    assert content == sorted(content), "focus jumps around inside the content"
    assert any(s["tag"] == "summary" for s in stops), "the history toggles are not reachable"
    weak = [s for s in stops if not _focus_shows(s)]
    assert not weak, weak


def test_history_opens_and_closes_by_keyboard_and_its_links_become_reachable(area_page):
    details = area_page.locator("#tiltak-1-1-1 details.plan-history")
    summary = details.locator("summary")
    summary.focus()
    assert not details.evaluate("d => d.open")
    area_page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    link = details.locator("a").first
    link_text = link.inner_text()
    for _ in range(10):
        area_page.keyboard.press("Tab")
        if area_page.evaluate("document.activeElement.closest('details.plan-history') !== null"):
            break
    assert area_page.evaluate("document.activeElement.textContent") == link.text_content()
    assert link_text.startswith("Les mer")
    summary.focus()
    area_page.keyboard.press(" ")
    assert not details.evaluate("d => d.open")


def test_colour_scheme_toggle_works_by_keyboard(area_page):
    toggle = area_page.locator(".md-option").first
    toggle.focus()
    before = area_page.evaluate("document.body.dataset.mdColorScheme")
    area_page.keyboard.press("Enter")
    after = area_page.evaluate("document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
    focus = area_page.evaluate(DESCRIBE_FOCUS)
    assert focus["name"].startswith("Bytt til") and focus["ringVisible"], focus


def test_narrow_menu_opens_by_keyboard_and_shows_every_stop_inside(browser, example_server):
    context = new_context(browser, 375)
    page = context.new_page()
    try:
        page.goto(example_server + AREA_PAGE)
        # A real button inside Material's label (a label may have no button role).
        menu = page.locator('.md-header label[for="__drawer"] > button')
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        assert (focus["tag"], focus["name"]) == ("button", "Meny")
        assert page.get_by_role("button", name="Meny", exact=True).count() == 1
        assert page.locator('.md-header label[for="__drawer"]').get_attribute("role") is None
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        page.wait_for_timeout(300)  # the drawer slides in
        assert not describe_violations(AREA_PAGE, axe_violations(page))
        stops = []
        while page.evaluate("document.getElementById('__drawer').checked") and len(stops) < 30:
            focus = page.evaluate(DESCRIBE_FOCUS)
            if focus["region"] != "sidebar":
                break
            stops.append(focus)
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
        assert stops and all(s["ringVisible"] and s["uncovered"] for s in stops), stops
        assert not page.evaluate("document.getElementById('__drawer').checked"), \
            "tabbing out of the drawer leaves it open"
        names = [s["name"] for s in stops]
        assert names[0] == "Tilbake" and "Utviklingsområde 2: Fordypning" in names, names
        # Back to the top level, where the other pages are.
        menu.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")  # on "Tilbake"
        page.wait_for_timeout(300)
        focus = page.evaluate(DESCRIBE_FOCUS)
        assert focus["name"] == "Utviklingsområder" and focus["uncovered"], focus
        top_level = []
        for _ in range(8):
            page.keyboard.press("Tab")
            top_level.append(page.evaluate(DESCRIBE_FOCUS))
        visible = [s["name"] for s in top_level if s["region"] == "sidebar" and s["uncovered"]]
        assert {"Statusoversikt", "Om planen"} <= set(visible), top_level
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
    finally:
        context.close()


def test_narrow_menu_buttons_work_with_a_pointer_too(browser, example_server):
    """A click on the button inside Material's label opens or closes once, not twice."""
    context = new_context(browser, 375)
    page = context.new_page()
    checked = "id => document.getElementById(id).checked"
    try:
        page.goto(example_server + "oversikt/")
        page.get_by_role("button", name="Meny", exact=True).click()
        assert page.evaluate(checked, "__drawer")
        section = page.get_by_role("button", name="Utviklingsområder", exact=True)
        section_toggle = page.locator(".md-sidebar--primary label.md-nav__link[for]").first
        toggle_id = section_toggle.get_attribute("for")
        section.click()
        assert page.evaluate(checked, toggle_id)
        # The open panel covers its button, which is then hidden from the accessibility tree.
        assert page.locator(f'label.md-nav__link[for="{toggle_id}"] > button').get_attribute(
            "aria-expanded") == "true"
        page.get_by_role("button", name="Tilbake", exact=True).click()
        assert not page.evaluate(checked, toggle_id)
        page.keyboard.press("Escape")
        assert not page.evaluate(checked, "__drawer")
    finally:
        context.close()


def test_every_page_can_be_tabbed_without_a_trap(browser, example_server, example_site):
    context = new_context(browser, 1280)
    page = context.new_page()
    trapped, weak = [], []
    try:
        for url in page_urls(example_site.site):
            page.goto(example_server + url)
            expected = page.evaluate(MARK_FOCUSABLE)
            stops = tab_through(page)
            reached = {s["kb"] for s in stops if s["kb"] is not None}
            if len(reached) < expected:
                trapped.append(f"{url or '/'}: {len(reached)} av {expected}")
            weak += [f"{url or '/'}: {s}" for s in stops if not _focus_shows(s)]
    finally:
        context.close()
    assert not trapped, trapped
    assert not weak, "\n".join(weak)


def _focus_shows(stop: dict) -> bool:
    """A focus ring at least 2 px wide, drawn where it can be seen."""
    style, width = stop["outline"]
    return style not in ("none", "hidden") and width >= 2 and stop["ringVisible"]


def test_overview_filter_works_by_keyboard(browser, example_server):
    context = new_context(browser, 1280)
    page = context.new_page()
    rows = "table.plan-table--overview tbody tr:not([hidden])"
    try:
        page.goto(example_server + "oversikt/")
        total = page.locator(rows).count()
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SELECT":
                break
        focus = page.evaluate(DESCRIBE_FOCUS)
        assert focus["tag"] == "select" and _focus_shows(focus), focus
        shown = f"document.querySelectorAll('{rows}').length"
        page.keyboard.press("ArrowDown")  # the next status in the list
        page.wait_for_function(f"0 < {shown} && {shown} < {total}")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "BUTTON":
                break
        assert _focus_shows(page.evaluate(DESCRIBE_FOCUS))
        assert page.evaluate("document.activeElement.textContent").strip() == "Vis tiltak"
        page.keyboard.press("Tab")
        assert _focus_shows(page.evaluate(DESCRIBE_FOCUS))
        assert page.evaluate("document.activeElement.textContent").strip() == "Vis alle"
        page.keyboard.press("Enter")
        page.wait_for_function(f"{shown} == {total}")
    finally:
        context.close()


# What a screen reader reads -----------------------------------------------------------------

def test_status_badges_read_as_their_status_name(area_page):
    names = {s.name for s in (*EXAMPLE.statuses, EXAMPLE.unreported)}
    badges = area_page.locator(".plan-status").all()
    assert badges
    for badge in badges:
        assert badge.locator("svg[aria-hidden=true]").count() == 1
        spoken = re.sub(r"\s+", " ", badge.evaluate("b => b.textContent")).strip()
        assert spoken in names, spoken


def test_status_cell_reads_status_and_date(area_page):
    measure = EXAMPLE.measures_by_id["1.1.1"]
    snapshot = area_page.locator("#tiltak-1-1-1 .plan-table__status").aria_snapshot()
    assert f"{measure.latest.status.name} sist oppdatert" in snapshot, snapshot
    unreported = area_page.locator("#tiltak-1-1-3").aria_snapshot()
    assert f'cell "{EXAMPLE.unreported.name}"' in unreported, unreported


def test_table_rows_are_announced_with_their_number(area_page):
    snapshot = area_page.locator("#tiltak-1-1-3").aria_snapshot()
    assert snapshot.startswith('- row "1.1.3 ')
    assert 'rowheader "1.1.3"' in snapshot


def test_front_page_counts_read_as_a_number_of_measures(browser, example_server):
    context = new_context(browser, 1280)
    page = context.new_page()
    try:
        page.goto(example_server)
        snapshot = page.locator(".plan-summary__area").first.aria_snapshot()
    finally:
        context.close()
    assert re.search(r"listitem: \w[\w ]* \d+ tiltak", snapshot), snapshot


def test_landmarks_have_norwegian_names(example_site):
    labels = {a.get("aria-label") for t, a in PageScan(example_site.page(AREA_PAGE)).tags
              if t == "nav"}
    assert {"Topptekst", "Bunntekst", "Navigasjon"} <= labels, labels
    assert not labels & {"Header", "Footer", "Navigation"}


def test_every_graphic_is_hidden_or_named(example_site):
    """Icons next to text are hidden from screen readers; a chart or picture must have a name."""
    unnamed = []
    for path in example_site.html_files():
        html = path.read_text(encoding="utf-8")
        article = html[html.find('<article'):html.find('</article>')]
        for svg in re.findall(r"<svg\b[^>]*>(?:(?!</svg>).)*</svg>", article, re.S):
            opening = svg[:svg.index(">")]
            hidden = 'aria-hidden="true"' in opening
            named = re.search(r'aria-label(ledby)?="[^"]+"', opening) or "<title>" in svg
            if not hidden and not (named and 'role="img"' in opening):
                unnamed.append(f"{path.relative_to(example_site.site)}: {opening[:100]}")
        for img in re.findall(r"<img\b[^>]*>", article):
            if not re.search(r'\balt="', img):
                unnamed.append(f"{path.relative_to(example_site.site)}: {img[:100]}")
    assert not unnamed, "\n".join(unnamed)
