"""The "Meld status" issue form: read a submitted issue body and reply in Markdown.

GitHub renders a submitted form as `### <label>` sections, with `_No response_` for empty
fields. The labels are read from the form file itself (`.github/ISSUE_TEMPLATE/meld-status.yml`),
so renaming a label in the form never breaks the command. A valid report is appended with the
shared writer (`logwriter.write_reports`), after the same checks as `make check`; any problem
gives a reply that says, field by field, what to fix, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
import yaml

from .errors import DataErrors
from .formlink import FORM_FILE, report_title
from .load import load_plan
from .logwriter import LogReport, write_reports
from .model import Plan
from .text import markdown_text, norwegian_date
from .reports import FIELDS, FieldProblem, parse_report
from .settings import build_date, data_dir

NO_RESPONSE = "_No response_"
SUBMITTED_TYPES = ("input", "textarea", "dropdown", "checkboxes")


def _md(text: object) -> str:
    """Data text for GitHub's Markdown (a comment or an issue), shown as typed."""
    return markdown_text(text, html_page=False)


@dataclass(frozen=True)
class FormField:
    """A field of the issue form: its id, the label GitHub shows (and renders as a heading),
    its type, and the options of a dropdown."""

    id: str
    label: str
    kind: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The result of one submitted report: the Markdown reply, and when it was accepted, the
    report and a commit message for the change."""

    accepted: bool
    reply: str
    report: LogReport | None = None
    commit_message: str = ""


def form_fields(form: Path = FORM_FILE) -> list[FormField]:
    """The submitted fields of the form, in order."""
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    fields = []
    for element in data.get("body", []):
        if element.get("type") in SUBMITTED_TYPES and element.get("id"):
            attributes = element["attributes"]
            fields.append(FormField(element["id"], str(attributes["label"]).strip(),
                                    element["type"], tuple(attributes.get("options", ()))))
    return fields


def parse_body(body: str, fields: list[FormField]) -> dict[str, str | None]:
    """Each field's value by id; None when it is empty (`_No response_`) or missing.

    Sections are found from the last field backwards, so a heading typed inside a text field
    is read as part of that text, not as the start of the next field.
    """
    text = re.sub(r"\r\n?", "\n", body or "")
    values: dict[str, str | None] = {}
    end = len(text)
    for field in reversed(fields):
        heading = re.compile(rf"^###[ \t]+{re.escape(field.label)}[ \t]*$", re.MULTILINE)
        found = list(heading.finditer(text, 0, end))
        if not found:
            values[field.id] = None
            continue
        value = text[found[-1].end():end].strip()
        values[field.id] = None if value in ("", NO_RESPONSE) else value
        end = found[-1].start()
    return {field.id: values[field.id] for field in fields}


def code_span(value: str) -> str:
    """`value` as an inline code span: shown as typed, no markup, links or @-mentions."""
    value = re.sub(r"\s*\n\s*", " ", value)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def code_block(text: str) -> str:
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}text\n{text}\n{fence}"


def _refused(problems: list[str]) -> str:
    lines = ["**Statusmeldingen ble ikke lagt inn.** Rett dette ved å redigere saken, så "
             "prøves den på nytt:", ""]
    lines += [f"- {p}" for p in problems]
    lines += ["", "Ingenting er endret."]
    return "\n".join(lines) + "\n"


def _accepted(plan: Plan, report: LogReport) -> str:
    measure = plan.measures_by_id[report.measure_id]
    status = next(s for s in plan.statuses if s.id == report.status)
    lines = [f"**Takk! Statusmeldingen for tiltak {measure.id} er lagt inn.**", "",
             f"> {_md(measure.text)}", "",
             f"- Status: **{_md(status.name)}** (før: "
             f"{_md(plan.status_of(measure).name)})",
             f"- Dato: {norwegian_date(report.date)}"]
    if report.link:
        lines.append(f"- Lenke: {code_span(report.link)}")
    newer = measure.latest
    if newer and newer.date > report.date:
        lines += ["", f"Merk: Tiltaket har en nyere melding fra {norwegian_date(newer.date)}, "
                      f"så statusen som vises, er fortsatt {_md(newer.status.name)}."]
    lines += ["", "Endringen blir en pull request som en kollega går gjennom. Statusen vises på "
                  "nettstedet når den er godkjent, og da lukkes denne saken. Vil du rette noe "
                  "før det, rediger saken, så lages endringen på nytt."]
    return "\n".join(lines) + "\n"


def meld_status(body: str, folder: Path | None = None, today: dt.date | None = None,
                form: Path = FORM_FILE) -> Outcome:
    """Check a submitted form and append it to the data, or say in Markdown what to fix."""
    folder = folder or data_dir()
    today = today or build_date()
    fields = form_fields(form)
    labels = {f.id: f.label for f in fields}
    try:
        plan = load_plan(folder, today)
    except DataErrors as exc:
        return Outcome(False, "**Statusmeldingen ble ikke lagt inn**, fordi dataene i repoet "
                              "har feil fra før. Be en administrator rette dem (`make check`):"
                              f"\n\n{code_block(exc.report())}\n\nIngenting er endret.\n")
    values = parse_body(body, fields)
    if all(values.get(f) is None for f in FIELDS):
        missing = ", ".join(f"«{labels.get(f, f)}»" for f in FIELDS)
        return Outcome(False, _refused([f"Fant ingen av feltene {missing}. Bruk skjemaet "
                                        f"«Meld status», og la overskriftene stå."]))
    report, problems = parse_report(plan, values, today)
    if report is None:
        return Outcome(False, _refused([_field_problem(p, labels) for p in problems]))
    try:
        write_reports([report], folder, today)
    except DataErrors as exc:
        return Outcome(False, _refused(["Endringen besto ikke sjekken av dataene:\n\n"
                                        + _indent(code_block(exc.report()))]))
    status = next(s for s in plan.statuses if s.id == report.status)
    message = (f"{report_title(report.measure_id)}: {status.name}\n\n"
               f"Meldt med skjemaet «Meld status», datert {report.date.isoformat()}.\n")
    return Outcome(True, _accepted(plan, report), report, message)


def _field_problem(problem: FieldProblem, labels: dict[str, str]) -> str:
    return f"**{labels.get(problem.field, problem.field)}**: " \
           f"{problem.render(code_span)}"


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))
