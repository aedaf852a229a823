"""Helpers that several test modules share: the bad-data corpus and overlaying a case on the
example data, and picking one element out of a built page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from conftest import EXAMPLE_DATA, FIXTURES
from htmlscan import normalise
from macros.linkcontract import CONTRACT_FILE

BAD = FIXTURES / "ugyldig"
BAD_CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())


def overlay(case: Path, dest: Path) -> Path:
    """A data folder: the example data with the case's data files laid over it."""
    shutil.copytree(EXAMPLE_DATA, dest)
    for source in case.rglob("*"):
        if source.suffix != ".yaml" and source.name != CONTRACT_FILE:
            continue
        target = dest / source.relative_to(case)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return dest


def row(page: str, measure_id: str) -> str:
    """The HTML of a tiltak's row (`<tr id="tiltak-1-1-1">…</tr>`) in a page's table."""
    anchor = "tiltak-" + measure_id.replace(".", "-")
    found = re.search(rf'<tr id="{anchor}".*?</tr>', page, re.S)
    assert found, f"ingen rad for tiltak {measure_id}"
    return found.group(0)


def flat(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it (tags dropped, not turned into spaces)."""
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def element(page: str, tag: str, css_class: str) -> str:
    """The HTML of the first `<tag class="css_class …">…</tag>` (not nested in its own kind)."""
    found = re.search(rf'<{tag} class="{css_class}[" ].*?</{tag}>', page, re.S)
    assert found, f'ingen <{tag} class="{css_class}">'
    return found.group(0)

