"""The Atom feed (`feed.xml`): every log entry of the plan, newest first.

Entry ids are `urn:uuid:` values derived from the measure id, the entry's date and its place
among that measure's entries on the same date, so they never change when the site moves to
another address or when new entries are added.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from .model import LogEntry, Measure, Plan
from .templating import environment
from .urls import FEED_URL, absolute

FEED_FILE = FEED_URL
FEED_TEMPLATE = "feed.xml"
UPDATES_URL = "oppdateringer/"
# Fixed namespace for entry ids; changing it would make every reader see every entry again.
ENTRY_NAMESPACE = uuid.UUID("6f0f6c43-5d8e-4c55-9d5a-0c1f6b7b2a11")


def entry_id(measure: Measure, entry: LogEntry) -> str:
    """A stable id: measure id, date and the entry's position on that date in file order."""
    same_day = [e for e in measure.log if e.date == entry.date]
    index = next(i for i, e in enumerate(same_day) if e is entry)
    position = len(same_day) - index  # the log is newest first; count from 1 in file order
    return "urn:uuid:" + str(uuid.uuid5(ENTRY_NAMESPACE, f"{measure.id}/{entry.date}/{position}"))


def _timestamp(day: dt.date) -> str:
    """RFC 3339 timestamp of a day (midnight UTC), as Atom requires."""
    return f"{day.isoformat()}T00:00:00Z"


def render_feed(plan: Plan, site_url: str) -> str:
    """The feed XML for the plan, with absolute links under `site_url`."""
    entries = plan.log_entries()
    updated = entries[0][1].date if entries else plan.build_date
    items = [
        {"id": entry_id(measure, entry), "measure": measure, "entry": entry,
         "url": absolute(measure.page_url, site_url), "updated": _timestamp(entry.date)}
        for measure, entry in entries
    ]
    return environment().get_template(FEED_TEMPLATE).render(
        plan=plan, items=items, updated=_timestamp(updated),
        feed_url=absolute(FEED_FILE, site_url), page_url=absolute(UPDATES_URL, site_url))


def write_feed(plan: Plan, site_dir: Path, site_url: str) -> Path:
    """Write `feed.xml` into the built site; returns its path."""
    path = site_dir / FEED_FILE
    path.write_text(render_feed(plan, site_url), encoding="utf-8")
    return path
