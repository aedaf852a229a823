"""History per tiltak and stale-status warnings, in the model and on the area pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from conftest import BUILD_DATE, EXAMPLE_DATA
from helpers import flat
from helpers import row as measure_row
from htmlscan import PageScan, normalise
from macros.load import load_plan

TODAY = dt.date.fromisoformat(BUILD_DATE)
EXAMPLE = load_plan(EXAMPLE_DATA, TODAY)


def on(date: dt.date):
    """The example plan as a build on `date` sees it. Loading on that date would refuse the
    entries dated after it, so the model is copied with only its build date changed."""
    return dataclasses.replace(EXAMPLE, build_date=date)


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


def test_newest_report_is_visible_and_older_ones_are_in_a_closed_details(example_site):
    row = measure_row(example_site.page("omrader/mangfold/"), "1.1.1")
    latest = re.search(r'<p class="plan-latest">(.*?)</p>', row, re.S)
    assert latest, "the newest report's text must be visible without opening anything"
    assert flat(latest.group(1)) == (
        "Siste melding, 15. september 2026: Eksempel: to tilbydere er kontaktet. "
        "Les mer om meldingen for tiltak 1.1.1 15. september 2026")
    assert '<time datetime="2026-09-15">' in latest.group(1)
    assert '<a href="https://example.org/referat">Les mer' in latest.group(1)
    assert row.index('class="plan-latest"') < row.index("<details")
    details = re.search(r"<details class=\"plan-history\">(.*?)</details>", row, re.S)
    assert details, "older reports must be in a closed <details> so the table stays scannable"
    summary = normalise(PageScan(re.search(r"<summary>.*?</summary>", details.group(1), re.S)
                                 .group(0)).text)
    assert summary == "Tidligere meldinger (4) for tiltak 1.1.1"
    dates = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', details.group(1))
    assert dates == [("2026-04-02", "2. april 2026"), ("2026-01-20", "20. januar 2026"),
                     ("2025-11-10", "10. november 2025"), ("2025-09-01", "1. september 2025")]
    labels = re.findall(r'class="plan-status__label">([^<]+)<', details.group(1))
    assert labels == ["Pågår", "Utsatt", "Pågår", "Ikke startet"]
    assert normalise(PageScan(details.group(1)).text).startswith(
        "Tidligere meldinger (4) for tiltak 1.1.1 2. april 2026 Pågår "
        "Eksempel: arbeidet er tatt opp igjen.")


def test_a_single_report_is_shown_without_a_history(example_site):
    row = measure_row(example_site.page("omrader/mangfold/"), "1.1.2")
    assert "<details" not in row
    latest = re.search(r'<p class="plan-latest">(.*?)</p>', row, re.S).group(1)
    assert flat(latest).startswith("Siste melding, 1. august 2026: Eksempel: modellen")


def test_newest_report_is_visible_on_every_page_that_lists_the_tiltak(example_site):
    """Area page, tiltak page, the overview's table and Hele planen all show what was done."""
    text = "Eksempel: to tilbydere er kontaktet."
    for url in ("omrader/mangfold/", "tiltak/1-1-1/", "oversikt/", "hele-planen/"):
        page = example_site.page(url)
        latest = re.findall(r'<p class="plan-latest">(.*?)</p>', page, re.S)
        shown = [flat(p) for p in latest]
        assert any(line.startswith("Siste melding, 15. september 2026: " + text) for line in shown), url


def test_current_report_is_the_newest_on_or_before_the_build_date():
    """A report dated after the build date does not count yet (one rule: Plan.status_on)."""
    measure = EXAMPLE.measures_by_id["1.1.1"]
    before = on(dt.date(2026, 9, 14))
    assert before.status_of(before.measures_by_id["1.1.1"]).id == "pagar"
    assert before.current_report(before.measures_by_id["1.1.1"]).date == dt.date(2026, 4, 2)
    assert EXAMPLE.status_on(measure, dt.date(2026, 1, 20)).id == "utsatt"
    assert EXAMPLE.status_on(measure, dt.date(2025, 8, 31)).id == "ikke-rapportert"
    # Same date: the later line in the file is the newer one (3.3.1 has two on 2026-03-01).
    assert EXAMPLE.status_on(EXAMPLE.measures_by_id["3.3.1"], dt.date(2026, 3, 1)).id == "utsatt"
    assert [m.id for m, _ in before.log_entries()][:2] == ["1.1.2", "3.5.2"]  # not 2026-09-15


def test_report_text_is_escaped(example_site):
    row = measure_row(example_site.page("omrader/mangfold/"), "1.1.2")
    assert "&lt;b&gt;ikke fet&lt;/b&gt;" in row and "<b>" not in row


def test_unreported_measure_has_no_timeline(example_site):
    row = measure_row(example_site.page("omrader/mangfold/"), "1.1.3")
    assert "<details" not in row and "Ikke rapportert" in row


def test_stale_measures_and_only_those_are_marked_on_area_pages(example_site):
    marked = {}
    for area in EXAMPLE.areas:
        page = example_site.page(area.page_url)
        for measure in area.measures:
            text = normalise(PageScan(measure_row(page, measure.id)).text)
            if "Ikke oppdatert siden" in text:
                marked[measure.id] = re.search(r"Ikke oppdatert siden ([^.]+\. \w+ \d{4})",
                                               text).group(1)
    assert marked == {"3.2.1": "1. desember 2025", "3.3.1": "1. mars 2026"}


def test_real_site_has_no_history_and_no_stale_marks(real_site):
    page = real_site.page("omrader/mangfold/")
    assert "<details" not in page and "Ikke oppdatert siden" not in page
