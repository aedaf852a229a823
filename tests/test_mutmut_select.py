"""The guard `make mutanter` runs the tests under (tests/mutmut_select.py): while a test runs,
a write to the project's own files is refused before it happens; reads, and writes anywhere
else, go through. (The hook itself is installed only under mutmut; here its function is called
with the arguments Python's audit events give it.)"""

from __future__ import annotations

import os

import pytest

import mutmut_select as guard
from conftest import ROOT

WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


@pytest.fixture
def refused(monkeypatch) -> list[str]:
    """The guard as during a test; yields the list of the writes it refused."""
    monkeypatch.setattr(guard, "_in_test", True)
    monkeypatch.setattr(guard, "_refused", [])
    return guard._refused


@pytest.mark.parametrize("event,args,name", [
    ("open", (str(ROOT / "data" / "plan.yaml"), "w", WRITE), "data/plan.yaml"),
    ("open", (ROOT / "docs" / "index.md", None, os.O_RDWR), "docs/index.md"),
    ("open", (os.fsencode(ROOT / "mkdocs.yml"), "a", os.O_WRONLY | os.O_APPEND), "mkdocs.yml"),
    ("open", (str(ROOT / "ny.txt"), "x", WRITE), "ny.txt"),
    ("os.rename", ("/tmp/ny", str(ROOT / "README.md"), -1, -1), "README.md"),
    ("os.rename", (str(ROOT / "data" / "plan.yaml"), "/tmp/gammel", -1, -1), "data/plan.yaml"),
    ("os.remove", (str(ROOT / "tests" / "fixtures" / "eksempel" / "plan.yaml"), -1),
     "tests/fixtures/eksempel/plan.yaml"),
    ("os.mkdir", (str(ROOT / "ny-mappe"), 0o777, -1), "ny-mappe"),
    ("shutil.rmtree", (str(ROOT / "overrides"), None), "overrides"),
    ("os.utime", (str(ROOT / ".github" / "workflows" / "publish.yml"), None, None, None),
     ".github/workflows/publish.yml"),
], ids=["data", "docs-les-og-skriv", "mkdocs-legg-til", "ny-fil-i-prosjektet", "flytt-inn",
        "flytt-ut", "slett-eksempeldata", "ny-mappe", "slett-mappe", "endre-tid"])
def test_a_write_to_the_project_is_refused_and_noted(refused, event, args, name):
    with pytest.raises(PermissionError) as caught:
        guard._audit(event, args)
    assert caught.value.filename == name
    assert refused == [name]


@pytest.mark.parametrize("event,args", [
    ("open", (str(ROOT / "data" / "plan.yaml"), "r", os.O_RDONLY)),
    ("open", (str(ROOT / "data" / "plan.yaml"), None, os.O_RDONLY)),
    ("open", ("/tmp/pytest-x/data/plan.yaml", "w", WRITE)),
    ("open", (str(ROOT / "tests" / "__pycache__" / "x.pyc"), "wb", WRITE)),
    ("open", (3, "w", WRITE)),
    ("os.remove", ("plan.yaml", 5)),
    ("os.scandir", (str(ROOT / "data"),)),
], ids=["les", "les-med-os-open", "skriv-utenfor", "pytest-cache-i-tests", "filnummer",
        "slett-i-en-aapnet-mappe", "annen-hendelse"])
def test_reads_and_writes_elsewhere_go_through(refused, event, args):
    guard._audit(event, args)
    assert refused == []


def test_outside_a_test_the_guard_itself_may_put_files_back(monkeypatch):
    monkeypatch.setattr(guard, "_in_test", False)
    monkeypatch.setattr(guard, "_refused", [])
    guard._audit("open", (str(ROOT / "data" / "plan.yaml"), "w", WRITE))
    assert guard._refused == []
