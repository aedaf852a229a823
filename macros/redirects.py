"""Redirects: old addresses that send readers on to the new one (data/omdirigeringer.yaml).

A published address must never become a silent 404. When a page is renamed or a tiltak or
delmål is renumbered, editors add `fra`/`til` to the redirects file. Each entry becomes a
small redirect page at the old address (meta refresh, canonical link, and a visible link);
a renumbered tiltak or delmål also keeps its old anchor on its old area page, as a note
pointing to the new number. Everything here is host-neutral: plan and file in, pages out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import DataError, DataErrors
from .model import Goal, Measure, Plan, item_anchor, item_page_url
from .read import mtime, read_document
from .settings import data_dir
from .templating import environment
from .urls import absolute, relative
from .validate import SCHEMA_DIR, schema_validator, validate

REDIRECTS_FILE = "omdirigeringer.yaml"
SCHEMA_FILE = "omdirigeringer.schema.json"
SCHEMA_REF = f"schema/{SCHEMA_FILE}"
TEMPLATE = "redirect.html"
ITEM_ID = re.compile(r"^\d+(?:\.\d+){1,2}$")


@dataclass(frozen=True)
class Redirect:
    """One old address (`source`) and where it now lives (`target`), both page or item id."""

    source: str
    target: str
    file: str
    marks: dict[str, tuple[int, int]]  # "fra"/"til": (line, column) of the value

    @property
    def is_item(self) -> bool:
        return bool(ITEM_ID.match(self.source))

    @property
    def source_url(self) -> str:
        return item_page_url(self.source) if self.is_item else self.source

    @property
    def target_url(self) -> str:
        return item_page_url(self.target) if self.is_item else self.target


def load_redirects(plan: Plan, folder: Path | None = None) -> tuple[Redirect, ...]:
    """Read and check the redirects file against the plan; no file means no redirects."""
    path = (folder or data_dir()).resolve() / REDIRECTS_FILE
    redirects = _read(path, mtime(path), mtime(SCHEMA_DIR / SCHEMA_FILE))
    errors = [DataError(r.file, *r.marks[field], f"omdirigering {r.source}", field, message)
              for r, field, message in _problems(redirects, plan)]
    if errors:
        raise DataErrors(errors)
    return redirects


@lru_cache(maxsize=4)
def _read(path: Path, stamp: int, schema_stamp: int) -> tuple[Redirect, ...]:
    """The file's entries, checked against its schema; the mtimes only key the cache."""
    if stamp < 0:
        return ()
    doc = read_document(path, SCHEMA_REF)
    validate(doc, schema_validator(SCHEMA_DIR, SCHEMA_FILE))
    if doc.errors:
        raise DataErrors(doc.errors)
    return tuple(
        Redirect(e["fra"], e["til"], doc.display,
                 {f: doc.where(("omdirigeringer", i, f)) for f in ("fra", "til")})
        for i, e in enumerate(doc.value["omdirigeringer"]))


def _problems(redirects: tuple[Redirect, ...],
              plan: Plan) -> Iterator[tuple[Redirect, str, str]]:
    """(redirect, field, Norwegian message) for every entry that cannot work."""
    seen: set[str] = set()
    area_ids = {a.id for a in plan.areas}
    for r in redirects:
        if r.source in seen:
            yield r, "fra", f"'{r.source}' har allerede en omdirigering; behold bare én"
        seen.add(r.source)
        if r.is_item != bool(ITEM_ID.match(r.target)):
            yield r, "til", ("'fra' og 'til' må være samme slags: begge sideadresser "
                             "(\"gammel-side/\") eller begge nummer (\"1.1.8\")")
            continue
        if not r.is_item:
            continue
        items = {**plan.goals_by_id, **plan.measures_by_id}
        if r.source in items:
            yield r, "fra", (f"{r.source} finnes fortsatt i planen; en omdirigering er bare for "
                             f"nummer som ikke brukes lenger")
        if r.target not in items:
            yield r, "til", f"{r.target} finnes ikke i planen (skriv nummeret det har nå)"
        elif r.source.count(".") != r.target.count("."):
            yield r, "til", "et tiltak kan bare sende videre til et tiltak, og et delmål til et delmål"
        if r.source.split(".")[0] not in area_ids:
            yield r, "fra", (f"utviklingsområde {r.source.split('.')[0]} finnes ikke lenger; "
                             f"legg også inn en omdirigering for den gamle områdesiden")


def page_errors(redirects: tuple[Redirect, ...], page_urls: set[str]) -> list[DataError]:
    """Page redirects that clash with a page or lead nowhere."""
    errors = []
    for r in redirects:
        if r.source_url in page_urls:
            errors.append(DataError(r.file, *r.marks["fra"], f"omdirigering {r.source}", "fra",
                                    f"siden '{r.source_url}' finnes; en omdirigering er bare "
                                    f"for adresser som ikke brukes lenger"))
        if not r.is_item and r.target_url not in page_urls:
            errors.append(DataError(r.file, *r.marks["til"], f"omdirigering {r.source}", "til",
                                    f"siden '{r.target}' finnes ikke (tillatt: en side på "
                                    f"nettstedet, for eksempel 'om-planen/')"))
    return errors


def page_problems(redirects: tuple[Redirect, ...], page_urls: set[str]) -> list[str]:
    """`page_errors` as Norwegian lines, for the build hooks."""
    return [str(e) for e in page_errors(redirects, page_urls)]


def redirect_pages(redirects: tuple[Redirect, ...], site_url: str) -> list[tuple[str, str]]:
    """(site path of the old address's index.html, HTML) for every redirect."""
    template = environment().get_template(TEMPLATE)
    return [(f"{r.source_url}index.html",
             template.render(url=relative(r.target_url, r.source_url),
                             canonical=absolute(r.target_url, site_url)))
            for r in redirects]


def moved_from_area(redirects: tuple[Redirect, ...], plan: Plan,
                    area_id: str) -> list[tuple[str, str, Goal | Measure]]:
    """(old id, old anchor, item now) for renumbered items that used to be in this area."""
    items: dict[str, Goal | Measure] = {**plan.goals_by_id, **plan.measures_by_id}
    return [(r.source, item_anchor(r.source), items[r.target]) for r in redirects
            if r.is_item and r.source.split(".")[0] == area_id]
