"""Every page of the real site in Chromium: axe-core finds no WCAG 2.1 A/AA violation, at 1280 and
375 px, in the light and the dark scheme, and every request goes to the local server and succeeds.

The pages are found by walking the built site, so a page added later is covered without a change
here; the expected list of pages is made independently, from docs/ and the plan's ids. Each
width/scheme combination loads every page once, in one browser context, and is one test that
reports every kind of problem it found (so pytest-xdist can run the walks side by side).
"""

from __future__ import annotations

import pytest

from browser import SCHEMES, WIDTHS, Walk, is_local
from conftest import ROOT
from macros.load import load_plan

COMBINATIONS = [(w, s) for w in WIDTHS for s in SCHEMES]


def expected_pages() -> list[str]:
    """The site's pages from their sources: each Markdown file in docs/, a page per delmål and
    per tiltak in data/ (4 areas, 14 delmål, 33 tiltak) and the not-found page."""
    docs = [p.relative_to(ROOT / "docs").as_posix().removesuffix(".md")
            for p in (ROOT / "docs").rglob("*.md")]
    from_docs = ["" if d == "index" else d.removesuffix("index") if d.endswith("/index")
                 else d + "/" for d in docs]
    plan = load_plan()
    items = [f"delmal/{g.id.replace('.', '-')}/" for g in plan.goals] + \
            [f"tiltak/{m.id.replace('.', '-')}/" for m in plan.measures]
    return sorted([*from_docs, *items, "404.html"])


def problems(walk: Walk) -> dict[str, list[str]]:
    """Everything a walk found wrong, by kind; every list is empty on a good site."""
    failures = walk.requests.settled_failures() if walk.settled else walk.requests.broken()
    return {
        "Material viser feil fargeskjema": walk.wrong_scheme,
        "axe-core": walk.violations,
        "forespørsler til andre enn nettstedet": sorted(
            {u for u in walk.requests.requests if not is_local(u, walk.base)}),
        "forespørsler som feilet": failures,
        "skriptfeil": walk.errors,
    }


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def test_every_page_passes_axe_loads_only_local_files_and_runs_without_errors(
        combination, walk_of, real_site):
    # Waiting for the network to go quiet (the search worker loads late) costs half a second a
    # page, so only the first combination does it; the others may cut those late loads short.
    walk = walk_of(real_site, WIDTHS[combination[0]], SCHEMES[combination[1]],
                   settle=combination == COMBINATIONS[0])
    print(f"\n{combination}: {len(walk.pages)} sider, {len(walk.requests.requests)} "
          f"forespørsler, {walk.seconds:.1f} s")
    assert len(walk.pages) == 61
    assert sorted(walk.pages) == expected_pages()
    assert len(walk.requests.requests) > len(walk.pages)  # each page and its own files
    assert problems(walk) == {kind: [] for kind in problems(walk)}
