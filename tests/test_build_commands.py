"""`python -m macros zensical` and `python -m macros pdf` in this process, with the Zensical
build and the Chromium printer replaced: what each command passes on, prints and returns.

The real build and printing are tested through `make build ENGINE=zensical` (test_engines.py)
and `make pdf` (test_periods_browser.py); those run in child processes, so these tests are
what `make mutanter` sees of the two commands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commandline import run_main
from conftest import BUILD_DATE, PERIOD_DATA
from macros import engine, pdf
from macros.chromium import DEFAULT_CHROMIUM
from macros.errors import DataError, DataErrors

BAD_DATA = DataErrors([DataError("data/plan.yaml", 3, 1, "", "navn", "mangler")])
BAD_DATA_REPORT = ("Fant 1 feil i dataene. Ingenting ble publisert.\n"
                   "data/plan.yaml:3:1: navn: mangler\n")


@pytest.fixture
def zensical_calls(monkeypatch) -> list[tuple[Path, str]]:
    """Replace the Zensical build by one that records its arguments and reports 61 pages."""
    calls: list[tuple[Path, str]] = []

    def build(site_dir: Path, config: str) -> int:
        calls.append((site_dir, config))
        return 61

    monkeypatch.setattr(engine, "build", build)
    return calls


def test_zensical_builds_to_the_given_folder_and_says_how_many_pages(zensical_calls):
    assert run_main(["zensical", "--site-dir", "ut", "-f", "annet.yml"]) == (
        0, "Bygget nettstedet med Zensical til ut/ (61 sider).\n", "")
    assert zensical_calls == [(Path("ut"), "annet.yml")]


def test_zensical_defaults_to_site_zensical_and_mkdocs_yml(zensical_calls):
    assert run_main(["zensical"])[0] == 0
    assert zensical_calls == [(Path("site-zensical"), "mkdocs.yml")]


@pytest.mark.parametrize("failure, stderr", [
    (BAD_DATA, BAD_DATA_REPORT),
    (engine.BuildError("Zensical stoppet: mangler tema"), "Zensical stoppet: mangler tema\n"),
], ids=["data", "bygg"])
def test_zensical_failures_are_told_on_stderr_with_exit_1(monkeypatch, failure, stderr):
    def build(site_dir: Path, config: str) -> int:
        raise failure

    monkeypatch.setattr(engine, "build", build)
    assert run_main(["zensical"]) == (1, "", stderr)


@pytest.fixture
def pdf_calls(monkeypatch) -> list[tuple]:
    """Replace Chromium printing by a recorder that 'writes' two PDFs; the plan is the periods
    fixture at the tests' build date."""
    monkeypatch.setenv("PLAN_DATA_DIR", str(PERIOD_DATA))
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)
    calls: list[tuple] = []

    def print_pdfs(site_dir, plan, chromium):
        calls.append((site_dir, [period.id for period in plan.periods], chromium))
        return [site_dir / "hele-planen/handlingsplan.pdf",
                site_dir / "perioder/2024-2025/rapport-2024-2025.pdf"]

    monkeypatch.setattr(pdf, "print_pdfs", print_pdfs)
    return calls


def test_pdf_prints_the_built_site_with_the_plan_and_lists_the_files(pdf_calls):
    assert run_main(["pdf", "--site-dir", "nettsted", "--chromium", "/opt/chrome"]) == (
        0, "Skrev nettsted/hele-planen/handlingsplan.pdf\n"
           "Skrev nettsted/perioder/2024-2025/rapport-2024-2025.pdf\n", "")
    assert pdf_calls == [(Path("nettsted"), ["2024-2025", "2025-2026"], "/opt/chrome")]


def test_pdf_uses_the_default_chromium_when_none_is_given(pdf_calls):
    assert run_main(["pdf"])[0] == 0
    assert pdf_calls == [(Path("site"), ["2024-2025", "2025-2026"], DEFAULT_CHROMIUM)]


@pytest.mark.parametrize("failure, stderr", [
    (BAD_DATA, BAD_DATA_REPORT),
    (pdf.PdfError("fant ikke Chromium"), "Lagde ikke PDF: fant ikke Chromium\n"),
], ids=["data", "utskrift"])
def test_pdf_failures_are_told_on_stderr_with_exit_1(monkeypatch, failure, stderr):
    def print_pdfs(site_dir, plan, chromium):
        raise failure

    monkeypatch.setenv("PLAN_DATA_DIR", str(PERIOD_DATA))
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)
    monkeypatch.setattr(pdf, "print_pdfs", print_pdfs)
    assert run_main(["pdf"]) == (1, "", stderr)
