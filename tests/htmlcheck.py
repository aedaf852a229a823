"""The Nu Html Checker (vnu.jar) over every page of the built sites, in one Java run.

`make test` installs vnu.jar (npm's vnu-jar, pinned in tests/vnu/package-lock.json) into
.venv/vnu and, where Java is missing, Debian's default-jre-headless (`make htmlcheck`). The
checker starts once per test session for all pages of the real and the example site (a few
seconds of CPU); `html_findings` is the session fixture, a dict from site name to findings.

Material's own markup has a few findings we cannot change without copying its templates.
They are listed in MATERIAL_FINDINGS by exact message and the exact markup the checker points
at, so a new finding of any kind, ours or Material's, fails the tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("JAVA", "java")
# A bigger thread stack (the checker overflows the default on long pages), and only the
# first JIT tier: the run is short, and full optimisation doubles its CPU time.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@dataclass(frozen=True)
class Finding:
    """One error the checker reports: the page, the line, the message, the markup it points at."""

    page: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message} {self.markup}"


# Material for MkDocs' markup, not ours: (message, the markup the checker points at).
MATERIAL_FINDINGS = {
    # base.html: the hidden checkboxes behind the drawer and the search carry autocomplete.
    "autocomplete på skjulte avkrysningsbokser": (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                   r'id="__(drawer|search)" autocomplete="off">')),
    # partials/nav-item.html with navigation.sections: a section's label gets tabindex="".
    "tom tabindex på seksjoner i menyen": (
        "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a "
        "valid integer.",
        re.compile(r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label" '
                   r'tabindex="">')),
    # partials/toc.html: a page outside the navigation (not_in_nav: the tiltak and delmål
    # pages) gets the table of contents' label, but not the checkbox it labels.
    "innholdslisten uten avkrysningsboks": (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden "
        "form control.",
        re.compile(r'<label class="md-nav__title" for="__toc">')),
}


def material_finding(finding: Finding) -> str | None:
    """The name of the known Material finding this is, or None."""
    for name, (message, markup) in MATERIAL_FINDINGS.items():
        if finding.message == message and markup.fullmatch(finding.markup):
            return name
    return None


def check(sites: dict[str, Path]) -> dict[str, list[Finding]]:
    """Run the checker once over every HTML file of the sites; errors per site name."""
    if not VNU_JAR.is_file():
        pytest.fail(f"Nu Html Checker mangler ({VNU_JAR.relative_to(ROOT)}): kjør make htmlcheck "
                    "(make test gjør det selv)", pytrace=False)
    files = {path: name for name, site in sites.items() for path in sorted(site.rglob("*.html"))}
    command = [JAVA, *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--format", "json", "--stdout",
               "--errors-only", "--exit-zero-always", "--no-langdetect", *map(str, files)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.fail(f"Fant ikke Java ('{JAVA}'), som Nu Html Checker trenger: kjør make htmlcheck "
                    "eller sett JAVA=/sti/til/java", pytrace=False)
    if result.returncode != 0 or not result.stdout.strip():
        pytest.fail(f"Nu Html Checker stoppet ({result.returncode}):\n{result.stderr}",
                    pytrace=False)
    found: dict[str, list[Finding]] = {name: [] for name in sites}
    by_path = {path.resolve(): (name, path) for path, name in files.items()}
    for message in json.loads(result.stdout)["messages"]:
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        name, file = by_path.get(path, (next(iter(sites)), path))
        extract, start = message.get("extract", ""), message.get("hiliteStart", 0)
        found[name].append(Finding(
            page=file.relative_to(sites[name]).as_posix() if file in files else str(path),
            line=message.get("lastLine", 0), message=message["message"],
            markup=extract[start:start + message.get("hiliteLength", len(extract))].strip()))
    return found


@pytest.fixture(scope="session")
def html_findings(real_site, example_site) -> dict[str, list[Finding]]:
    """The checker's errors on the real site ("ekte") and the example site ("eksempel")."""
    return check({"ekte": real_site.site, "eksempel": example_site.site})
