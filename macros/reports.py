"""A status report as a reporter gives it: check each field and turn it into a `LogReport`.

The issue form and the spreadsheet both hand their raw values here, so a report is read the
same way whichever channel it came through. Each problem names its field (`tiltak`, `status`,
`dato`, `tekst`, `lenke`, the ids of the "Meld status" form) and says in Norwegian what is
wrong and what to write instead; the channel adds where the field is (a form label, a cell).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import allowed_list, suggest
from .logwriter import LogReport
from .model import Plan
from .text import norwegian_date

FIELDS = ("tiltak", "status", "dato", "tekst", "lenke")
MEASURE_ID = re.compile(r"(?:tiltak\s*(?:nr\.?)?\s*)?(\d+(?:\.\d+)*)\.?", re.IGNORECASE)
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
NORWEGIAN_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
DATE_EXAMPLE = "år-måned-dag, for eksempel 2025-03-14"


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a report, in Norwegian.

    `{value}` in the message stands for what the reporter wrote (`value`); each channel shows
    it its own way (`render`), so a reply in Markdown can show it inert.
    """

    field: str
    message: str
    value: str = ""

    def render(self, quote: Callable[[str], str] = lambda value: f"'{value}'") -> str:
        return self.message.replace("{value}", quote(self.value))


def _text(value: object) -> str:
    """A raw value as text: surrounding space removed, line breaks as `\\n`."""
    if value is None:
        return ""
    return re.sub(r"\r\n?", "\n", str(value)).strip()


def measure_id(plan: Plan, value: object) -> tuple[str | None, str | None]:
    """(id, None) for a known tiltak, else (None, what is wrong)."""
    raw = _text(value)
    if not raw:
        return None, "mangler: skriv nummeret på tiltaket, for eksempel 1.1.1"
    match = MEASURE_ID.fullmatch(raw)
    ident = match.group(1) if match else raw
    if ident in plan.measures_by_id:
        return ident, None
    if ident in plan.goals_by_id:
        first = plan.goals_by_id[ident].measures[0].id
        return None, (f"{ident} er et delmål; skriv nummeret på ett av tiltakene i det, "
                      f"for eksempel {first}")
    close = difflib.get_close_matches(ident, list(plan.measures_by_id), n=1, cutoff=0.6)
    hint = f" – mente du '{close[0]}'?" if close else ""
    return None, (f"{{value}} er ikke et tiltak i planen{hint} (skriv nummeret slik det står "
                  f"på nettstedet, for eksempel {plan.measures[0].id})")


def status_id(plan: Plan, value: object) -> tuple[str | None, str | None]:
    """(id, None) for a status given by its name or id, in any case; else (None, problem)."""
    raw = _text(value)
    names = [s.name for s in plan.statuses]
    if not raw:
        return None, f"mangler: velg en av {allowed_list(names)}"
    for status in plan.statuses:
        if raw.casefold() in (status.name.casefold(), status.id.casefold()):
            return status.id, None
    labels = {s.name: s.name for s in plan.statuses} | {s.id: s.name for s in plan.statuses}
    return None, (f"{{value}} er ikke en status{suggest(raw, names, labels)} "
                  f"(tillatt: {allowed_list(names)})")


def report_date(value: object, today: dt.date) -> tuple[dt.date | None, str | None]:
    """(date, None) for an empty value (today), a date, or år-måned-dag text; else a problem."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        raw = _text(value)
        if not raw:
            return today, None
        if isinstance(value, (int, float)):
            return None, f"{{value}} er et tall, ikke en dato; skriv datoen som {DATE_EXAMPLE}"
        match = ISO_DATE.fullmatch(raw)
        if not match:
            norwegian = NORWEGIAN_DATE.fullmatch(raw)
            hint = ""
            if norwegian:
                d, m, y = norwegian.groups()
                hint = f" – mente du '{y}-{int(m):02d}-{int(d):02d}'?"
            return None, f"{{value}} er ikke en dato på formen {DATE_EXAMPLE}{hint}"
        try:
            day = dt.date(*map(int, match.groups()))
        except ValueError:
            return None, f"{{value}} er ikke en dato som finnes ({DATE_EXAMPLE})"
    if day > today:
        return None, (f"{day.isoformat()} er etter i dag ({norwegian_date(today)}); "
                      f"en statusmelding gjelder noe som er gjort")
    return day, None


def report_text(value: object) -> tuple[str | None, str | None]:
    raw = _text(value)
    if not raw:
        return None, "mangler: skriv kort hva som er gjort eller bestemt"
    return raw, None


def report_link(value: object) -> tuple[str | None, str | None]:
    """(None, None) when empty; (link, None) for an http(s) or mailto address; else a problem."""
    raw = _text(value)
    if not raw:
        return None, None
    parts = urlsplit(raw)
    good = (not re.search(r"\s", raw)
            and ((parts.scheme in ("http", "https") and raw.lower().startswith(
                f"{parts.scheme}://") and parts.netloc)
                 or (parts.scheme == "mailto" and len(raw) > len("mailto:"))))
    if good:
        return raw, None
    hint = ""
    if re.fullmatch(r"[^@\s/:]+@[^@\s]+\.[a-z]{2,}", raw, re.IGNORECASE):
        hint = "; skriv mailto: foran en e-postadresse"
    elif not parts.scheme and re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", raw, re.IGNORECASE):
        hint = "; skriv https:// foran"
    return None, (f"{{value}} er ikke en lenke som kan brukes{hint} (den må begynne med "
                  f"https://, http:// eller mailto: og kan ikke ha mellomrom)")


def parse_report(plan: Plan, values: Mapping[str, object],
                 today: dt.date) -> tuple[LogReport | None, list[FieldProblem]]:
    """Check every field of one report; return it, or None and every problem found."""
    ident, ident_problem = measure_id(plan, values.get("tiltak"))
    status, status_problem = status_id(plan, values.get("status"))
    day, day_problem = report_date(values.get("dato"), today)
    text, text_problem = report_text(values.get("tekst"))
    link, link_problem = report_link(values.get("lenke"))
    found = {"tiltak": ident_problem, "status": status_problem, "dato": day_problem,
             "tekst": text_problem, "lenke": link_problem}
    problems = [FieldProblem(field, problem, _text(values.get(field)))
                for field, problem in found.items() if problem]
    if problems or ident is None or status is None or day is None or text is None:
        return None, problems
    return LogReport(ident, day, status, text, link), []
