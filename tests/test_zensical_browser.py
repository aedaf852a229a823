"""The Zensical build in Chromium, as test_every_page.py does for MkDocs: on every page axe-core
finds no WCAG 2.1 A/AA violation, every request goes to the local server and succeeds, and no
script fails. One wide light and one narrow dark walk, since the theme is the same one."""

from __future__ import annotations

import pytest

from browser import SCHEMES, WIDTHS
from test_every_page import expected_pages, problems

COMBINATIONS = [("bred", "lys"), ("smal", "mork")]


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def test_zensical_site_passes_axe_loads_only_local_files_and_runs_without_errors(
        combination, walk_of, zensical_site):
    walk = walk_of(zensical_site, WIDTHS[combination[0]], SCHEMES[combination[1]])
    assert sorted(walk.pages) == expected_pages()
    assert len(walk.requests.requests) > len(walk.pages)
    assert problems(walk) == {kind: [] for kind in problems(walk)}
