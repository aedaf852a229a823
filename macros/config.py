"""The site's settings from mkdocs.yml, read in one place, the way MkDocs reads them.

MkDocs hands its loaded config to the hooks and the macros; the Zensical path (engine.py),
which runs outside MkDocs, loads it here with MkDocs' own loader (`load_site_config`: INHERIT
merged, `!ENV` resolved, checked). Either way, `SiteSettings.of` is the one place our code takes
`site_url`, `repo_url` and `extra` from, so the engines cannot read them differently.

The owner settings in `extra` are unknown until the organisation decides them, so they may be
empty; the pages then say they are not set yet. A set value must be usable: a bad one stops
the build with a Norwegian message instead of publishing a broken address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .settings import ROOT

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG_FILE = ROOT / "mkdocs.yml"
# SETTING in mkdocs.yml (extra.apne_data_lisens): the open data's licence; empty = not decided.
LICENCE_SETTING = "apne_data_lisens"
CONTACT_SETTING = "kontakt_epost"
STATEMENT_SETTING = "uustatus_url"
STATEMENT_HOST = "uustatus.no"
EMAIL = re.compile(r"[^@\s<>\"':/]+@[^@\s<>\"']+\.[^@\s<>\"'.]+")


@dataclass(frozen=True)
class AccessibilitySettings:
    """Where readers report a problem, and the statement's address on uustatus.no ("" = unset)."""

    contact_email: str = ""
    statement_url: str = ""


def accessibility_settings(extra: Mapping[str, Any] | None) -> AccessibilitySettings:
    """Read and check the settings; raise ValueError listing every bad one."""
    extra = extra or {}
    email = str(extra.get(CONTACT_SETTING) or "").strip()
    url = str(extra.get(STATEMENT_SETTING) or "").strip()
    problems = []
    if email and not EMAIL.fullmatch(email):
        problems.append(f"mkdocs.yml: extra.{CONTACT_SETTING}: '{email}' er ikke en e-postadresse "
                        f"(skriv bare adressen, for eksempel post@eksempel.no, uten mailto:)")
    parts = urlsplit(url)
    if url and (parts.scheme != "https" or parts.hostname not in (STATEMENT_HOST,
                                                                  f"www.{STATEMENT_HOST}")
                or re.search(r"\s", url)):
        problems.append(f"mkdocs.yml: extra.{STATEMENT_SETTING}: '{url}' er ikke en adresse på "
                        f"{STATEMENT_HOST} (den skal begynne med https://{STATEMENT_HOST}/)")
    if problems:
        raise ValueError("; ".join(problems))
    return AccessibilitySettings(email, url)


@dataclass(frozen=True)
class SiteSettings:
    """What our code uses of a loaded config: the public address, the repository and `extra`.

    `site_url` is "/" when unset; `repo_url` is None when unset (PLAN_REPO_URL).
    """

    site_url: str = "/"
    repo_url: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> SiteSettings:
        """The settings in a loaded config (MkDocs' config object, or a host's dict)."""
        return cls(config.get("site_url") or "/", config.get("repo_url") or None,
                   config.get("extra") or {})

    @property
    def licence(self) -> str:
        """The open data's licence (extra.apne_data_lisens), or "" while it is not decided."""
        return str(self.extra.get(LICENCE_SETTING) or "").strip()

    def accessibility(self) -> AccessibilitySettings:
        """The accessibility statement's settings, checked; raises ValueError if one is bad."""
        return accessibility_settings(self.extra)


def load_site_config(config_file: Path = CONFIG_FILE) -> MkDocsConfig:
    """mkdocs.yml (or a variant that INHERITs it) as `mkdocs build` reads and checks it.

    Plugins and hooks are left out: nothing read from the config depends on them, and loading
    them would import the whole of mkdocs-macros into a Zensical build.
    """
    from mkdocs.config import load_config

    return load_config(str(config_file), plugins=[], hooks=[])
