"""`python -m macros mangler`: the tiltak that need a report, by the overview's own rule."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from commandline import run_main
from conftest import BUILD_DATE, EXAMPLE_DATA
from macros.load import load_plan
from macros.logwriter import LogReport, write_reports
from macros.reminder import TITLE

TODAY = dt.date.fromisoformat(BUILD_DATE)
REPO = "https://github.com/eksempel-eier/handlingsplan"


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)
    monkeypatch.delenv("PLAN_REPO_URL", raising=False)
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


def listed(markdown: str) -> list[str]:
    return re.findall(r"^- \*\*Tiltak ([0-9.]+)\*\*", markdown, re.MULTILINE)


def test_lists_exactly_the_tiltak_the_overview_follows_up(data, monkeypatch):
    monkeypatch.setenv("PLAN_REPO_URL", REPO)
    code, out, err = run_main(["mangler", "--data", str(data), "--exit-code"])
    assert (code, err) == (3, "")
    never, stale = load_plan(data, TODAY).needing_report()
    assert listed(out) == [m.id for m in never + stale]
    assert [m.id for m in stale] == ["3.2.1", "3.3.1"]
    lines = out.splitlines()
    assert lines[0] == ("Per 1. november 2026 trenger **27 av 33 tiltak** en statusmelding: 25 "
                        "er ikke rapportert ennå, og 2 har ikke fått en ny melding på over 180 "
                        "dager.")
    assert "### Ikke rapportert ennå (25)" in lines
    assert "### Ikke oppdatert på over 180 dager (2)" in lines
    assert (f"- **Tiltak 1.1.3**: Vurdere å søke eksterne midler til finansiering. "
            f"*Ikke rapportert ennå.* [Meld status for tiltak 1.1.3]({REPO}/issues/new?"
            f"template=meld-status.yml&tiltak=1.1.3&title=Status%20for%20tiltak%201.1.3)") in lines
    stale_line = next(line for line in lines if line.startswith("- **Tiltak 3.3.1**"))
    assert "*Sist meldt 1. mars 2026 (Utsatt), for 245 dager siden.*" in stale_line


def test_without_a_repository_there_are_no_links(data):
    code, out, _ = run_main(["mangler", "--data", str(data)])
    assert code == 0  # without --exit-code, a list is not a failure
    assert "](" not in out and "issues/new" not in out
    assert len(listed(out)) == 27
    assert "- **Tiltak 1.1.3**: Vurdere å søke eksterne midler til finansiering. " \
           "*Ikke rapportert ennå.*" in out.splitlines()


STALE_LINES = [
    "- **Tiltak 3.2.1**: Bidra til målrettet arbeid mot universitets- og høgskolesektoren for å "
    "få etablert tilbud som kan styrke kulturskolelæreres profesjonsfaglige digitale "
    "kompetanse. *Sist meldt 1. desember 2025 (Pågår), for 335 dager siden.*",
    "- **Tiltak 3.3.1**: Bidra til målrettet arbeid mot universitets- og høgskolesektoren for å "
    "få etablert tilbud som kan bidra til å utvikle og styrke den gruppedidaktiske kompetansen "
    "i kulturskolefeltet. *Sist meldt 1. mars 2026 (Utsatt), for 245 dager siden.*"]


@pytest.mark.parametrize("repo, how", [
    (None, "Meld status med skjemaet «Meld status» eller regnearket."),
    (REPO, "Trykk på «Meld status» ved hvert tiltak under, og fyll ut skjemaet."),
])
def test_the_whole_text_line_by_line(data, monkeypatch, repo, how):
    if repo:
        monkeypatch.setenv("PLAN_REPO_URL", repo)
    _, out, _ = run_main(["mangler", "--data", str(data)])
    lines = out.split("\n")
    stale = [line + (f" [Meld status for tiltak {number}]({REPO}/issues/new?template=meld-status"
                     f".yml&tiltak={number}&title=Status%20for%20tiltak%20{number})"
                     if repo else "") for line, number in zip(STALE_LINES, ("3.2.1", "3.3.1"))]
    assert lines[:6] == [
        "Per 1. november 2026 trenger **27 av 33 tiltak** en statusmelding: 25 er ikke "
        "rapportert ennå, og 2 har ikke fått en ny melding på over 180 dager.", "",
        how + " Mange på én gang? Bruk regnearket (`make rapportskjema`, se CONTRIBUTING.md).",
        "", "### Ikke rapportert ennå (25)", ""]
    assert all(line.startswith("- **Tiltak ") for line in lines[6:31])
    assert lines[31:] == ["", "### Ikke oppdatert på over 180 dager (2)", "", *stale, ""]


def test_only_stale_tiltak_gives_only_their_section(data):
    plan = load_plan(data, TODAY)
    never, _ = plan.needing_report()
    write_reports([LogReport(m.id, TODAY, "pagar", "Oppdatert.") for m in never], data, TODAY)
    code, out, _ = run_main(["mangler", "--data", str(data), "--exit-code"])
    assert code == 3
    assert out.split("\n")[0] == ("Per 1. november 2026 trenger **2 av 33 tiltak** en "
                                   "statusmelding: 0 er ikke rapportert ennå, og 2 har ikke fått "
                                   "en ny melding på over 180 dager.")
    assert out.split("\n")[4:] == ["### Ikke oppdatert på over 180 dager (2)", "", *STALE_LINES,
                                    ""]


def test_nothing_missing_says_so_and_exits_zero(data):
    plan = load_plan(data, TODAY)
    never, stale = plan.needing_report()
    write_reports([LogReport(m.id, TODAY, "pagar", "Oppdatert.") for m in never + stale],
                  data, TODAY)
    code, out, _ = run_main(["mangler", "--data", str(data), "--exit-code"])
    assert (code, out) == (0, "Per 1. november 2026 har alle 33 tiltak en statusmelding som er "
                              "nyere enn 180 dager, eller en status som avslutter dem. "
                              "Ingenting mangler.\n")


def test_data_errors_are_reported_without_a_traceback(data):
    (data / "plan.yaml").write_text("tittel: [\n", encoding="utf-8")
    code, out, err = run_main(["mangler", "--data", str(data), "--exit-code"])
    assert (code, out) == (1, "")
    assert err.startswith("Fant ") and "YAML-feil" in err and "Traceback" not in err


def test_a_failure_in_the_tool_is_one_line_and_exit_code_2(data, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("noe gikk galt")

    monkeypatch.setattr("macros.reminder.missing_reports", broken)
    assert run_main(["mangler", "--data", str(data)]) == (
        2, "", "Feil i verktøyet: RuntimeError: noe gikk galt. Si fra til en administrator.\n")


def test_the_workflow_keeps_the_issue_with_this_title():
    workflow = (Path(__file__).resolve().parents[1] / ".github" / "workflows" / "mangler.yml")
    assert f"TITLE: {TITLE}\n" in workflow.read_text(encoding="utf-8")
    assert TITLE == "Statusmeldinger som mangler"


def test_tiltak_text_is_inert_in_the_issue(data):
    area = data / "omrader" / "1-mangfold.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        "Vurdere å søke eksterne midler til finansiering.",
        "<b>Fet</b> [lenke](https://example.org) *stjerne* `kode` | # slutt"), encoding="utf-8")
    _, out, _ = run_main(["mangler", "--data", str(data)])
    assert ("- **Tiltak 1.1.3**: \\<b\\>Fet\\</b\\> \\[lenke\\](https://example.org) "
            "\\*stjerne\\* \\`kode\\` \\| \\# slutt *Ikke rapportert ennå.*") in out.splitlines()
