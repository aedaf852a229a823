"""Reporting periods (macros/period*.py): status per date, the period reports, their open data,
freezing a period with `fastsett`, and plan metadata (vedtatt, kilde).

The fixture tests/fixtures/perioder has two example periods: 2024-2025 (fixed on 2025-06-15,
with an entry on tiltak 2.1.1 backdated into it afterwards) and 2025-2026 (ended, not fixed),
and entries before, inside, on the first and last day of, and after each period.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from commandline import run_main
from conftest import BUILD_DATE, PERIOD_DATA, ROOT
from helpers import element, flat
from htmlscan import PageScan, normalise
from linkcontract import published, resolves
from macros import periodcheck, perioddata, periodfreeze, periodpages, periodreport
from macros.errors import DataErrors
from macros import load as load_module
from macros.load import SNAPSHOT_DIR, load_plan
from macros.model import LogEntry
from macros.render import Renderer

TODAY = dt.date.fromisoformat(BUILD_DATE)
PLAN = load_plan(PERIOD_DATA, TODAY)
ALL_IDS = [m.id for m in PLAN.measures]
SNAPSHOT = PERIOD_DATA / "perioder" / "2024-2025.yaml"


def _statuses(**nonzero: str) -> dict[str, str]:
    """Status id per tiltak id: the given ones ("1_1_1": "pagar"), the rest not reported."""
    given = {key.replace("_", "."): value for key, value in nonzero.items()}
    return {i: given.get(i, "ikke-rapportert") for i in ALL_IDS}


# What the fixture implies, for every one of the 33 tiltak.
A_START = _statuses(**{"1_1_1": "ikke-startet", "3_1_1": "pagar"})
A_END = _statuses(**{"1_1_1": "pagar", "1_1_2": "utsatt", "1_2_1": "lopende", "3_1_1": "pagar"})
A_END_LIVE = {**A_END, "2.1.1": "pagar"}  # with the entry backdated after the freeze
B_START = _statuses(**{"1_1_1": "pagar", "1_1_2": "utsatt", "1_2_1": "lopende",
                       "2_1_1": "pagar", "3_1_1": "pagar"})
B_END = _statuses(**{"1_1_1": "fullfort", "1_1_2": "utsatt", "1_2_1": "lopende",
                     "1_3_1": "utsatt", "2_1_1": "pagar", "3_1_1": "ikke-viderefort",
                     "4_1_1": "fullfort"})
A_ENTRIES = {"1.1.1": ["2025-03-01", "2024-09-10"], "1.1.2": ["2025-05-31", "2024-06-01"],
             "1.2.1": ["2025-01-15"]}
B_ENTRIES = {"1.1.1": ["2025-09-01"], "1.3.1": ["2026-05-31"], "3.1.1": ["2025-10-01"],
             "4.1.1": ["2025-06-01", "2025-06-01"]}
WARNING = ("tests/fixtures/perioder/omrader/2-fordypning.yaml:13: tiltak 2.1.1 (periode "
           "2024-2025): ny melding 1. februar 2025 (Pågår): «Eksempel: ført inn i ettertid, etter "
           "at perioden 2024-2025 ble fastsatt.»; datert i perioden, men registrert etter at den "
           "ble fastsatt; rapporten fastsatt 15. juni 2025 viser det som ble fastsatt")


def _period(plan, period_id: str):
    return next(p for p in plan.periods if p.id == period_id)


def _rows(result) -> tuple[dict, dict, dict]:
    """(start, end, entry dates) per tiltak id of a report."""
    start = {row.id: row.start.id for row in result.rows}
    end = {row.id: row.end.id for row in result.rows}
    entries = {row.id: [e.date.isoformat() for e in row.entries] for row in result.rows
               if row.entries}
    return start, end, entries


def _copy(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of the fixture with text replaced in some files: {file: (old, new)}."""
    folder = Path(shutil.copytree(PERIOD_DATA, tmp_path / "data"))
    for name, (old, new) in (edits or {}).items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


ENTRY = re.compile(r"          - dato: (\d{4}-\d{2}-\d{2})\n(?:            .*\n)+")


def _as_of(tmp_path: Path, day: str, backdated: bool = True, snapshot: bool = True) -> Path:
    """A copy of the fixture as it stood on `day`: no entry dated later (a build on `day` would
    refuse them), optionally without the backdated 2.1.1 entry and without the snapshot."""
    folder = _copy(tmp_path)
    for area in (folder / "omrader").glob("*.yaml"):
        text = ENTRY.sub(lambda m: "" if m.group(1) > day else m.group(0),
                         area.read_text(encoding="utf-8"))
        if not backdated:
            text = text.replace("          - dato: 2025-02-01\n", "          - dato: 2099-01-01\n")
            text = ENTRY.sub(lambda m: "" if m.group(1) == "2099-01-01" else m.group(0), text)
        text = re.sub(r"        logg:\n(?!          - )", "", text)  # an emptied log goes too
        area.write_text(text, encoding="utf-8")
    if not snapshot:
        (folder / SNAPSHOT_FILE).unlink()
    return folder


def _errors(folder: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_plan(folder, TODAY)
    return [str(e).replace(folder.as_posix(), "data") for e in caught.value.errors]


def _run(*args: str, build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    """`python -m macros ARGS` from the project folder on `build_date`, in this process."""
    saved = {name: os.environ.pop(name, None) for name in ("PLAN_BUILD_DATE", "PLAN_DATA_DIR")}
    os.environ["PLAN_BUILD_DATE"] = build_date
    folder = os.getcwd()
    os.chdir(ROOT)
    try:
        code, out, err = run_main(list(args))
    finally:
        # The command is a process of its own: what it loaded is not kept for the test.
        # (freeze() reports on a fresh plan with the period of the plan it froze from; in one
        # process that report is cached on the fresh plan, with the snapshot missing.)
        load_module._load.cache_clear()
        os.chdir(folder)
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value
    return subprocess.CompletedProcess(args, code, out, err)


# Status per date and the reports ------------------------------------------------------------

def test_plan_metadata_and_periods_are_read():
    assert PLAN.adopted == dt.date(2024, 5, 20)
    assert PLAN.source == "https://example.org/eksempel/handlingsplan.pdf"
    assert [(p.id, p.name, p.start, p.end) for p in PLAN.periods] == [
        ("2024-2025", "Eksempelperioden 2024–2025", dt.date(2024, 6, 1), dt.date(2025, 5, 31)),
        ("2025-2026", "Eksempelperioden 2025–2026", dt.date(2025, 6, 1), dt.date(2026, 5, 31))]
    fixed, open_ = PLAN.periods
    assert fixed.snapshot.fixed == dt.date(2025, 6, 15) and open_.snapshot is None


def test_a_snapshot_is_read_with_its_period_date_rows_and_file(tmp_path):
    folder = _copy(tmp_path)  # loaded afresh, not the plan the module loaded on import
    snapshot = _period(load_plan(folder, TODAY), "2024-2025").snapshot
    assert (snapshot.period_id, snapshot.fixed, len(snapshot.rows), snapshot.source) == (
        "2024-2025", dt.date(2025, 6, 15), 33, (folder / SNAPSHOT_FILE).as_posix())


def test_fixed_period_shows_the_snapshot_for_every_tiltak():
    result = periodreport.report(PLAN, _period(PLAN, "2024-2025"))
    assert (result.state, result.end, result.fixed) == (
        "fastsatt", dt.date(2025, 5, 31), dt.date(2025, 6, 15))
    start, end, entries = _rows(result)
    assert start == A_START
    assert end == A_END  # 2.1.1 stays "Ikke rapportert": the backdated entry came later
    assert entries == A_ENTRIES


def test_live_log_for_the_fixed_period_differs_only_by_the_backdated_entry():
    period = _period(PLAN, "2024-2025")
    start, end, entries = _rows(periodreport.Report(
        period, "avsluttet", period.end, periodreport.live_rows(PLAN, period, period.end)))
    assert start == A_START
    assert end == A_END_LIVE
    assert entries == {**A_ENTRIES, "2.1.1": ["2025-02-01"]}


def test_ended_period_uses_the_live_log_with_exact_boundaries():
    """Entries on `fra` and `til` count; entries after `til` (2026-06-01, 2026-08-01) never do;
    on the same date the later line in the file is the newer one (4.1.1)."""
    result = periodreport.report(PLAN, _period(PLAN, "2025-2026"))
    assert (result.state, result.end, result.since) == ("avsluttet", dt.date(2026, 5, 31), ())
    start, end, entries = _rows(result)
    assert start == B_START
    assert end == B_END
    assert entries == B_ENTRIES
    row = next(r for r in result.rows if r.id == "4.1.1")
    assert [e.status.id for e in row.entries] == ["fullfort", "pagar"]


def test_status_on_is_the_one_rule():
    measure = PLAN.measures_by_id["1.1.2"]
    assert [PLAN.status_on(measure, dt.date.fromisoformat(day)).id for day in (
        "2024-05-31", "2024-06-01", "2025-05-30", "2025-05-31", "2026-07-31", "2026-08-01")] == [
        "ikke-rapportert", "pagar", "pagar", "utsatt", "utsatt", "pagar"]
    assert PLAN.status_of(measure) == PLAN.status_on(measure, TODAY)
    assert PLAN.status_on(PLAN.measures_by_id["4.1.1"], dt.date(2025, 6, 1)).id == "fullfort"


def test_running_period_is_provisional_and_ends_on_the_build_date():
    # The model as a build on 2026-03-01 sees it (loading on that date would refuse the
    # entries dated later, so only the build date is changed).
    plan = dataclasses.replace(PLAN, build_date=dt.date(2026, 3, 1))
    result = periodreport.report(plan, _period(plan, "2025-2026"))
    assert (result.state, result.end) == ("foreløpig", dt.date(2026, 3, 1))
    start, end, entries = _rows(result)
    assert start == B_START
    assert end == {**B_END, "1.3.1": "ikke-rapportert"}  # its entry is dated 2026-05-31
    assert "1.3.1" not in entries
    page = periodpages.render_page(Renderer(plan, "perioder/2025-2026/"), "2025-2026")
    text = flat(page)
    assert "Status per 1. mars 2026" in text
    assert "Foreløpig Perioden varer til 31. mai 2026. Tallene gjelder per 1. mars 2026 og kan " \
           "endre seg til perioden er slutt." in text
    assert "Ved slutt (1. mars 2026)" in text
    index = flat(periodpages.render_index(Renderer(plan, "perioder/")))
    assert "Foreløpig, per 1. mars 2026" in index


def test_period_that_has_not_begun_has_a_page_but_no_report_yet():
    plan = dataclasses.replace(PLAN, build_date=dt.date(2025, 5, 1))
    result = periodreport.report(plan, _period(plan, "2025-2026"))
    assert (result.state, result.rows, result.started) == ("kommende", (), False)
    page = periodpages.render_page(Renderer(plan, "perioder/2025-2026/"), "2025-2026")
    text = flat(page)
    assert "Kommende Perioden begynner 1. juni 2025. Rapporten kommer her når perioden er i " \
           "gang." in text
    assert "Alle tiltak" not in text and "JSON" not in text
    assert flat(element(page, "div", "plan-period__head")) == (
        "Status per 31. mai 2026 Rapport for perioden 1. juni 2025 – 31. mai 2026. Kommende "
        "Perioden begynner 1. juni 2025. Rapporten kommer her når perioden er i gang.")


def test_period_page_links_its_files_and_marks_where_its_pdf_goes():
    page = periodpages.render_page(Renderer(PLAN, "perioder/2025-2026/"), "2025-2026")
    assert flat(element(page, "div", "plan-period__head")) == (
        "Status per 31. mai 2026 Rapport for perioden 1. juni 2025 – 31. mai 2026. Ikke fastsatt "
        "Perioden er slutt. Rapporten blir fastsatt når årsmøtet har godkjent den. Rapporten som "
        "JSONRapporten som CSV (regneark)")
    assert element(page, "p", "plan-actions plan-period__files") == (
        '<p class="plan-actions plan-period__files"><a href="../../data/perioder/2025-2026.json" '
        'type="application/json">Rapporten som JSON</a><a href="../../data/perioder/2025-2026.csv" '
        'type="text/csv">Rapporten som CSV (regneark)</a><!--plan-pdf:rapport-2025-2026.pdf--></p>')


def test_what_changed_lists_entries_newest_first_then_in_plan_and_log_order():
    period = _period(PLAN, "2025-2026")
    unreported, ongoing = PLAN.unreported, PLAN.status_by_id("pagar")

    def entry(day: str, text: str) -> LogEntry:
        return LogEntry(dt.date.fromisoformat(day), ongoing, text, None, 1)

    def row(ident: str, start, entries) -> periodreport.Row:
        return periodreport.Row(ident, PLAN.measures_by_id[ident], start, ongoing, entries)

    rows = (row("1.1.1", unreported, (entry("2025-09-01", "a"), entry("2025-09-01", "b"))),
            row("1.1.2", ongoing, (entry("2025-09-01", "c"),)),
            row("1.2.1", unreported, (entry("2025-10-01", "d"),)),
            row("2.1.1", ongoing, ()))
    groups = periodpages.changes_by_area(
        PLAN, periodreport.Report(period, "avsluttet", period.end, rows))
    assert [(g["area"].id, [r.id for r in g["rows"]], [r.id for r in g["changed"]],
             [(r.id, e.text) for r, e in g["entries"]]) for g in groups] == [
        ("1", ["1.1.1", "1.1.2", "1.2.1"], ["1.1.1", "1.2.1"],
         [("1.2.1", "d"), ("1.1.1", "a"), ("1.1.1", "b"), ("1.1.2", "c")]),
        ("2", ["2.1.1"], [], [])]


def test_rows_are_grouped_by_area_in_plan_order_and_areas_no_longer_in_the_plan_last():
    rows = periodreport.report(PLAN, _period(PLAN, "2025-2026")).rows
    gone = dataclasses.replace(rows[0], id="9.1.1", measure=None)
    grouped = periodreport.rows_by_area(PLAN, (gone, *reversed(rows)))
    assert [(area.id if area else None, [r.id for r in group]) for area, group in grouped] == [
        *((a, [i for i in reversed(ALL_IDS) if i.split(".")[0] == a]) for a in "1234"),
        (None, ["9.1.1"])]
    assert [area.id for area, _ in periodreport.rows_by_area(PLAN, rows)] == ["1", "2", "3", "4"]


def test_published_files_are_the_schema_and_the_files_of_every_period_that_has_begun():
    assert perioddata.published_files(PLAN) == [
        "data/schema/periode-json.schema.json", "data/perioder/2024-2025.json",
        "data/perioder/2024-2025.csv", "data/perioder/2025-2026.json",
        "data/perioder/2025-2026.csv"]
    before = dataclasses.replace(PLAN, build_date=dt.date(2025, 5, 1))
    assert perioddata.published_files(before) == [
        "data/schema/periode-json.schema.json", "data/perioder/2024-2025.json",
        "data/perioder/2024-2025.csv"]


def test_disagreement_is_a_warning_with_file_and_line():
    assert [str(d) for d in periodreport.warnings(PLAN)] == [WARNING]
    line = (PERIOD_DATA / "omrader" / "2-fordypning.yaml").read_text(encoding="utf-8") \
        .splitlines()[13 - 1]
    assert line == "          - dato: 2025-02-01"


def test_make_check_warns_but_passes(tmp_path):
    result = _run("check", "--data", "tests/fixtures/perioder")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Dataene er i orden: 4 utviklingsområder, 14 delmål og 33 tiltak.\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Advarsel: loggen sier noe annet enn en fastsatt rapport (1 avvik).")
    assert lines[1:] == [WARNING]
    assert "Advarsel" not in _run("check").stderr  # the real data has no periods


@pytest.mark.parametrize("edit,expected", [
    # An entry in the snapshot changed in the log afterwards.
    (("omrader/1-mangfold.yaml", "Eksempel: to tilbydere er kontaktet.",
      "Eksempel: tre tilbydere er kontaktet."),
     ["data/omrader/1-mangfold.yaml:20: tiltak 1.1.1 (periode 2024-2025): ny melding 1. mars 2025 "
      "(Pågår): «Eksempel: tre tilbydere er kontaktet.»; datert i perioden, men registrert etter "
      "at den ble fastsatt; rapporten fastsatt 15. juni 2025 viser det som ble fastsatt",
      "data/perioder/2024-2025.yaml:18: tiltak 1.1.1 (periode 2024-2025): melding 1. mars 2025 "
      "(Pågår): «Eksempel: to tilbydere er kontaktet.» er endret eller fjernet i loggen; den står i "
      "den fastsatte rapporten; rapporten fastsatt 15. juni 2025 viser det som ble fastsatt"]),
    # An entry backdated to before the period changes its start status.
    (("omrader/4-fremtidens-kulturskole.yaml",
      '        logg:\n          - dato: 2025-06-01\n            status: pagar',
      '        logg:\n          - dato: 2024-01-01\n            status: utsatt\n'
      '            tekst: "Eksempel: ført inn i ettertid."\n'
      '          - dato: 2025-06-01\n            status: pagar'),
     ["data/omrader/4-fremtidens-kulturskole.yaml:13: tiltak 4.1.1 (periode 2024-2025): status ved "
      "start er nå Utsatt etter loggen, ikke Ikke rapportert; en melding datert før perioden er "
      "lagt til, endret eller fjernet; rapporten fastsatt 15. juni 2025 viser det som ble "
      "fastsatt"]),
    # A tiltak renumbered after the period was fixed (new in the plan, gone from the report),
    # and a tiltak after it whose start status changed: each is found.
    ({"omrader/1-mangfold.yaml": ('      - id: "1.3.2"\n', '      - id: "1.3.3"\n'),
      "omrader/4-fremtidens-kulturskole.yaml": (
          '        logg:\n          - dato: 2025-06-01\n            status: pagar',
          '        logg:\n          - dato: 2024-01-01\n            status: utsatt\n'
          '            tekst: "Eksempel: ført inn i ettertid."\n'
          '          - dato: 2025-06-01\n            status: pagar')},
     ["data/omrader/1-mangfold.yaml:73: tiltak 1.3.3 (periode 2024-2025): tiltaket er nytt i "
      "planen og er ikke med i rapporten; det er lagt til etter at perioden ble fastsatt "
      "15. juni 2025",
      "data/omrader/4-fremtidens-kulturskole.yaml:13: tiltak 4.1.1 (periode 2024-2025): status ved "
      "start er nå Utsatt etter loggen, ikke Ikke rapportert; en melding datert før perioden er "
      "lagt til, endret eller fjernet; rapporten fastsatt 15. juni 2025 viser det som ble "
      "fastsatt",
      "data/perioder/2024-2025.yaml:70: tiltak 1.3.2 (periode 2024-2025): tiltaket står i "
      "rapporten, men finnes ikke lenger i planen; det er fjernet eller har fått nytt nummer"]),
    # The entry that gave the status at the start removed: no entry explains the new status.
    (("omrader/3-forskning-og-utvikling.yaml",
      '          - dato: 2023-12-01\n            status: pagar\n'
      '            tekst: "Eksempel: startet før den første perioden."\n', ""),
     ["data/omrader/3-forskning-og-utvikling.yaml:10: tiltak 3.1.1 (periode 2024-2025): status "
      "ved start er nå Ikke rapportert etter loggen, ikke Pågår; en melding datert før perioden er "
      "lagt til, endret eller fjernet; rapporten fastsatt 15. juni 2025 viser det som ble "
      "fastsatt"]),
], ids=["endret-melding", "ny-status-ved-start", "nytt-nummer", "fjernet-status-ved-start"])
def test_every_kind_of_disagreement_is_found(tmp_path, edit, expected):
    edits = edit if isinstance(edit, dict) else {edit[0]: edit[1:]}
    folder = _copy(tmp_path, {**edits, "omrader/2-fordypning.yaml": (
        "        logg:\n          - dato: 2025-02-01", "        xlogg:\n          - dato: 2025-02-01")})
    # (without the backdated 2.1.1 entry, so only the edit disagrees)
    text = (folder / "omrader/2-fordypning.yaml").read_text(encoding="utf-8")
    text = re.sub(r"        xlogg:\n(?:          .*\n|            .*\n)+", "", text)
    (folder / "omrader/2-fordypning.yaml").write_text(text, encoding="utf-8")
    plan = load_plan(folder, TODAY)
    found = [str(d).replace(folder.as_posix(), "data") for d in periodreport.warnings(plan)]
    assert found == expected


# Checks: wrong periods and snapshots are data errors --------------------------------------

PLAN_FILE = "plan.yaml"
PLAN_TEXT = (PERIOD_DATA / PLAN_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new,expected", [
    ("    fra: 2025-06-01", "    fra: 2025-05-01",
     "data/plan.yaml:18:10: periode 2025-2026 fra: perioden overlapper med perioden 2024-2025 "
     "(linje 12), som varer fra 2024-06-01 til 2025-05-31; periodene kan ikke overlappe"),
    ("    til: 2026-05-31", "    til: 2025-05-01",
     "data/plan.yaml:19:10: periode 2025-2026 til: 2025-05-01 kommer ikke etter fra (2025-06-01); "
     "til er siste dag i perioden og må være etter fra"),
    ('  - id: "2025-2026"', '  - id: "2024-2025"',
     "data/plan.yaml:16:9: periode 2024-2025 id: id-en '2024-2025' er brukt før (linje 12); hver "
     "periode må ha sin egen id"),
    ('  - id: "2025-2026"', '  - id: "2025/2026"',
     "data/plan.yaml:16:9: periode 2025/2026 id: '2025/2026' er ikke gyldig: bruk bare små "
     "bokstaver a–z, tall og bindestrek, i anførselstegn, for eksempel \"2024-2025\""),
    ('  - id: "2025-2026"', "  - id: 2025",
     "data/plan.yaml:16:9: den 2. perioden id: må være tekst, men YAML leser 2025 som et tall; sett "
     "verdien i anførselstegn: \"2025\""),
    ("    til: 2026-05-31", "    til: 2026-02-30",
     "data/plan.yaml:19:10: periode 2025-2026 til: '2026-02-30' er ikke en dato som finnes "
     "(år-måned-dag, for eksempel 2025-03-14)"),
    ("vedtatt: 2024-05-20", "vedtatt: 20.05.2024",
     "data/plan.yaml:7:10: vedtatt: '20.05.2024' er ikke gyldig: skriv datoen som år-måned-dag, "
     "for eksempel 2024-06-12"),
    ('kilde: "https://example.org/eksempel/handlingsplan.pdf"', 'kilde: "example.org/plan.pdf"',
     "data/plan.yaml:8:8: kilde: 'example.org/plan.pdf' er ikke gyldig: adressen må begynne med "
     "https:// eller http:// og kan ikke ha mellomrom"),
    ('    navn: "Eksempelperioden 2025–2026"\n', "",
     "data/plan.yaml:16:5: periode 2025-2026: mangler feltet 'navn'"),
    ("    fra: 2025-06-01", "    fra: 2025-06-31",
     "data/plan.yaml:18:10: periode 2025-2026 fra: '2025-06-31' er ikke en dato som finnes "
     "(år-måned-dag, for eksempel 2025-03-14)"),
    ("vedtatt: 2024-05-20", "vedtatt: 2024-02-30",
     "data/plan.yaml:7:10: vedtatt: '2024-02-30' er ikke en dato som finnes (år-måned-dag, for "
     "eksempel 2025-03-14)"),
    # A period is at least two days: til is its last day and comes after fra.
    ("    til: 2026-05-31", "    til: 2025-06-01",
     "data/plan.yaml:19:10: periode 2025-2026 til: 2025-06-01 kommer ikke etter fra (2025-06-01); "
     "til er siste dag i perioden og må være etter fra"),
], ids=["overlapp", "til-foer-fra", "samme-id", "id-ikke-slug", "id-som-tall", "dato-finnes-ikke",
        "vedtatt-format", "kilde-ikke-url", "mangler-navn", "fra-finnes-ikke",
        "vedtatt-finnes-ikke", "til-lik-fra"])
def test_a_wrong_period_is_a_located_norwegian_error(tmp_path, old, new, expected):
    assert _errors(_copy(tmp_path, {PLAN_FILE: (old, new)})) == [expected]


def test_overlap_is_found_even_when_one_long_period_covers_several():
    value = {"perioder": [{"id": "a", "fra": "2024-01-01", "til": "2024-12-31"},
                          {"id": "b", "fra": "2024-02-01", "til": "2024-03-01"},
                          {"id": "c", "fra": "2024-06-01", "til": "2024-07-01"},
                          {"id": "d", "fra": "2024-12-31", "til": "2025-02-01"},
                          {"id": "e", "fra": "2025-02-02", "til": "2025-03-01"}]}
    errors = periodcheck.check_plan(value, lambda path: (10 + path[1], 3), "plan.yaml")
    assert [(str(e), e.rule) for e in errors] == [
        (f"plan.yaml:{10 + i}:3: periode {name} fra: perioden overlapper med perioden {other} "
         f"(linje {10 + j}), som varer fra {start} til {end}; periodene kan ikke overlappe",
         "perioder")
        for i, name, other, j, start, end in (
            (1, "b", "a", 0, "2024-01-01", "2024-12-31"),
            (2, "c", "a", 0, "2024-01-01", "2024-12-31"),
            (3, "d", "a", 0, "2024-01-01", "2024-12-31"))]


def _plan_errors(periods: list[dict]) -> list[str]:
    """check_plan's messages for these periods, the n-th period standing on line 10 + n."""
    def where(path: tuple) -> tuple[int, int]:
        return (10 + path[1], 3) if len(path) > 1 else (9, 1)
    return [str(e) for e in periodcheck.check_plan({"perioder": periods}, where, "plan.yaml")]


def test_a_period_without_a_usable_id_is_named_by_its_place():
    """(The schema reports the missing or wrong id itself.)"""
    assert _plan_errors([{"fra": "2024-01-01", "til": "2024-12-31"},
                         {"id": 5, "fra": "2024-06-01", "til": "2024-03-01"},
                         {"fra": "2024-03-01", "til": "2024-04-01"}]) == [
        "plan.yaml:11:3: den 2. perioden til: 2024-03-01 kommer ikke etter fra (2024-06-01); til "
        "er siste dag i perioden og må være etter fra",
        "plan.yaml:12:3: den 3. perioden fra: perioden overlapper med perioden nr. 1 (linje 10), "
        "som varer fra 2024-01-01 til 2024-12-31; periodene kan ikke overlappe"]


def test_an_overlap_is_reported_on_the_period_further_down_the_file():
    """Also when that one starts first."""
    assert _plan_errors([{"id": "b", "fra": "2024-06-01", "til": "2024-12-31"},
                         {"id": "a", "fra": "2024-01-01", "til": "2024-07-01"}]) == [
        "plan.yaml:11:3: periode a fra: perioden overlapper med perioden b (linje 10), som varer "
        "fra 2024-06-01 til 2024-12-31; periodene kan ikke overlappe"]


def test_an_overlap_names_the_first_of_two_periods_that_end_the_same_day():
    assert _plan_errors([{"id": "a", "fra": "2024-01-01", "til": "2024-06-30"},
                         {"id": "b", "fra": "2024-03-01", "til": "2024-06-30"},
                         {"id": "c", "fra": "2024-06-01", "til": "2024-07-31"}]) == [
        "plan.yaml:11:3: periode b fra: perioden overlapper med perioden a (linje 10), som varer "
        "fra 2024-01-01 til 2024-06-30; periodene kan ikke overlappe",
        "plan.yaml:12:3: periode c fra: perioden overlapper med perioden a (linje 10), som varer "
        "fra 2024-01-01 til 2024-06-30; periodene kan ikke overlappe"]


def test_a_repeated_period_id_names_the_line_of_its_first_use():
    assert _plan_errors([{"id": "a", "fra": "2023-01-01", "til": "2023-12-31"},
                         {"id": "b", "fra": "2024-01-01", "til": "2024-12-31"},
                         {"id": "b", "fra": "2025-01-01", "til": "2025-12-31"}]) == [
        "plan.yaml:12:3: periode b id: id-en 'b' er brukt før (linje 11); hver periode må ha sin "
        "egen id"]


SNAPSHOT_FILE = "perioder/2024-2025.yaml"


@pytest.mark.parametrize("edits,expected", [
    ({SNAPSHOT_FILE: ("    status_ved_slutt: pagar", "    status_ved_slutt: ferdig")},
     ["data/perioder/2024-2025.yaml:12:23: tiltak 1.1.1 status_ved_slutt: ukjent status 'ferdig' "
      "(tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', 'ikke-viderefort', "
      "'ikke-rapportert')"]),
    ({SNAPSHOT_FILE: ("      - dato: 2024-09-10", "      - dato: 2025-06-10")},
     ["data/perioder/2024-2025.yaml:14:15: tiltak 1.1.1 logg[1].dato: 2025-06-10 er utenfor "
      "perioden som ble fastsatt (2024-06-01 til 2025-05-31)"]),
    ({PLAN_FILE: ("    til: 2025-05-31", "    til: 2025-05-30")},
     ["data/perioder/2024-2025.yaml:7:6: til: perioden ble fastsatt med til 2025-05-31, men "
      "data/plan.yaml sier nå 2025-05-30; endre ikke datoene til en fastsatt periode (eller "
      "fastsett den på nytt)"]),
    ({SNAPSHOT_FILE: ('periode: "2024-2025"', 'periode: "2025-2026"')},
     ["data/perioder/2024-2025.yaml:5:10: periode: filen skal hete 2025-2026.yaml, etter perioden "
      "den fastsetter (den heter 2024-2025.yaml)",
      "data/perioder/2024-2025.yaml:6:6: fra: perioden ble fastsatt med fra 2024-06-01, men "
      "data/plan.yaml sier nå 2025-06-01; endre ikke datoene til en fastsatt periode (eller "
      "fastsett den på nytt)",
      "data/perioder/2024-2025.yaml:7:6: til: perioden ble fastsatt med til 2025-05-31, men "
      "data/plan.yaml sier nå 2026-05-31; endre ikke datoene til en fastsatt periode (eller "
      "fastsett den på nytt)"]),
    ({PLAN_FILE: ('  - id: "2024-2025"', '  - id: "2024-25"')},
     ["data/perioder/2024-2025.yaml:5:10: periode: perioden '2024-2025' finnes ikke under perioder "
      "i data/plan.yaml (perioder: '2024-25', '2025-2026'); en fastsatt periode må stå der"]),
    ({SNAPSHOT_FILE: ("fastsatt: 2025-06-15\n", "")},
     ["data/perioder/2024-2025.yaml:5:1: mangler feltet 'fastsatt'"]),
    ({SNAPSHOT_FILE: ('  - id: "1.1.2"', '  - id: "1.1.1"')},
     ['data/perioder/2024-2025.yaml:21:9: tiltak 1.1.1 id: tiltaket står to ganger (første gang '
      'på linje 10)']),
    ({SNAPSHOT_FILE: ("# yaml-language-server: $schema=../../../../data/schema/periode.schema.json",
                      "# skjema")},
     ["data/perioder/2024-2025.yaml:1:1: første linje skal vise til skjemaet: "
      "'# yaml-language-server: $schema=../schema/periode.schema.json'"]),
    ({SNAPSHOT_FILE: ('  - id: "1.1.2"\n    status_ved_start: ikke-rapportert',
                      "  - status_ved_start: ferdig")},
     ["data/perioder/2024-2025.yaml:21:5: det 2. tiltaket: mangler feltet 'id'",
      "data/perioder/2024-2025.yaml:21:23: det 2. tiltaket status_ved_start: ukjent status "
      "'ferdig' (tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', "
      "'ikke-viderefort', 'ikke-rapportert')"]),
    ({SNAPSHOT_FILE: ("fra: 2024-06-01", "fra: 2024-06-31")},
     ["data/perioder/2024-2025.yaml:6:6: fra: '2024-06-31' er ikke en dato som finnes "
      "(år-måned-dag, for eksempel 2025-03-14)"]),
    ({SNAPSHOT_FILE: ("til: 2025-05-31", "til: 2025-02-29")},
     ["data/perioder/2024-2025.yaml:7:6: til: '2025-02-29' er ikke en dato som finnes "
      "(år-måned-dag, for eksempel 2025-03-14)"]),
    ({SNAPSHOT_FILE: ("fastsatt: 2025-06-15", "fastsatt: 2025-13-15")},
     ["data/perioder/2024-2025.yaml:8:11: fastsatt: '2025-13-15' er ikke en dato som finnes "
      "(år-måned-dag, for eksempel 2025-03-14)"]),
    ({SNAPSHOT_FILE: ("      - dato: 2024-09-10", "      - dato: 2024-09-31")},
     ["data/perioder/2024-2025.yaml:14:15: tiltak 1.1.1 logg[1].dato: '2024-09-31' er ikke en "
      "dato som finnes (år-måned-dag, for eksempel 2025-03-14)"]),
    # An entry's status is one that was reported: 'ikke-rapportert' is not allowed there.
    ({SNAPSHOT_FILE: ("        status: pagar", "        status: ferdig")},
     ["data/perioder/2024-2025.yaml:15:17: tiltak 1.1.1 logg[1].status: ukjent status 'ferdig' "
      "(tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', 'ikke-viderefort')"]),
    # Fixed before it began: that one error, not every entry as outside a period that would
    # end before it starts.
    ({SNAPSHOT_FILE: ("fastsatt: 2025-06-15", "fastsatt: 2024-05-15")},
     ["data/perioder/2024-2025.yaml:8:11: fastsatt: 2024-05-15 er før perioden begynte "
      "(2024-06-01)"]),
    # Fixed a day before it ended: the entry on its last day is after the day it was fixed.
    ({SNAPSHOT_FILE: ("fastsatt: 2025-06-15", "fastsatt: 2025-05-30")},
     ["data/perioder/2024-2025.yaml:28:15: tiltak 1.1.2 logg[2].dato: 2025-05-31 er utenfor "
      "perioden som ble fastsatt (2024-06-01 til 2025-05-30)"]),
    ({PLAN_FILE: (re.search(r"perioder:\n(?:  .*\n)+", PLAN_TEXT).group(0), "")},
     ["data/perioder/2024-2025.yaml:5:10: periode: perioden '2024-2025' finnes ikke under "
      "perioder i data/plan.yaml (perioder: ingen); en fastsatt periode må stå der"]),
    ({SNAPSHOT_FILE: ('  - id: "1.1.3"', '  - id: "1.1.2"')},
     ['data/perioder/2024-2025.yaml:31:9: tiltak 1.1.2 id: tiltaket står to ganger (første gang '
      'på linje 21)']),
    ({SNAPSHOT_FILE: ('periode: "2024-2025"', 'periode: ["2024-2025"]')},
     ["data/perioder/2024-2025.yaml:5:10: periode: må være tekst, ikke en liste"]),
], ids=["ukjent-status", "melding-utenfor", "endrede-datoer", "feil-filnavn", "ukjent-periode",
        "mangler-fastsatt", "tiltak-to-ganger", "mangler-skjemalinje", "tiltak-uten-id",
        "fra-finnes-ikke", "til-finnes-ikke", "fastsatt-finnes-ikke", "meldingsdato-finnes-ikke",
        "ukjent-meldingsstatus", "fastsatt-foer-fra", "fastsatt-foer-til", "ingen-perioder",
        "tiltak-to-ganger-senere", "periode-ikke-tekst"])
def test_a_wrong_snapshot_is_a_located_norwegian_error(tmp_path, edits, expected):
    assert _errors(_copy(tmp_path, edits)) == expected


def test_snapshot_errors_are_reported_under_the_periods_rule(tmp_path):
    folder = _copy(tmp_path, {SNAPSHOT_FILE: ('periode: "2024-2025"', 'periode: "2025-2026"')})
    with pytest.raises(DataErrors) as caught:
        load_plan(folder, TODAY)
    assert [(e.line, e.rule) for e in caught.value.errors] == [
        (5, "perioder"), (6, "perioder"), (7, "perioder")]


def test_a_snapshot_is_checked_when_plan_yaml_is_not_a_mapping():
    """plan.yaml that is a list (its schema reports that) has no periods for the snapshot."""
    errors = periodcheck.check_snapshot({"periode": "a"}, lambda path: (5, 10), "a.yaml", "a",
                                        ["perioder"], [])
    assert [(str(e), e.rule) for e in errors] == [
        ("a.yaml:5:10: periode: perioden 'a' finnes ikke under perioder i data/plan.yaml "
         "(perioder: ingen); en fastsatt periode må stå der", "perioder")]


def test_a_period_fixed_on_its_first_day_holds_entries_to_that_day():
    """Fixed the day it began: that is not before it began, and only that day's entries fit."""
    value = {"periode": "a", "fra": "2024-06-01", "til": "2024-12-31", "fastsatt": "2024-06-01",
             "tiltak": [{"id": "1.1.1", "logg": [{"dato": "2024-06-02", "status": "pagar"},
                                                 {"dato": "2024-06-01", "status": "pagar"}]}]}
    plan = {"perioder": [{"id": "a", "fra": "2024-06-01", "til": "2024-12-31"}]}
    errors = periodcheck.check_snapshot(value, lambda path: (len(path), 1), "a.yaml", "a", plan,
                                        ["pagar"])
    assert [str(e) for e in errors] == [
        "a.yaml:5:1: tiltak 1.1.1 logg[1].dato: 2024-06-02 er utenfor perioden som ble fastsatt "
        "(2024-06-01 til 2024-06-01)"]


def test_every_error_in_every_file_is_reported_in_one_run(tmp_path):
    folder = _copy(tmp_path, {
        PLAN_FILE: ("    til: 2026-05-31", "    til: 2026-02-30"),
        SNAPSHOT_FILE: ("    status_ved_slutt: pagar", "    status_ved_slutt: ferdig"),
        "omrader/1-mangfold.yaml": ("            status: lopende", "            status: lop")})
    errors = _errors(folder)
    assert len(errors) == 3
    assert [e.split(":")[0] for e in errors] == [
        "data/omrader/1-mangfold.yaml", "data/perioder/2024-2025.yaml", "data/plan.yaml"]


def test_snapshot_schema_gives_editor_help_on_every_field():
    schema = json.loads((ROOT / "data/schema/periode.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)

    def fields(node, path=""):
        for key in ("properties", "definitions"):
            for name, child in node.get(key, {}).items():
                yield f"{path}/{name}", child
                yield from fields(child, f"{path}/{name}")
        if isinstance(node.get("items"), dict):
            yield from fields(node["items"], f"{path}[]")

    missing = [p for p, node in fields(schema) if not (node.get("title") and node.get("description"))]
    assert missing == []
    snapshot = yaml.safe_load(SNAPSHOT.read_text(encoding="utf-8"))
    for key in ("fra", "til", "fastsatt"):
        snapshot[key] = snapshot[key].isoformat()
    for row in snapshot["tiltak"]:
        for entry in row["logg"]:
            entry["dato"] = entry["dato"].isoformat()
    jsonschema.Draft7Validator(schema).validate(snapshot)


def test_real_plan_has_no_invented_periods_or_metadata():
    real = load_plan(ROOT / "data", TODAY)
    assert (real.adopted, real.source, real.periods) == (None, None, ())
    assert not (ROOT / "data" / SNAPSHOT_DIR).exists()


# Freezing a period: fastsett ------------------------------------------------------------------

def _without_comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_fastsett_writes_the_snapshot_the_fixture_holds(tmp_path):
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    result = _run("fastsett", "2024-2025", "--data", str(folder), build_date="2025-06-15")
    assert result.returncode == 0, result.stderr
    written = folder / SNAPSHOT_FILE
    assert result.stdout == (
        f"Fastsatte perioden 2024-2025 (Eksempelperioden 2024–2025) per 2025-06-15 i {written}: "
        f"33 tiltak, 5 meldinger i perioden, 3 tiltak endret status. Legg filen inn i git og send "
        f"den som en pull request.\n")
    text = written.read_text(encoding="utf-8")
    relative = os.path.relpath(ROOT / "data/schema/periode.schema.json", written.parent)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={relative}"
    assert text.splitlines()[1:3] == [
        "# Fastsatt rapport for perioden 2024-2025, skrevet av «make fastsett PERIODE=2024-2025».",
        "# Ikke rediger for hånd: nettstedet viser rapporten slik den står her. "
        "Se CONTRIBUTING.md."]
    assert _without_comments(text) == _without_comments(SNAPSHOT.read_text(encoding="utf-8"))
    # The page is then built from it and says so.
    plan = load_plan(folder, dt.date(2025, 6, 15))
    assert periodreport.report(plan, _period(plan, "2024-2025")).state == "fastsatt"
    assert periodreport.warnings(plan) == []


def test_a_period_is_ended_on_its_last_day_and_running_on_its_first(tmp_path):
    """The edges of a period: on its last day it can be fixed without --tving and counts as
    ended; on its first day it has begun (foreløpig), the day before it is to come."""
    folder = _as_of(tmp_path, "2025-05-31", backdated=False, snapshot=False)
    plan = load_plan(folder, dt.date(2025, 5, 31))
    first, second = (_period(plan, "2024-2025"), _period(plan, "2025-2026"))
    assert (periodreport.state(plan, first), periodreport.state(plan, second)) == (
        "avsluttet", "kommende")
    day_one = dataclasses.replace(plan, build_date=second.start)
    assert periodreport.state(day_one, second) == "foreløpig"
    path, _ = periodfreeze.freeze(folder, "2024-2025", dt.date(2025, 5, 31))
    assert path == folder / SNAPSHOT_FILE
    with pytest.raises(periodfreeze.FreezeError, match="varer til 2026-05-31"):
        periodfreeze.freeze(folder, "2025-2026", second.start)  # begun, not ended: needs --tving
    path, _ = periodfreeze.freeze(folder, "2025-2026", second.start, force=True)
    assert path.name == "2025-2026.yaml"


def test_freeze_returns_and_caches_the_report_as_fixed(tmp_path):
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    _, result = periodfreeze.freeze(folder, "2024-2025", dt.date(2025, 6, 15))
    plan = load_plan(folder, dt.date(2025, 6, 15))
    assert (result.state, periodreport.report(plan, _period(plan, "2024-2025")).state) == (
        "fastsatt", "fastsatt")


def test_snapshot_entries_are_newest_first_whatever_their_order_in_the_file(tmp_path):
    first = ('      - dato: 2024-09-10\n        status: pagar\n'
             '        tekst: "Eksempel: første møte med mulige tilbydere."\n'
             '        lenke: "https://example.org/referat-1"\n')
    second = ('      - dato: 2025-03-01\n        status: pagar\n'
              '        tekst: "Eksempel: to tilbydere er kontaktet."\n')
    folder = _copy(tmp_path, {SNAPSHOT_FILE: (first + second, second + first)})
    plan = load_plan(folder, TODAY)
    result = periodreport.report(plan, _period(plan, "2024-2025"))
    row = next(r for r in result.rows if r.id == "1.1.1")
    assert [(e.date.isoformat(), e.line) for e in row.entries] == [
        ("2025-03-01", 14), ("2024-09-10", 17)]


def test_freeze_refuses_a_fixed_period_unless_told_to_overwrite(tmp_path):
    folder = _copy(tmp_path)
    with pytest.raises(periodfreeze.FreezeError) as caught:
        periodfreeze.freeze(folder, "2024-2025", TODAY)
    assert str(caught.value) == (
        f"perioden 2024-2025 er allerede fastsatt 2025-06-15 ({folder / SNAPSHOT_FILE}). Vil du "
        f"fastsette den på nytt fra loggen slik den er nå, kjør make fastsett PERIODE=2024-2025 "
        f"OVERSKRIV=1 (python -m macros fastsett 2024-2025 --overskriv)")


def test_freeze_reads_the_data_on_the_day_it_is_given_not_the_build_date(tmp_path, monkeypatch):
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    monkeypatch.setenv("PLAN_BUILD_DATE", "2025-05-01")  # before the entries of 05-31 and 06-01
    path, result = periodfreeze.freeze(folder, "2024-2025", dt.date(2025, 6, 15))
    assert (path, result.state, result.fixed) == (
        folder / SNAPSHOT_FILE, "fastsatt", dt.date(2025, 6, 15))
    assert _rows(result) == (A_START, A_END, A_ENTRIES)


def test_freeze_writes_utf8_whatever_the_locale(tmp_path, windows_locale):
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    path, _ = periodfreeze.freeze(folder, "2024-2025", dt.date(2025, 6, 15))
    assert _without_comments(path.read_text(encoding="utf-8")) == _without_comments(
        SNAPSHOT.read_text(encoding="utf-8"))


def _refused_freeze(tmp_path: Path, monkeypatch, old: str, new: str, count: int = 1) -> str:
    """The message of a freeze whose new file has `old` replaced by `new` (`count` times: a
    fault the checks after writing it must catch); nothing may be written."""
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    written = periodfreeze.snapshot_text
    monkeypatch.setattr(periodfreeze, "snapshot_text",
                        lambda *args: written(*args).replace(old, new, count))
    with pytest.raises(periodfreeze.FreezeError) as caught:
        periodfreeze.freeze(folder, "2024-2025", dt.date(2025, 6, 15))
    assert sorted(p.name for p in (folder / "perioder").iterdir()) == []
    return str(caught.value)


def test_freeze_writes_nothing_when_the_new_file_fails_the_checks(tmp_path, monkeypatch):
    message = _refused_freeze(tmp_path, monkeypatch, "    status_ved_slutt: pagar",
                              "    status_ved_slutt: ferdig", count=2)
    # The errors name the file where it would have been written, not the checked scratch copy,
    # one per line.
    allowed = ("(tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', 'utsatt', "
               "'ikke-viderefort', 'ikke-rapportert')")
    file = f"{(tmp_path / 'data').as_posix()}/perioder/2024-2025.yaml"
    assert message == (
        "den nye filen ble ikke godkjent av sjekken, og ingenting ble skrevet:\n"
        f"{file}:11:23: tiltak 1.1.1 status_ved_slutt: ukjent status 'ferdig' {allowed}\n"
        f"{file}:107:23: tiltak 3.1.1 status_ved_slutt: ukjent status 'ferdig' {allowed}")


def test_freeze_writes_nothing_when_the_new_file_reads_back_differently(tmp_path, monkeypatch):
    assert _refused_freeze(tmp_path, monkeypatch, "    status_ved_slutt: pagar",
                           "    status_ved_slutt: fullfort") == (
        "den nye filen leses ikke tilbake likt, og ingenting ble skrevet")


def test_fastsett_refuses_to_overwrite_without_the_flag(tmp_path):
    folder = _copy(tmp_path)
    before = (folder / SNAPSHOT_FILE).read_bytes()
    result = _run("fastsett", "2024-2025", "--data", str(folder))
    assert result.returncode == 1
    assert result.stderr == (
        f"Fastsatte ikke perioden: perioden 2024-2025 er allerede fastsatt 2025-06-15 "
        f"({folder / SNAPSHOT_FILE}). Vil du fastsette den på nytt fra loggen slik den er nå, kjør "
        f"make fastsett PERIODE=2024-2025 OVERSKRIV=1 (python -m macros fastsett 2024-2025 "
        f"--overskriv)\n")
    assert (folder / SNAPSHOT_FILE).read_bytes() == before
    again = _run("fastsett", "2024-2025", "--data", str(folder), "--overskriv")
    assert again.returncode == 0, again.stderr
    plan = load_plan(folder, TODAY)
    result = periodreport.report(plan, _period(plan, "2024-2025"))
    assert result.fixed == TODAY
    assert _rows(result)[1] == A_END_LIVE and result.since == ()


def test_fastsett_refuses_a_period_that_has_not_ended_unless_forced(tmp_path):
    folder = _as_of(tmp_path, "2026-03-01")
    result = _run("fastsett", "2025-2026", "--data", str(folder), build_date="2026-03-01")
    assert result.returncode == 1
    assert result.stderr == (
        "Fastsatte ikke perioden: perioden 2025-2026 varer til 2026-05-31, etter dagens dato "
        "(2026-03-01). Fastsett den når perioden er slutt, eller kjør make fastsett "
        "PERIODE=2025-2026 TVING=1 (python -m macros fastsett 2025-2026 --tving) for å fastsette "
        "den slik den står per 2026-03-01\n")
    assert not (folder / "perioder/2025-2026.yaml").exists()
    forced = _run("fastsett", "2025-2026", "--data", str(folder), "--tving",
                  build_date="2026-03-01")
    assert forced.returncode == 0, forced.stderr
    plan = load_plan(folder, TODAY)
    result = periodreport.report(plan, _period(plan, "2025-2026"))
    assert (result.state, result.end) == ("fastsatt", dt.date(2026, 3, 1))
    assert _rows(result)[1] == {**B_END, "1.3.1": "ikke-rapportert"}
    assert result.since == ()
    page = flat(periodpages.render_page(Renderer(plan, "perioder/2025-2026/"), "2025-2026"))
    assert "Fastsatt 1. mars 2026 Rapporten ble fastsatt etter årsmøtet og viser det som var " \
           "rapportert da. Den ble fastsatt før perioden var slutt, så status ved slutt gjelder " \
           "1. mars 2026." in page


@pytest.mark.parametrize("period_id,build_date,message", [
    ("2023-2024", BUILD_DATE, "perioden '2023-2024' finnes ikke i data/plan.yaml (perioder: "
                              "'2024-2025', '2025-2026')"),
    ("2025-2026", "2025-05-01", "perioden 2025-2026 begynner 2025-06-01, etter dagens dato "
                                "(2025-05-01); det er ingenting å fastsette ennå"),
])
def test_fastsett_refuses_an_unknown_or_future_period(tmp_path, period_id, build_date, message):
    folder = _as_of(tmp_path, build_date)
    result = _run("fastsett", period_id, "--data", str(folder), build_date=build_date)
    assert (result.returncode, result.stderr) == (1, f"Fastsatte ikke perioden: {message}\n")
    assert sorted(p.name for p in (folder / "perioder").iterdir()) == ["2024-2025.yaml"]


def test_fastsett_without_periods_says_how_to_add_one():
    result = _run("fastsett", "2024-2025")
    assert result.returncode == 1
    assert result.stderr == ("Fastsatte ikke perioden: perioden '2024-2025' finnes ikke: "
                             "data/plan.yaml har ingen perioder ennå. Legg den inn under perioder "
                             "først (se CONTRIBUTING.md)\n")
    assert not (ROOT / "data" / SNAPSHOT_DIR).exists()


def test_fastsett_writes_nothing_when_the_data_has_errors(tmp_path):
    folder = _as_of(tmp_path, "2025-06-15", backdated=False, snapshot=False)
    area = folder / "omrader" / "1-mangfold.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("status: lopende", "status: lop"),
                    encoding="utf-8")
    result = _run("fastsett", "2024-2025", "--data", str(folder), build_date="2025-06-15")
    assert result.returncode == 1
    assert result.stderr.startswith("Fant 1 feil i dataene. Ingenting ble publisert.\n")
    assert not (folder / SNAPSHOT_FILE).exists()


def test_make_fastsett_needs_a_period():
    result = subprocess.run(["make", "--no-print-directory", "-s", "fastsett"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "make fastsett PERIODE=2024-2025" in result.stderr


@pytest.mark.parametrize("text", [
    'Eksempel: "sitat" og \\ skråstrek', "linje én\nlinje to\ttab", "# ikke kommentar: kolon",
    "neste linje\u0085 og\u2028skille\u2029avsnitt", "null\x00 og bjelle\x07 og \x7f",
    "høyre\u202emot venstre \U0001F600", "\ufeffBOM", "'enkle' {klammer} [liste] *stjerne* &amp",
    "  mellomrom rundt  ", "yes", "1.10", "~",
])
def test_snapshot_text_reads_back_exactly(text):
    value = yaml.load(f"tekst: {periodfreeze.yaml_string(text)}\n", Loader=yaml.SafeLoader)
    assert value == {"tekst": text}


# The built site ----------------------------------------------------------------------------------

def _page_text(build, url: str) -> str:
    return normalise(PageScan(build.page(url)).text)


def test_period_index_lists_every_period_with_its_state(period_site):
    page = period_site.page("perioder/")
    rows = re.findall(r'<tr data-period="([^"]+)">(.*?)</tr>', page, re.S)
    assert [(pid, normalise(PageScan(row).text)) for pid, row in rows] == [
        ("2025-2026", "Eksempelperioden 2025–2026 1. juni 2025 – 31. mai 2026 Avsluttet, ikke "
                      "fastsatt JSON for Eksempelperioden 2025–2026 CSV for Eksempelperioden "
                      "2025–2026"),
        ("2024-2025", "Eksempelperioden 2024–2025 1. juni 2024 – 31. mai 2025 Fastsatt 15. juni "
                      "2025 JSON for Eksempelperioden 2024–2025 CSV for Eksempelperioden "
                      "2024–2025")]
    for period_id in ("2024-2025", "2025-2026"):
        assert f'href="{period_id}/"' in page
        assert f'href="../data/perioder/{period_id}.json"' in page
        assert f'href="../data/perioder/{period_id}.csv"' in page


def test_real_site_says_plainly_that_no_periods_are_set_up(real_site):
    text = flat(real_site.page("perioder/"))
    assert "Det er ikke satt opp noen rapporteringsperioder ennå, så det finnes ingen rapporter " \
           "per periode." in text
    assert "legges inn i filen data/plan.yaml under perioder, med id, navn og første og siste " \
           "dag" in text
    assert "CONTRIBUTING.md, «Guide 7»" in text
    assert not (real_site.site / "data" / "perioder").exists()
    opendata = flat(real_site.page("apne-data/"))
    assert "Det er ikke satt opp noen rapporteringsperioder ennå, så det finnes ingen filer per " \
           "periode." in opendata


def test_guide_link_when_the_repository_is_known():
    page = periodpages.render_index(Renderer(load_plan(ROOT / "data", TODAY), "perioder/",
                                             "https://github.com/eksempel/plan"))
    assert ('<a href="https://github.com/eksempel/plan/blob/main/CONTRIBUTING.md#'
            'guide-7-rapporteringsperioder-og-årsmøterapporten">Slik legger du inn en periode</a>'
            ) in page
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "\n## Guide 7: Rapporteringsperioder og årsmøterapporten\n" in guide
    # A repository address given with a slash at the end (and a name ending in X).
    page = periodpages.render_index(Renderer(load_plan(ROOT / "data", TODAY), "perioder/",
                                             "https://github.com/eksempel/planX/"))
    assert ('<a href="https://github.com/eksempel/planX/blob/main/CONTRIBUTING.md#'
            'guide-7-rapporteringsperioder-og-årsmøterapporten">Slik legger du inn en periode</a>'
            ) in page


def test_front_page_navigation_and_about_page_link_the_reports(period_site, real_site):
    for build in (period_site, real_site):
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', build.page(""),
                        re.S).group(0)
        assert 'href="perioder/"' in nav and "Rapporter per periode" in nav
        assert '<a href="perioder/">rapportene for hver periode</a>' in build.page("")
        assert '<a href="../perioder/">rapportene per periode</a>' in build.page("om-planen/")


def test_adopted_date_and_source_are_shown_only_when_set(period_site, real_site):
    for url in ("", "om-planen/"):
        adopted = re.search(r'<p class="plan-adopted">(.*?)</p>', period_site.page(url), re.S)
        assert flat(adopted.group(1)) == "Vedtatt 20. mai 2024. Les planen slik den ble vedtatt"
        assert '<a href="https://example.org/eksempel/handlingsplan.pdf">Les planen slik den ble ' \
               'vedtatt</a>' in adopted.group(1)
        real = real_site.page(url)
        assert "plan-adopted" not in real and "Vedtatt" not in real
        assert "Les planen slik den ble vedtatt" not in real


def _section(page: str, anchor: str, end_anchor: str | None) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start:page.index(f'id="{end_anchor}"') if end_anchor else len(page)]


def test_fixed_period_page_shows_snapshot_fixed_date_and_note(period_site):
    page = period_site.page("perioder/2024-2025/")
    text = _page_text(period_site, "perioder/2024-2025/")
    assert "Status per 31. mai 2025 Rapport for perioden 1. juni 2024 – 31. mai 2025. Fastsatt " \
           "15. juni 2025" in text
    note = re.search(r'<div class="admonition warning plan-period__since".*?</div>', page, re.S)
    items = re.findall(r'<li data-measure="([\d.]+)">(.*?)</li>', note.group(0), re.S)
    assert [(i, flat(t)) for i, t in items] == [(
        "2.1.1", "Tiltak 2.1.1: ny melding 1. februar 2025 (Pågår): «Eksempel: ført inn i "
                 "ettertid, etter at perioden 2024-2025 ble fastsatt.»")]
    assert 'href="../../tiltak/2-1-1/"' in note.group(0)
    assert "Registrert etter at rapporten ble fastsatt" in flat(note.group(0))
    assert "plan-period__since" not in period_site.page("perioder/2025-2026/")


@pytest.mark.parametrize("period_id,start,end,entries", [
    ("2024-2025", A_START, A_END, A_ENTRIES), ("2025-2026", B_START, B_END, B_ENTRIES)])
def test_period_page_table_has_every_tiltak_with_start_and_end(period_site, period_id, start,
                                                               end, entries):
    page = period_site.page(f"perioder/{period_id}/")
    table = _section(page, "alle-tiltak", None)
    rows = re.findall(r'<tr data-measure="([\d.]+)" data-start="([^"]+)" '
                      r'data-end="([^"]+)">(.*?)</tr>', table, re.S)
    assert [r[0] for r in rows] == ALL_IDS
    assert {r[0]: r[1] for r in rows} == start
    assert {r[0]: r[2] for r in rows} == end
    for measure_id, _, _, row in rows:
        latest = re.search(r'<p class="plan-latest">.*?<time datetime="([\d-]+)">', row, re.S)
        assert (latest.group(1) if latest else None) == \
            (entries[measure_id][0] if measure_id in entries else None), measure_id


def _counts(statuses: dict[str, str], ids=None) -> dict[str, int]:
    found: dict[str, int] = {}
    for measure_id, status in statuses.items():
        if ids is None or measure_id in ids:
            found[status] = found.get(status, 0) + 1
    return found


@pytest.mark.parametrize("period_id,start,end", [
    ("2024-2025", A_START, A_END), ("2025-2026", B_START, B_END)])
def test_period_page_counts_start_and_end_per_area_with_chart_and_text(period_site, period_id,
                                                                       start, end):
    page = period_site.page(f"perioder/{period_id}/")
    table = _section(page, "status", "endringer")
    for key, ids in [("planen", None)] + [(a.id, {m.id for m in a.measures}) for a in PLAN.areas]:
        for when, statuses in (("start", start), ("slutt", end)):
            svg = re.search(rf'<svg class="plan-bar"[^>]*aria-labelledby="periode-{when}-{key}-'
                            rf'tittel periode-{when}-{key}-beskrivelse".*?</svg>', table, re.S)
            drawn = dict(re.findall(r'data-status="([^"]+)" data-count="(\d+)"', svg.group(0)))
            assert {k: int(v) for k, v in drawn.items()} == _counts(statuses, ids), (key, when)
            desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg.group(0)).group(1)
            names = {s.name: s.id for s in (*PLAN.statuses, PLAN.unreported)}
            said = {names[n.strip()]: int(c) for n, c in re.findall(r"([^:,.]+): (\d+)", desc)}
            assert said == _counts(statuses, ids), (key, when)


@pytest.mark.parametrize("period_id,changed,entries", [
    ("2024-2025", {"1": ["1.1.1", "1.1.2", "1.2.1"]},
     {"1": [("1.1.2", "2025-05-31"), ("1.1.1", "2025-03-01"), ("1.2.1", "2025-01-15"),
            ("1.1.1", "2024-09-10"), ("1.1.2", "2024-06-01")]}),
    ("2025-2026", {"1": ["1.1.1", "1.3.1"], "3": ["3.1.1"], "4": ["4.1.1"]},
     {"1": [("1.3.1", "2026-05-31"), ("1.1.1", "2025-09-01")], "3": [("3.1.1", "2025-10-01")],
      "4": [("4.1.1", "2025-06-01"), ("4.1.1", "2025-06-01")]}),
])
def test_what_changed_is_grouped_by_area(period_site, period_id, changed, entries):
    page = period_site.page(f"perioder/{period_id}/")
    section = _section(page, "endringer", "alle-tiltak")
    for area in PLAN.areas:
        part = _section(section, f"endringer-{area.id}",
                        f"endringer-{int(area.id) + 1}" if area.id != "4" else None)
        table = re.search(r'<table class="plan-table plan-table--period plan-table--changes".*?'
                          r'</table>', part, re.S)
        rows = re.findall(r'<tr data-measure="([\d.]+)">', table.group(0)) if table \
            else []
        assert rows == changed.get(area.id, []), area.id
        listed = re.findall(r'<li class="plan-updates__entry" data-measure="([\d.]+)">\s*'
                            r'<p class="plan-updates__head"><time datetime="([\d-]+)">', part)
        assert listed == entries.get(area.id, []), area.id
        if not rows and not listed:
            assert "Ingen meldinger og ingen statusendringer i perioden." in part
    if period_id == "2024-2025":
        first = re.search(r'<tr data-measure="1.1.1">(.*?)</tr>', section, re.S)
        cells = re.findall(r'<td class="plan-table__(start|end)">.*?'
                           r'data-status="([^"]+)"', first.group(1), re.S)
        assert cells == [("start", "ikke-startet"), ("end", "pagar")]


def test_entries_after_the_period_never_show(period_site):
    later = period_site.page("perioder/2025-2026/")
    for text in ("tatt opp igjen dagen etter at perioden sluttet", "arbeidet er tatt opp igjen",
                 'datetime="2026-06-01"', 'datetime="2026-08-01"'):
        assert text not in later, text
    earlier = period_site.page("perioder/2024-2025/")
    for text in ("avtale med en tilbyder er inngått", "styret vedtok å avslutte",
                 'datetime="2025-09-01"', 'datetime="2024-03-01"', 'datetime="2023-12-01"'):
        assert text not in earlier, text


def test_period_open_data_json_and_csv(period_site):
    schema = json.loads((period_site.site / "data/schema/periode-json.schema.json")
                        .read_text(encoding="utf-8"))
    for period_id, start, end, entries, state in (
            ("2024-2025", A_START, A_END, A_ENTRIES, ("2025-05-31", False, "2025-06-15")),
            ("2025-2026", B_START, B_END, B_ENTRIES, ("2026-05-31", False, None))):
        document = json.loads((period_site.site / f"data/perioder/{period_id}.json")
                              .read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()) \
            .validate(document)
        period = document["periode"]
        assert (period["status_per"], period["foreløpig"], period["fastsatt"]) == state
        assert period["url"] == f"http://127.0.0.1:8000/perioder/{period_id}/"
        assert [row["id"] for row in document["tiltak"]] == ALL_IDS
        assert {row["id"]: row["status_ved_start"] for row in document["tiltak"]} == start
        assert {row["id"]: row["status_ved_slutt"] for row in document["tiltak"]} == end
        assert {row["id"]: [e["dato"] for e in row["logg"]] for row in document["tiltak"]
                if row["logg"]} == entries
        raw = (period_site.site / f"data/perioder/{period_id}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""),
                                   delimiter=";"))
        assert list(rows[0]) == list(perioddata.CSV_COLUMNS)
        names = {s.id: s.name for s in (*PLAN.statuses, PLAN.unreported)}
        assert [(r["Tiltak"], r["Status ved start"], r["Status ved slutt"]) for r in rows] == [
            (f"Tiltak {i}", names[start[i]], names[end[i]]) for i in ALL_IDS]
        assert {r["Tiltak"]: (r["Meldinger i perioden"], r["Dato for nyeste melding"])
                for r in rows if r["Meldinger i perioden"] != "0"} == {
            f"Tiltak {i}": (str(len(d)), d[0]) for i, d in entries.items()}
    first = json.loads((period_site.site / "data/perioder/2024-2025.json").read_text("utf-8"))
    assert first["tiltak"][0]["logg"] == [
        {"dato": "2025-03-01", "status": "pagar", "tekst": "Eksempel: to tilbydere er kontaktet.",
         "lenke": None},
        {"dato": "2024-09-10", "status": "pagar",
         "tekst": "Eksempel: første møte med mulige tilbydere.",
         "lenke": "https://example.org/referat-1"}]



SITE_URL = "https://plan.eksempel.no/sti/"
PERIOD_SCHEMA = ROOT / "macros" / "periode-json.schema.json"


def test_period_open_data_is_written_in_process(tmp_path, windows_locale):
    """Each period's JSON and CSV made directly (the fast check `make mutanter` runs): the
    files in order, UTF-8 JSON with one space per level, the CSV with BOM and CRLF."""
    site = tmp_path / "site"
    folder = site / "data" / "perioder"
    assert perioddata.write_period_data(PLAN, site, SITE_URL, "CC BY 4.0") == [
        folder / "2024-2025.json", folder / "2024-2025.csv", folder / "2025-2026.json",
        folder / "2025-2026.csv", site / "data" / "schema" / "periode-json.schema.json"]
    raw = (folder / "2024-2025.json").read_bytes()
    assert raw.startswith(
        '{\n "periode": {\n  "id": "2024-2025",\n  "navn": "Eksempelperioden 2024–2025",\n'
        '  "fra": "2024-06-01",\n  "til": "2025-05-31",\n  "status_per": "2025-05-31",\n'
        '  "foreløpig": false,\n  "fastsatt": "2025-06-15",\n'
        f'  "url": "{SITE_URL}perioder/2024-2025/"\n }},\n'
        ' "plan": "Handlingsplan for Norsk kulturskoleråd Oslo og Viken",\n'
        ' "bygget": "2026-11-01",\n "lisens": "CC BY 4.0",\n "statuser": [\n  {\n'
        '   "id": "ikke-startet",\n   "navn": "Ikke startet"\n  },\n'.encode("utf-8"))
    assert raw.endswith(b'   "status_ved_slutt": "ikke-rapportert",\n   "logg": []\n  }\n ]\n}\n')
    document = json.loads(raw.decode("utf-8"))
    assert [(s["id"], s["navn"]) for s in document["statuser"]] == [
        ("ikke-startet", "Ikke startet"), ("pagar", "Pågår"), ("lopende", "Løpende"),
        ("fullfort", "Fullført"), ("utsatt", "Utsatt"), ("ikke-viderefort", "Ikke videreført"),
        ("ikke-rapportert", "Ikke rapportert")]
    assert document["tiltak"][:2] == [
        {"id": "1.1.1", "status_ved_start": "ikke-startet", "status_ved_slutt": "pagar",
         "logg": [{"dato": "2025-03-01", "status": "pagar", "lenke": None,
                   "tekst": "Eksempel: to tilbydere er kontaktet."},
                  {"dato": "2024-09-10", "status": "pagar",
                   "lenke": "https://example.org/referat-1",
                   "tekst": "Eksempel: første møte med mulige tilbydere."}]},
        {"id": "1.1.2", "status_ved_start": "ikke-rapportert", "status_ved_slutt": "utsatt",
         "logg": [{"dato": "2025-05-31", "status": "utsatt", "lenke": None,
                   "tekst": "Eksempel: satt på vent til budsjettet er klart (siste dag i "
                            "perioden)."},
                  {"dato": "2024-06-01", "status": "pagar", "lenke": None,
                   "tekst": "Eksempel: modellen er under arbeid (første dag i perioden)."}]}]
    assert [row["id"] for row in document["tiltak"]] == ALL_IDS
    ended = json.loads((folder / "2025-2026.json").read_text(encoding="utf-8"))
    assert ended["periode"] == {
        "id": "2025-2026", "navn": "Eksempelperioden 2025–2026", "fra": "2025-06-01",
        "til": "2026-05-31", "status_per": "2026-05-31", "foreløpig": False, "fastsatt": None,
        "url": SITE_URL + "perioder/2025-2026/"}
    lines = (folder / "2024-2025.csv").read_bytes().decode("utf-8").split("\r\n")
    assert lines[:4] == [
        "\ufeffTiltak;Tekst;Status ved start;Status ved slutt;Meldinger i perioden;"
        "Nyeste melding i perioden;Dato for nyeste melding",
        "Tiltak 1.1.1;Etablere et samarbeid med en relevant tilbyder av sertifisering i "
        "mangfoldsledelse.;Ikke startet;Pågår;2;Eksempel: to tilbydere er kontaktet.;2025-03-01",
        "Tiltak 1.1.2;Delfinansiere deltakeravgifter etter gradert modell basert på kommunens "
        "innbyggertall.;Ikke rapportert;Utsatt;2;Eksempel: satt på vent til budsjettet er klart "
        "(siste dag i perioden).;2025-05-31",
        "Tiltak 1.1.3;Vurdere å søke eksterne midler til finansiering.;Ikke rapportert;"
        "Ikke rapportert;0;;"]
    assert (len(lines), lines[-1]) == (len(ALL_IDS) + 2, "")
    assert (site / "data" / "schema" / PERIOD_SCHEMA.name).read_bytes() == \
        PERIOD_SCHEMA.read_bytes()


def test_period_data_of_a_running_period_and_of_a_tiltak_gone_from_the_plan():
    """A running period is "foreløpig" per the build date; without a licence "lisens" is null;
    a frozen tiltak no longer in the plan keeps its row in the CSV, with no text."""
    plan = dataclasses.replace(PLAN, build_date=dt.date(2026, 3, 1))
    running = periodreport.report(plan, _period(plan, "2025-2026"))
    document = perioddata.period_document(plan, running, SITE_URL, "")
    assert (document["periode"]["status_per"], document["periode"]["foreløpig"],
            document["periode"]["fastsatt"], document["bygget"], document["lisens"]) == (
        "2026-03-01", True, None, "2026-03-01", None)
    fixed = periodreport.report(PLAN, _period(PLAN, "2024-2025"))
    gone = dataclasses.replace(fixed.rows[0], measure=None)
    assert perioddata.csv_rows(dataclasses.replace(fixed, rows=(gone, fixed.rows[2]))) == [
        perioddata.CSV_COLUMNS,
        ("Tiltak 1.1.1", "", "Ikke startet", "Pågår", "2", "Eksempel: to tilbydere er kontaktet.",
         "2025-03-01"),
        ("Tiltak 1.1.3", "Vurdere å søke eksterne midler til finansiering.", "Ikke rapportert",
         "Ikke rapportert", "0", "", "")]


def test_period_data_skips_every_period_that_has_not_begun(tmp_path):
    """Only begun periods get files, also when a fixed one follows one that has not begun (a
    build dated before the freeze, PLAN_BUILD_DATE); with none begun, only the schema."""
    first, second = PLAN.periods
    early = dataclasses.replace(second, id="2024-mai", name="Mai 2024", start=dt.date(2024, 5, 10),
                                end=dt.date(2024, 5, 31))
    plan = dataclasses.replace(PLAN, build_date=dt.date(2024, 5, 1), periods=(early, first, second))
    assert [periodreport.report(plan, p).state for p in plan.periods] == [
        "kommende", "fastsatt", "kommende"]
    site = tmp_path / "site"
    schema = site / "data" / "schema" / PERIOD_SCHEMA.name
    assert perioddata.write_period_data(plan, site, SITE_URL, "") == [
        site / "data" / "perioder" / "2024-2025.json", site / "data" / "perioder" / "2024-2025.csv",
        schema]
    none_begun = dataclasses.replace(plan, periods=(early, second))
    assert perioddata.write_period_data(none_begun, tmp_path / "other", SITE_URL, "") == [
        tmp_path / "other" / "data" / "schema" / PERIOD_SCHEMA.name]

def test_open_data_page_lists_the_period_files(period_site):
    page = period_site.page("apne-data/")
    items = re.findall(r'<li data-period="([^"]+)">(.*?)</li>', page, re.S)
    assert [(i, flat(t)) for i, t in items] == [
        ("2025-2026", "Eksempelperioden 2025–2026 (1. juni 2025 – 31. mai 2026): 2025-2026.json og "
                      "2025-2026.csv"),
        ("2024-2025", "Eksempelperioden 2024–2025 (1. juni 2024 – 31. mai 2025, fastsatt 15. juni "
                      "2025): 2024-2025.json og 2024-2025.csv")]
    for period_id in ("2024-2025", "2025-2026"):
        for suffix in ("json", "csv"):
            assert f'href="../data/perioder/{period_id}.{suffix}"' in page
    assert 'href="../data/schema/periode-json.schema.json"' in page


def test_period_pages_are_published_addresses(period_site):
    found = published(period_site.site)
    for entry in ("/perioder/", "/perioder/2024-2025/", "/perioder/2025-2026/",
                  "/data/perioder/2024-2025.json", "/data/perioder/2025-2026.csv",
                  "/data/schema/periode-json.schema.json", "/data/schema/periode.schema.json"):
        assert entry in found, entry
        assert resolves(period_site.site, entry), entry


def test_pages_link_pdfs_only_when_they_exist(period_site, tmp_path):
    from macros.pdf import jobs, link_pdf

    assert [(j.url, j.name) for j in jobs(PLAN)] == [
        ("hele-planen/", "handlingsplan.pdf"), ("perioder/2024-2025/", "rapport-2024-2025.pdf"),
        ("perioder/2025-2026/", "rapport-2025-2026.pdf")]
    for job in jobs(PLAN):
        page = period_site.page(job.url)
        assert f"<!--plan-pdf:{job.name}-->" in page
        assert "plan-pdf" not in page.replace(f"<!--plan-pdf:{job.name}-->", "")
    site = Path(shutil.copytree(period_site.site, tmp_path / "site"))
    job = jobs(PLAN)[1]
    (site / job.path).write_bytes(b"%PDF-1.4\n" + b"x" * 312_000)
    assert link_pdf(site, job)
    page = (site / job.url / "index.html").read_text(encoding="utf-8")
    assert ('<a class="plan-pdf" href="rapport-2024-2025.pdf" type="application/pdf">Last ned '
            'rapporten som PDF<span class="plan-pdf__size"> (PDF, 313 kB)</span></a>') in page
    assert not link_pdf(site, job)  # the marker is gone; a second run changes nothing


def test_period_names_from_the_data_stay_text(tmp_path):
    folder = _copy(tmp_path, {PLAN_FILE: ('    navn: "Eksempelperioden 2025–2026"',
                                          '    navn: "<b>*fet*</b> [lenke](https://x.no) {{ 1 }}"')})
    plan = load_plan(folder, TODAY)
    page = periodpages.render_page(Renderer(plan, "perioder/2025-2026/"), "2025-2026")
    heading = re.search(r"^# (.*)$", page, re.M).group(1)
    assert heading == "&lt;b&gt;\\*fet\\*&lt;/b&gt; \\[lenke\\]\\(https://x\\.no\\) \\{\\{ 1 \\}\\}"
    assert "<b>" not in page


def test_publish_workflow_prints_the_pdfs_with_the_runners_chrome():
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "        run: make pdf\n" in text and "run: make build" not in text
    assert "CHROMIUM: /usr/bin/google-chrome" in text
