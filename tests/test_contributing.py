"""CONTRIBUTING.md and README.md stay true: their error messages are what `make check` says,
and the statuses they list are the real ones."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from macros.errors import NOT_PUBLISHED_YET, DataErrors
from macros.load import load_plan
from macros.verify import verify

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
MEASURE = '''        tekst: "Etablere et samarbeid med en relevant tilbyder av sertifisering i mangfoldsledelse."
'''
# The mistakes Guide 6 shows, made on a copy of the real data: (file, old text, new text).
MISTAKES = {
    "status-felt-dato": ("omrader/1-mangfold.yaml", MEASURE, MEASURE + '''        logg:
          - dato: 2025-03-14
            status: ferdig
            tekst: "Eksempel: avtalen er signert."
          - dato: 2025-02-30
            stauts: pagar
            tekst: "Eksempel: første møte."
'''),
    "kolon": ("omrader/1-mangfold.yaml", MEASURE, MEASURE + '''        logg:
          - dato: 2025-03-14
            status: pagar
            tekst: Eksempel: første møte er holdt.
'''),
    "innrykk": ("omrader/1-mangfold.yaml", MEASURE, MEASURE + '''        logg:
          - dato: 2025-03-14
            status: pagar
           tekst: "Eksempel: første møte er holdt."
'''),
    "tall-som-id": ("omrader/1-mangfold.yaml", '      - id: "1.1.2"', "      - id: 1.10"),
    "ny-status-uten-skjema": ("plan.yaml", "    farge: rod\n", '''    farge: rod
  - id: avventer
    navn: "Avventer"
    beskrivelse: "Eksempel: arbeidet venter på svar eller vedtak fra andre."
    ikon: pause
    farge: gul
'''),
}


def make_check(tmp_path, name: str, old: str, new: str) -> list[str]:
    """What `make check` prints about a copy of the real data with `old` replaced by `new`."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("schema"))
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        verify(folder)
    return caught.value.report(NOT_PUBLISHED_YET).replace(folder.as_posix() + "/", "data/") \
        .splitlines()


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_error_message_in_the_guide_is_what_make_check_says(tmp_path, mistake):
    summary, *errors = make_check(tmp_path, *MISTAKES[mistake])
    for line in errors:
        assert line in GUIDE, line
    if len(errors) > 1:  # the guide shows the whole report where there are several errors
        assert "\n".join([summary, *errors]) in GUIDE


def _code_after(text: str, heading: str, language: str) -> str:
    """The first code block in `language` after `heading`."""
    section = text[text.index(heading):]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_error_is_what_make_check_says(tmp_path):
    """The README's example log entry, with the status 'ferdig', gives the README's message."""
    heading = "## Slik melder du fremdrift"
    example = _code_after(README, heading, "yaml").replace("status: pagar", "status: ferdig")
    summary, *errors = make_check(tmp_path, "omrader/1-mangfold.yaml",
                                  '      - id: "1.1.1"\n' + MEASURE, example)
    assert summary == f"Fant 1 feil i dataene. {NOT_PUBLISHED_YET}"
    assert errors == _code_after(README, heading, "text").splitlines()


def test_status_table_in_the_guide_is_the_vocabulary():
    plan = load_plan(ROOT / "data")
    rows = re.findall(r"^\s*\| `([a-z-]+)` \| ([^|]+) \|", GUIDE, re.M)
    assert rows == [(s.id, s.name) for s in plan.statuses]


def test_links_inside_the_guide_point_at_its_headings():
    slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
             for h in re.findall(r"^#+ (.+)$", GUIDE, re.M)}
    targets = re.findall(r"\]\(#([^)]+)\)", GUIDE)
    assert targets and set(targets) <= slugs, set(targets) - slugs


def test_files_named_in_the_guide_exist():
    for name in re.findall(r"`((?:data|docs)/[\w./-]+\.(?:yaml|json|md))`", GUIDE):
        assert (ROOT / name).is_file(), name
