"""Data errors: located, in Norwegian, collected before anything fails."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in a data file, formatted as `file:line:col: subject field: message`.

    `rule` says which check found it ("schema" for the JSON Schema); it is not shown.
    """

    file: str
    line: int
    column: int
    subject: str
    field: str
    message: str
    # `dataclasses.field`: the name `field` is taken by the field above.
    rule: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        where = " ".join(part for part in (self.subject, self.field) if part)
        prefix = f"{self.file}:{self.line}:{self.column}:"
        return f"{prefix} {where}: {self.message}" if where else f"{prefix} {self.message}"


# What the summary says has happened, by where the errors were found.
BUILD_STOPPED = "Ingenting ble publisert."  # a build (make build, CI) stopped
NOT_PUBLISHED_YET = "Ingenting blir publisert før feilene er rettet."  # make check, diff, preview


class DataErrors(Exception):
    """Raised when the data has errors; carries all of them."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self, outcome: str = BUILD_STOPPED) -> str:
        """A summary line saying `outcome`, then every error, one per line."""
        lines = [f"Fant {len(self.errors)} feil i dataene. {outcome}"]
        lines += [str(e) for e in self.errors]
        return "\n".join(lines)


def suggest(wrong: str, allowed: Iterable[object],
            labels: dict[str, str] | None = None) -> str:
    """Return " – mente du 'x'?" for the closest allowed value, or ""."""
    candidates = {str(a): str(a) for a in allowed}
    for label, value in (labels or {}).items():
        candidates.setdefault(label, value)
    lowered = {k.lower(): v for k, v in candidates.items()}
    if str(wrong).lower() in lowered:
        return f" – mente du '{lowered[str(wrong).lower()]}'?"
    match = difflib.get_close_matches(str(wrong).lower(), list(lowered), n=1, cutoff=0.6)
    return f" – mente du '{lowered[match[0]]}'?" if match else ""


def allowed_list(values: Iterable[object]) -> str:
    """Norwegian list of allowed values for a message."""
    return ", ".join(f"'{v}'" for v in values)
