"""History per tiltak and stale-status warnings, in the model and on the area pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from conftest import BUILD_DATE, EXAMPLE_DATA
from htmlscan import PageScan, normalise
from macros.load import load_plan

TODAY = dt.date.fromisoformat(BUILD_DATE)
EXAMPLE = load_plan(EXAMPLE_DATA, TODAY)


def on(date: dt.date):
    """The example plan as a build on `date` sees it. Loading on that date would refuse the
    entries dated after it, so the model is copied with only its build date changed."""
    return dataclasses.replace(EXAMPLE, build_date=date)


def _row(page: str, measure_id: str) -> str:
    anchor = "tiltak-" + measure_id.replace(".", "-")
    return re.search(rf'<tr id="{anchor}".*?</tr>', page, re.S).group(0)


def test_stale_means_older_than_the_limit_on_the_build_date():
    measure = EXAMPLE.measures_by_id["3.2.1"]  # newest report 2025-12-01
    limit = EXAMPLE.stale_after_days
    on_the_limit = on(measure.latest.date + dt.timedelta(days=limit))
    one_day_later = on(measure.latest.date + dt.timedelta(days=limit + 1))
    assert not on_the_limit.is_stale(measure)
    assert one_day_later.is_stale(measure)


def test_a_closing_status_never_goes_stale():
    finished = EXAMPLE.measures_by_id["3.4.1"]  # Fullført, a status with avsluttet: true
    assert finished.latest.status.closed
    long_after = load_plan(EXAMPLE_DATA, finished.latest.date + dt.timedelta(days=1000))
    assert not long_after.is_stale(long_after.measures_by_id["3.4.1"])
    assert not long_after.needs_report(long_after.measures_by_id["3.4.1"])
    # An open status on the same day does go stale.
    assert long_after.is_stale(long_after.measures_by_id["1.1.1"])


def test_needs_report_lists_never_reported_and_stale_in_plan_order():
    never, stale = EXAMPLE.needing_report()
    reported = {"1.1.1", "1.1.2", "1.2.2", "2.3.2", "3.2.1", "3.3.1", "3.4.1", "3.5.2"}
    assert [m.id for m in never] == [m.id for m in EXAMPLE.measures if m.id not in reported]
    assert len(never) == 25
    assert [m.id for m in stale] == ["3.2.1", "3.3.1"]
    assert all(EXAMPLE.needs_report(m) for m in never + stale)
    assert not EXAMPLE.needs_report(EXAMPLE.measures_by_id["1.1.1"])


def test_log_entries_are_newest_first_then_plan_order_then_later_line_first():
    entries = [(m.id, e.date.isoformat(), e.status.id) for m, e in EXAMPLE.log_entries()]
    assert entries == [
        ("2.3.2", "2026-10-20", "ikke-startet"),
        ("1.2.2", "2026-10-01", "fullfort"),
        ("1.1.1", "2026-09-15", "pagar"),
        ("3.4.1", "2026-09-15", "fullfort"),
        ("1.1.2", "2026-08-01", "lopende"),
        ("3.5.2", "2026-06-30", "ikke-viderefort"),
        ("1.1.1", "2026-04-02", "pagar"),
        ("3.3.1", "2026-03-01", "utsatt"),
        ("3.3.1", "2026-03-01", "pagar"),
        ("1.1.1", "2026-01-20", "utsatt"),
        ("3.2.1", "2025-12-01", "pagar"),
        ("1.1.1", "2025-11-10", "pagar"),
        ("1.1.1", "2025-09-01", "ikke-startet"),
    ]


def test_timeline_shows_every_entry_newest_first_in_a_closed_details(example_site):
    row = _row(example_site.page("omrader/mangfold/"), "1.1.1")
    details = re.search(r"<details class=\"plan-history\">(.*?)</details>", row, re.S)
    assert details, "history must be a closed <details> so the table stays scannable"
    summary = normalise(PageScan(re.search(r"<summary>.*?</summary>", details.group(1), re.S)
                                 .group(0)).text)
    assert summary == "Historikk (5 meldinger) for tiltak 1.1.1"
    dates = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', details.group(1))
    assert dates == [("2026-09-15", "15. september 2026"), ("2026-04-02", "2. april 2026"),
                     ("2026-01-20", "20. januar 2026"), ("2025-11-10", "10. november 2025"),
                     ("2025-09-01", "1. september 2025")]
    labels = re.findall(r'class="plan-status__label">([^<]+)<', details.group(1))
    assert labels == ["Pågår", "Pågår", "Utsatt", "Pågår", "Ikke startet"]
    assert '<a href="https://example.org/referat">Les mer' in details.group(1)
    assert normalise(PageScan(details.group(1)).text).startswith(
        "Historikk (5 meldinger) for tiltak 1.1.1 15. september 2026 Pågår "
        "Eksempel: to tilbydere er kontaktet. Les mer om meldingen 15. september 2026")


def test_timeline_escapes_text_and_says_one_message(example_site):
    row = _row(example_site.page("omrader/mangfold/"), "1.1.2")
    assert "(1 melding)" in row
    assert "&lt;b&gt;ikke fet&lt;/b&gt;" in row and "<b>" not in row


def test_unreported_measure_has_no_timeline(example_site):
    row = _row(example_site.page("omrader/mangfold/"), "1.1.3")
    assert "<details" not in row and "Ikke rapportert" in row


def test_stale_measures_and_only_those_are_marked_on_area_pages(example_site):
    marked = {}
    for area in EXAMPLE.areas:
        page = example_site.page(area.page_url)
        for measure in area.measures:
            text = normalise(PageScan(_row(page, measure.id)).text)
            if "Ikke oppdatert siden" in text:
                marked[measure.id] = re.search(r"Ikke oppdatert siden ([^.]+\. \w+ \d{4})",
                                               text).group(1)
    assert marked == {"3.2.1": "1. desember 2025", "3.3.1": "1. mars 2026"}


def test_real_site_has_no_history_and_no_stale_marks(real_site):
    page = real_site.page("omrader/mangfold/")
    assert "<details" not in page and "Ikke oppdatert siden" not in page
