"""The plan as frozen dataclasses, built once per build by `load.load_plan`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property


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

    def status_of(self, measure: Measure) -> Status:
        """The current status: the newest log entry's, or the unreported status."""
        return measure.latest.status if measure.latest else self.unreported

    def is_stale(self, measure: Measure) -> bool:
        """True if the newest report is older than `stale_after_days` on the build date.

        A measure whose status closes it ("avsluttet", such as Fullført) is never stale.
        """
        latest = measure.latest
        return (latest is not None and not latest.status.closed
                and (self.build_date - latest.date).days > self.stale_after_days)

    def needs_report(self, measure: Measure) -> bool:
        """True if the measure was never reported or its newest report is stale."""
        return measure.latest is None or self.is_stale(measure)

    @property
    def stale_before(self) -> dt.date:
        """Reports dated before this day are stale."""
        return self.build_date - dt.timedelta(days=self.stale_after_days)

    @cached_property
    def _needing_report(self) -> tuple[list[Measure], list[Measure]]:
        never = [m for m in self.measures if m.latest is None]
        stale = [m for m in self.measures if self.is_stale(m)]
        return never, stale

    def needing_report(self) -> tuple[list[Measure], list[Measure]]:
        """(never reported, stale) measures in plan order."""
        return self._needing_report

    @cached_property
    def _log_entries(self) -> list[tuple[Measure, LogEntry]]:
        order = [(entry.date, -position, index, measure, entry)
                 for position, measure in enumerate(self.measures)
                 for index, entry in enumerate(reversed(measure.log))]
        # Same day: plan order across measures, the later line in the file first.
        order.sort(key=lambda t: t[:3], reverse=True)
        return [(m, e) for *_, m, e in order]

    def log_entries(self) -> list[tuple[Measure, LogEntry]]:
        """Every log entry of the plan with its measure, newest first, then in plan order."""
        return self._log_entries

    @property
    def status_rank(self) -> dict[str, int]:
        """Position of each status id in the vocabulary, unreported last (for sorting)."""
        return {s.id: rank for rank, s in enumerate((*self.statuses, self.unreported), 1)}

    def status_counts(self, measures: Iterable[Measure]) -> list[tuple[Status, int]]:
        """Count measures per status, in vocabulary order, unreported last; zeros included."""
        counts: dict[str, int] = {}
        for m in measures:
            sid = self.status_of(m).id
            counts[sid] = counts.get(sid, 0) + 1
        return [(s, counts.get(s.id, 0)) for s in (*self.statuses, self.unreported)]
