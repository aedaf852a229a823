"""The loader: the real data loads, and every bad file in the corpus fails as expected."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DATE, EXAMPLE_DATA, FIXTURES, ROOT
from helpers import BAD, BAD_CASES, overlay
from macros import check as check_module
from macros.check import CHECKS
from macros.errors import NOT_PUBLISHED_YET, DataError, DataErrors
from macros.load import load_plan
from macros.verify import verify


def messages_for(case: str, tmp_path: Path) -> list[str]:
    """What `make check` says about a case, on the tests' build date, without the folder."""
    folder = overlay(BAD / case, tmp_path / "data")
    try:
        verify(folder, dt.date.fromisoformat(BUILD_DATE))
    except DataErrors as caught:
        prefix = folder.as_posix() + "/"
        return [str(e).replace(prefix, "") for e in caught.errors]
    return []


def expected_for(case: str) -> list[str]:
    lines = (BAD / case / "forventet.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def test_real_plan_loads_with_the_plan_counts():
    plan = load_plan(ROOT / "data")
    assert [a.id for a in plan.areas] == ["1", "2", "3", "4"]
    assert len(plan.goals) == 14
    assert len(plan.measures) == 33
    assert [m.id for m in plan.goals_by_id["1.1"].measures] == [f"1.1.{i}" for i in range(1, 8)]


def test_real_plan_ships_no_progress():
    """The shipped data is the plan text only; no status has been reported yet."""
    plan = load_plan(ROOT / "data")
    assert all(not m.log and m.owner is None and m.deadline is None for m in plan.measures)
    assert {plan.status_of(m).id for m in plan.measures} == {"ikke-rapportert"}


def test_real_plan_cross_reference_and_items():
    plan = load_plan(ROOT / "data")
    assert plan.measures_by_id["3.1.1"].see == "1.1"
    assert plan.measures_by_id["3.5.1"].items == (
        "Mediefag/digitale kunstfag", "Dans", "Teater", "Visuell kunst", "Folkemusikk")


def test_example_data_current_status_is_newest_entry():
    plan = load_plan(EXAMPLE_DATA)
    for measure in plan.measures:
        dates = [e.date for e in measure.log]
        assert dates == sorted(dates, reverse=True), measure.id
        if measure.log:
            assert plan.status_of(measure) == measure.log[0].status
        else:
            assert plan.status_of(measure) is plan.unreported


def test_newest_entry_wins_regardless_of_file_order(tmp_path):
    folder = overlay(FIXTURES / "rekkefolge", tmp_path / "data")
    measure = load_plan(folder).measures_by_id["5.1.1"]
    assert measure.latest.date == dt.date(2026, 3, 1)
    assert measure.latest.status.id == "fullfort"
    # Two entries on the same date: the later one in the file counts as newer.
    twin = load_plan(folder).measures_by_id["5.1.2"]
    assert twin.latest.text == "Skrevet sist."


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_data_fails_with_expected_messages(case, tmp_path):
    assert messages_for(case, tmp_path) == expected_for(case)


# For each semantic check of macros/check.py, the bad case whose messages it makes.
CASE_OF_CHECK = {"unique_status_ids": "dobbelt-status", "statuses_match_schema":
                 "statuser-ulik-skjema", "area_files": "dobbelt-slug", "numbering": "dobbelt-id",
                 "references": "se-finnes-ikke", "dates": "dato-fram-i-tid",
                 "numbers_as_written": "tall-i-plan"}


def test_every_semantic_check_has_a_bad_case():
    assert [check.__name__ for check in CHECKS] == list(CASE_OF_CHECK)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_every_semantic_check_is_needed_by_its_bad_case(check, tmp_path, monkeypatch):
    """Without the check, its case in tests/fixtures/ugyldig/ gets other messages than its
    forventet.txt: a new check needs a case with its exact message."""
    case = CASE_OF_CHECK[check.__name__]
    assert messages_for(case, tmp_path / "med") == expected_for(case)
    monkeypatch.setattr(check_module, "CHECKS", [c for c in CHECKS if c is not check])
    assert messages_for(case, tmp_path / "uten") != expected_for(case)


def test_every_bad_case_has_expectations():
    for case in BAD_CASES:
        assert (BAD / case / "forventet.txt").is_file(), f"{case} mangler forventet.txt"


def test_check_command_reports_all_errors_and_exits_nonzero(tmp_path):
    folder = overlay(BAD / "flere-filer", tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(folder)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == \
        "Fant 2 feil i dataene. Ingenting blir publisert før feilene er rettet."
    assert "5-test.yaml:12:20:" in result.stderr and "6-test-to.yaml:14:21:" in result.stderr


def test_the_summary_says_what_is_true_where_the_errors_were_found():
    errors = DataErrors([DataError("plan.yaml", 3, 1, "", "tittel", "kan ikke være tom")])
    assert errors.report() == ("Fant 1 feil i dataene. Ingenting ble publisert.\n"
                               "plan.yaml:3:1: tittel: kan ikke være tom")
    assert errors.report(NOT_PUBLISHED_YET).splitlines()[0] == \
        "Fant 1 feil i dataene. Ingenting blir publisert før feilene er rettet."
    # The exception's own text is the build's report (what a host shows if it prints it).
    assert str(errors) == errors.report()


def test_check_command_on_real_data():
    result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "4 utviklingsområder, 14 delmål og 33 tiltak" in result.stdout


def test_plan_is_loaded_once_and_reloaded_after_a_change(tmp_path):
    folder = overlay(FIXTURES / "rekkefolge", tmp_path / "data")
    first = load_plan(folder)
    assert load_plan(folder) is first
    area_file = folder / "omrader" / "5-test.yaml"
    area_file.write_text(area_file.read_text(encoding="utf-8").replace("Et delmål.", "Endret."),
                         encoding="utf-8")
    changed = load_plan(folder)
    assert changed is not first and changed.goals_by_id["5.1"].text == "Endret."


def test_yaml_error_in_one_file_causes_no_follow_on_errors_in_others(tmp_path):
    """3.1.1 refers to delmål 1.1; when 1-mangfold.yaml cannot be read, only that is reported."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    area = folder / "omrader" / "1-mangfold.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        '    tekst: "Gi kulturskolenes', '   tekst: "Gi kulturskolenes', 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_plan(folder)
    assert [e.file.rpartition("/")[2] for e in caught.value.errors] == ["1-mangfold.yaml"]
    assert "YAML-feil" in caught.value.errors[0].message


def test_the_link_contract_is_checked_against_the_docs_folder_given(tmp_path):
    """A file only the given docs folder has keeps its published address."""
    folder, docs = tmp_path / "data", tmp_path / "docs"
    shutil.copytree(ROOT / "data", folder)
    shutil.copytree(ROOT / "docs", docs)
    (docs / "ekstra.pdf").write_bytes(b"x")
    with (folder / "lenkekontrakt.txt").open("a", encoding="utf-8") as contract:
        contract.write("/ekstra.pdf\n")
    plan = verify(folder, dt.date.fromisoformat(BUILD_DATE), docs_dir=docs)
    assert [a.id for a in plan.areas] == ["1", "2", "3", "4"]
