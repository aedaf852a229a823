"""The plan as frozen dataclasses, built once per build by `load.load_plan`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

# Where a period's page and its open data are published (Period.page_url, json_url, csv_url).
PERIOD_PAGES_URL = "perioder/"
PERIOD_DATA_URL = "data/perioder/"


@dataclass(frozen=True)
class Status:
    """A status in the vocabulary of `data/plan.yaml`."""

    id: str
    name: str
    description: str
    icon: str
    tone: str
    closed: bool = False  # "avsluttet": the measure is done with; no more reports expected


@dataclass(frozen=True)
class LogEntry:
    """A dated status report on a measure."""

    date: dt.date
    status: Status
    text: str
    link: str | None = None
    line: int = field(default=0, compare=False)  # line of the entry in its area file; 0 if unknown


def item_kind(item_id: str) -> str:
    """The address word of a delmål id ("1.1": "delmal") or a tiltak id ("1.1.1": "tiltak")."""
    return "tiltak" if item_id.count(".") == 2 else "delmal"


def item_page_url(item_id: str) -> str:
    """The own page of a delmål or tiltak id, also for ids no longer in the plan."""
    return f"{item_kind(item_id)}/{item_id.replace('.', '-')}/"


def item_anchor(item_id: str) -> str:
    """The anchor of a delmål or tiltak id on its area page: "tiltak-1-1-1"."""
    return f"{item_kind(item_id)}-{item_id.replace('.', '-')}"


class _PlanItem:
    """Addresses of a delmål or tiltak, all derived from its id (published; never change)."""

    id: str

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")

    @property
    def anchor(self) -> str:
        return item_anchor(self.id)

    @property
    def page_url(self) -> str:
        return item_page_url(self.id)

    @property
    def page_file(self) -> str:
        return self.page_url.rstrip("/") + ".md"


@dataclass(frozen=True)
class Measure(_PlanItem):
    """A tiltak. `log` is sorted newest first."""

    id: str
    text: str
    goal_id: str
    area_id: str
    items: tuple[str, ...] = ()
    see: str | None = None
    owner: str | None = None
    deadline: dt.date | None = None
    log: tuple[LogEntry, ...] = ()
    line: int = 0  # line of the measure's `id` in its area file (Area.source); 0 if unknown

    @property
    def latest(self) -> LogEntry | None:
        """The newest entry whatever its date; pages use `Plan.current_report` (build date)."""
        return self.log[0] if self.log else None


@dataclass(frozen=True)
class Goal(_PlanItem):
    """A delmål with its measures in plan order."""

    id: str
    text: str
    area_id: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Area:
    """An utviklingsområde; each has one page at `page_url`. `source` is its data file."""

    id: str
    slug: str
    title: str
    goals: tuple[Goal, ...]
    source: str

    @property
    def page_url(self) -> str:
        return f"omrader/{self.slug}/"

    @property
    def page_file(self) -> str:
        return f"omrader/{self.slug}.md"

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for g in self.goals for m in g.measures)


@dataclass(frozen=True)
class SnapshotEntry:
    """A log entry as it was frozen: status by id, `line` in the snapshot file."""

    date: dt.date
    status: str
    text: str
    link: str | None
    line: int

    @property
    def key(self) -> tuple:
        return self.date, self.status, self.text, self.link


@dataclass(frozen=True)
class SnapshotRow:
    """One tiltak in a snapshot; `log` holds the entries inside the period, newest first."""

    id: str
    start: str
    end: str
    log: tuple[SnapshotEntry, ...]
    line: int


@dataclass(frozen=True)
class Snapshot:
    """A frozen period report (`data/perioder/<id>.yaml`, written by `make fastsett`)."""

    period_id: str
    fixed: dt.date
    rows: tuple[SnapshotRow, ...]
    source: str  # the file as editors know it, for messages


@dataclass(frozen=True)
class Period:
    """A reporting period from `perioder` in data/plan.yaml; both days are part of it.

    Its report (periodreport.py) compares every tiltak's status on `day_before` and at the end."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    snapshot: Snapshot | None = None

    @property
    def page_url(self) -> str:
        return f"{PERIOD_PAGES_URL}{self.id}/"

    @property
    def page_file(self) -> str:
        return f"{PERIOD_PAGES_URL}{self.id}.md"

    @property
    def json_url(self) -> str:
        return f"{PERIOD_DATA_URL}{self.id}.json"

    @property
    def csv_url(self) -> str:
        return f"{PERIOD_DATA_URL}{self.id}.csv"

    @property
    def pdf_name(self) -> str:
        return f"rapport-{self.id}.pdf"

    @property
    def day_before(self) -> dt.date:
        """The start status is the status on this day: before any entry dated in the period."""
        return self.start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    """The whole plan, indexed by id."""

    title: str
    organisation: str
    period: str
    stale_after_days: int
    statuses: tuple[Status, ...]
    unreported: Status
    areas: tuple[Area, ...]
    build_date: dt.date
    adopted: dt.date | None = None  # "vedtatt": when the plan was adopted, if given
    source: str | None = None  # "kilde": the adopted plan document's address, if given
    periods: tuple[Period, ...] = ()  # reporting periods ("perioder"), oldest first
    goals_by_id: dict[str, Goal] = field(default_factory=dict, repr=False, compare=False)
    measures_by_id: dict[str, Measure] = field(default_factory=dict, repr=False, compare=False)

    # Values derived from the areas are computed once per plan (`cached_property` keeps them in
    # the instance's __dict__, which a frozen dataclass without slots still has).
    @cached_property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(g for a in self.areas for g in a.goals)

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for a in self.areas for m in a.measures)

    @cached_property
    def _referrers(self) -> dict[str, tuple[Measure, ...]]:
        index: dict[str, tuple[Measure, ...]] = {}
        for measure in self.measures:
            if measure.see:
                index[measure.see] = (*index.get(measure.see, ()), measure)
        return index

    def referrers(self, item_id: str) -> tuple[Measure, ...]:
        """Measures whose `se` points at this goal or measure id."""
        return self._referrers.get(item_id, ())

    @cached_property
    def _areas_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    def area(self, area_id: str) -> Area:
        return self._areas_by_id[area_id]

    @staticmethod
    def report_on(measure: Measure, day: dt.date) -> LogEntry | None:
        """The newest log entry dated on or before `day` (same date: the later line in the file)."""
        for entry in measure.log:  # newest first, so the first one on or before `day`
            if entry.date <= day:
                return entry
        return None

    def status_on(self, measure: Measure, day: dt.date) -> Status:
        """The status of a measure on a day: the newest report on or before it, else unreported.

        The one rule for status everywhere: pages and open data ask for the build date
        (`status_of`), period reports for the period's start and end.
        """
        entry = self.report_on(measure, day)
        return entry.status if entry else self.unreported

    def current_report(self, measure: Measure) -> LogEntry | None:
        """The newest report on the build date (a report dated later does not count yet)."""
        return self.report_on(measure, self.build_date)

    def status_of(self, measure: Measure) -> Status:
        """The status on the build date."""
        return self.status_on(measure, self.build_date)

    def older_reports(self, measure: Measure) -> list[LogEntry]:
        """Every log entry but the current report, newest first (the collapsible history)."""
        current = self.current_report(measure)
        return [entry for entry in measure.log if entry is not current]

    def is_stale(self, measure: Measure) -> bool:
        """True if the newest report is older than `stale_after_days` on the build date.

        A measure whose status closes it ("avsluttet", such as Fullført) is never stale.
        """
        latest = self.current_report(measure)
        return (latest is not None and not latest.status.closed
                and (self.build_date - latest.date).days > self.stale_after_days)

    def needs_report(self, measure: Measure) -> bool:
        """True if the measure was never reported or its newest report is stale."""
        return self.current_report(measure) is None or self.is_stale(measure)

    @property
    def stale_before(self) -> dt.date:
        """Reports dated before this day are stale."""
        return self.build_date - dt.timedelta(days=self.stale_after_days)

    @cached_property
    def _needing_report(self) -> tuple[list[Measure], list[Measure]]:
        never = [m for m in self.measures if self.current_report(m) is None]
        stale = [m for m in self.measures if self.is_stale(m)]
        return never, stale

    def needing_report(self) -> tuple[list[Measure], list[Measure]]:
        """(never reported, stale) measures in plan order."""
        return self._needing_report

    @cached_property
    def _log_entries(self) -> list[tuple[Measure, LogEntry]]:
        order = [(entry.date, -position, index, measure, entry)
                 for position, measure in enumerate(self.measures)
                 for index, entry in enumerate(reversed(measure.log))
                 if entry.date <= self.build_date]
        # Same day: plan order across measures, the later line in the file first.
        order.sort(key=lambda t: t[:3], reverse=True)
        return [(m, e) for *_, m, e in order]

    def log_entries(self) -> list[tuple[Measure, LogEntry]]:
        """Every log entry up to the build date with its measure, newest first, then in plan
        order (the updates page and the feed)."""
        return self._log_entries

    @property
    def status_rank(self) -> dict[str, int]:
        """Position of each status id in the vocabulary, unreported last (for sorting)."""
        return {s.id: rank for rank, s in enumerate((*self.statuses, self.unreported), 1)}

    def status_counts(self, measures: Iterable[Measure]) -> list[tuple[Status, int]]:
        """Count measures per status, in vocabulary order, unreported last; zeros included."""
        return self.count_statuses(self.status_of(m) for m in measures)

    def count_statuses(self, statuses: Iterable[Status]) -> list[tuple[Status, int]]:
        """Count statuses in vocabulary order, unreported last; zeros included."""
        counts: dict[str, int] = {}
        for status in statuses:
            counts[status.id] = counts.get(status.id, 0) + 1
        return [(s, counts.get(s.id, 0)) for s in (*self.statuses, self.unreported)]

    @cached_property
    def _statuses_by_id(self) -> dict[str, Status]:
        return {s.id: s for s in (*self.statuses, self.unreported)}

    def status_by_id(self, status_id: str) -> Status:
        """A status of the vocabulary, or the unreported status, by its id."""
        return self._statuses_by_id[status_id]
