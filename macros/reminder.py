"""The reminder: which tiltak need a status report, in Markdown for an issue.

It uses the same rule as the overview's "Mangler oppdatert status" (`Plan.needing_report`): tiltak
never reported, and tiltak whose newest report is older than `foreldet_etter_dager` (unless
its status closes the tiltak). A scheduled workflow keeps one open issue with this text.
"""

from __future__ import annotations

from .formlink import report_url
from .model import Measure, Plan
from .text import markdown_text, norwegian_date

TITLE = "Statusmeldinger som mangler"


def _md(text: object) -> str:
    """Data text for GitHub's Markdown (a comment or an issue), shown as typed."""
    return markdown_text(text, html_page=False)


def _line(plan: Plan, measure: Measure, repo_url: str | None) -> str:
    latest = measure.latest
    if latest is None:
        since = "Ikke rapportert ennå."
    else:
        days = (plan.build_date - latest.date).days
        since = (f"Sist meldt {norwegian_date(latest.date)} "
                 f"({_md(latest.status.name)}), for {days} dager siden.")
    url = report_url(repo_url, measure.id)
    link = f" [Meld status for tiltak {measure.id}]({url})" if url else ""
    return f"- **Tiltak {measure.id}**: {_md(measure.text)} *{since}*{link}"


def missing_reports(plan: Plan, repo_url: str | None = None) -> str:
    """The tiltak that need a report, in plan order, as Markdown in Norwegian."""
    never, stale = plan.needing_report()
    today = norwegian_date(plan.build_date)
    total = len(plan.measures)
    if not never and not stale:
        return (f"Per {today} har alle {total} tiltak en statusmelding som er nyere enn "
                f"{plan.stale_after_days} dager, eller en status som avslutter dem. Ingenting "
                f"mangler.\n")
    lines = [f"Per {today} trenger **{len(never) + len(stale)} av {total} tiltak** en "
             f"statusmelding: {len(never)} er ikke rapportert ennå, og {len(stale)} har ikke "
             f"fått en ny melding på over {plan.stale_after_days} dager.", ""]
    how = ("Trykk på «Meld status» ved hvert tiltak under, og fyll ut skjemaet."
           if repo_url else "Meld status med skjemaet «Meld status» eller regnearket.")
    lines += [how + " Mange på én gang? Bruk regnearket (`make rapportskjema`, se "
                    "CONTRIBUTING.md).", ""]
    for heading, measures in ((f"Ikke rapportert ennå ({len(never)})", never),
                              (f"Ikke oppdatert på over {plan.stale_after_days} dager "
                               f"({len(stale)})", stale)):
        if measures:
            lines += [f"### {heading}", ""]
            lines += [_line(plan, m, repo_url) for m in measures]
            lines.append("")
    return "\n".join(lines)
