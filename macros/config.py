"""Owner settings for the accessibility statement, from `extra` in mkdocs.yml, checked.

Both are unknown until the organisation decides them, so both may be empty; the page then says
they are not set yet. A set value must be usable: a bad one stops the build with a Norwegian
message instead of publishing a broken address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

CONTACT_SETTING = "kontakt_epost"
STATEMENT_SETTING = "uustatus_url"
STATEMENT_HOST = "uustatus.no"
EMAIL = re.compile(r"[^@\s<>\"':/]+@[^@\s<>\"']+\.[^@\s<>\"'.]+")


@dataclass(frozen=True)
class AccessibilitySettings:
    """Where readers report a problem, and the statement's address on uustatus.no ("" = unset)."""

    contact_email: str = ""
    statement_url: str = ""


def accessibility_settings(extra: dict | None) -> AccessibilitySettings:
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
