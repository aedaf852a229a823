"""Valid HTML: the Nu Html Checker finds no error of ours on any page of the real site or of the
example site, and Material's known findings are exactly the ones listed in htmlcheck.py.

The checker runs once for both sites (the session fixture `html_findings`).
"""

from __future__ import annotations

import pytest

from htmlcheck import MATERIAL_FINDINGS, html_findings, material_finding  # noqa: F401 (fixture)


@pytest.mark.parametrize("site", ["ekte", "eksempel"])
def test_no_html_errors_of_our_own(html_findings, site):
    ours = [f for f in html_findings[site] if material_finding(f) is None]
    assert not ours, f"{len(ours)} feil:\n" + "\n".join(map(str, ours[:40]))


def test_every_listed_material_finding_still_occurs(html_findings):
    """A finding Material no longer has (or that we fixed) comes off the list."""
    seen = {material_finding(f) for f in html_findings["ekte"]}
    assert set(MATERIAL_FINDINGS) <= seen, set(MATERIAL_FINDINGS) - seen


def test_the_checker_reports_an_error_it_is_given(tmp_path):
    """The checker is really running: a page with a table role error is reported."""
    from htmlcheck import check

    page = tmp_path / "feil.html"
    page.write_text('<!doctype html><html lang="nb"><title>x</title><table><tr role="row">'
                    '<td>1</td></tr></table>', encoding="utf-8")
    (finding,) = check({"prøve": tmp_path})["prøve"]
    assert finding.page == "feil.html"
    assert finding.message.startswith("The “role” attribute must not be used on a “tr” element")
    assert finding.markup == '<tr role="row">'
