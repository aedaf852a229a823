"""CONTRIBUTING.md stays true: its error messages are what the loader says, its statuses are real."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from macros.errors import DataErrors
from macros.load import load_plan

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
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


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_error_message_in_the_guide_is_what_make_check_says(tmp_path, mistake):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("schema"))
    name, old, new = MISTAKES[mistake]
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_plan(folder)
    for error in caught.value.errors:
        line = str(error).replace(folder.as_posix() + "/", "data/")
        assert line in GUIDE, line


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
