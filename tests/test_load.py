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
from macros.check import CHECKS, Data
from macros.errors import NOT_PUBLISHED_YET, DataError, DataErrors
from macros.load import load_plan
from macros.read import read_document
from macros.verify import verify


def _messages(folder: Path) -> list[str]:
    """What `make check` says about a data folder, on the tests' build date, without the
    folder in the file names."""
    try:
        verify(folder, dt.date.fromisoformat(BUILD_DATE))
    except DataErrors as caught:
        prefix = folder.as_posix() + "/"
        return [str(e).replace(prefix, "") for e in caught.errors]
    return []


def messages_for(case: str, tmp_path: Path) -> list[str]:
    """What `make check` says about a case of tests/fixtures/ugyldig/."""
    return _messages(overlay(BAD / case, tmp_path / "data"))


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


def _example_with(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> list[str]:
    """What `make check` says about the example data with text replaced in some files."""
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, folder)
    for name, (old, new) in edits.items():
        text = (folder / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    return _messages(folder)


@pytest.mark.parametrize("written,expected", [
    ("+070", "YAML leser +070 som tallet 56, fordi et tall med 0 foran er et oktaltall; skriv 70 "
             "uten 0 foran"),
    ("07_0", "YAML leser 07_0 som tallet 56, fordi et tall med 0 foran er et oktaltall; skriv 70 "
             "uten 0 foran"),
], ids=["pluss", "understrek"])
def test_an_octal_number_in_the_plan_is_told_as_it_was_meant(tmp_path, written, expected):
    assert _example_with(tmp_path, {"plan.yaml": ("foreldet_etter_dager: 180",
                                                  f"foreldet_etter_dager: {written}")}) == \
        [f"plan.yaml:8:23: foreldet_etter_dager: {expected}"]


def test_an_octal_number_keeps_its_sign_and_all_zeros_is_zero(tmp_path):
    """Numbers the schema has no lower limit for (plan.yaml's one number must be at least 1,
    and the schema's message is the one given there)."""
    path = tmp_path / "tall.yaml"
    path.write_text("a: -070\nb: 00\nc: -0_0\n", encoding="utf-8")
    doc = read_document(path, None)
    check_module.numbers_as_written(Data(doc, [], dt.date(2026, 1, 1), []))
    assert [str(e).partition(":")[2] for e in doc.errors] == [
        "1:4: a: YAML leser -070 som tallet -56, fordi et tall med 0 foran er et oktaltall; "
        "skriv -70 uten 0 foran",
        "2:4: b: YAML leser 00 som tallet 0, fordi et tall med 0 foran er et oktaltall; skriv "
        "bare 0",
        "3:4: c: YAML leser -0_0 som tallet 0, fordi et tall med 0 foran er et oktaltall; skriv "
        "bare 0"]


def test_an_area_without_a_slug_does_not_stop_the_slug_checks_of_the_next(tmp_path):
    assert _example_with(tmp_path, {
        "omrader/1-mangfold.yaml": ("slug: mangfold\n", ""),
        "omrader/2-fordypning.yaml": ("slug: fordypning", "slug: mangfold"),
        "omrader/3-forskning-og-utvikling.yaml": ("slug: forskning-og-utvikling",
                                                  "slug: mangfold")}) == [
        "omrader/1-mangfold.yaml:3:1: område 1: mangler feltet 'slug'",
        "omrader/2-fordypning.yaml:4:7: område 2 slug: filen skal hete 2-mangfold.yaml, etter "
        "områdets id og slug (den heter 2-fordypning.yaml)",
        "omrader/3-forskning-og-utvikling.yaml:4:7: område 3 slug: adressen 'mangfold' er brukt "
        "før (i omrader/2-fordypning.yaml:4); hvert utviklingsområde må ha sin egen",
        "omrader/3-forskning-og-utvikling.yaml:4:7: område 3 slug: filen skal hete "
        "3-mangfold.yaml, etter områdets id og slug (den heter 3-forskning-og-utvikling.yaml)"]


def test_a_status_without_a_text_id_does_not_stop_the_check_for_repeated_ids(tmp_path):
    assert _example_with(tmp_path, {"plan.yaml": (
        "  - id: pagar", "  - id: 1\n    navn: x\n    beskrivelse: x\n    ikon: sirkel\n"
                         "    farge: gra\n  - id: ikke-startet")}) == [
        "plan.yaml:19:3: statuser: statusene her ('ikke-startet', 'ikke-startet', 'lopende', "
        "'fullfort', 'utsatt', 'ikke-viderefort') må være de samme, i samme rekkefølge, som enum "
        "for status i data/schema/omrade.schema.json ('ikke-startet', 'pagar', 'lopende', "
        "'fullfort', 'utsatt', 'ikke-viderefort'); endre begge likt",
        "plan.yaml:24:9: den 2. statusen id: må være tekst, men YAML leser 1 som et tall; sett "
        "verdien i anførselstegn: \"1\"",
        "plan.yaml:29:9: status ikke-startet id: status-id 'ikke-startet' er brukt før; hver "
        "status må ha sin egen id"]


def test_a_status_that_is_not_a_mapping_is_left_to_the_schema(tmp_path):
    assert _example_with(tmp_path, {"plan.yaml": ("statuser:\n", "statuser:\n  - pagar\n")}) == [
        "plan.yaml:19:5: den 1. statusen: må være en samling felt (navn: verdi), ikke tekst"]


def test_a_data_folder_without_area_files_says_so(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, folder)
    for path in (folder / "omrader").iterdir():
        path.unlink()
    with pytest.raises(DataErrors) as caught:
        load_plan(folder)
    assert [(str(e), e.rule) for e in caught.value.errors] == [
        (f"{folder.as_posix()}/omrader:1:1: fant ingen områdefiler (*.yaml) i mappen", "")]


def test_which_statuses_close_a_measure():
    """`avsluttet: true` closes; a status without the field does not (False, not missing)."""
    assert [(s.id, s.closed) for s in load_plan(EXAMPLE_DATA).statuses] == [
        ("ikke-startet", False), ("pagar", False), ("lopende", False), ("fullfort", True),
        ("utsatt", False), ("ikke-viderefort", True)]
