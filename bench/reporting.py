"""How long a status report takes: `meld-status` on one report and `importer` on a full sheet.

    .venv/bin/python -m bench.reporting [--runs 9]

Each round runs, in rotating order: `python -c pass` (the start-up of Python itself, the
baseline), `python -m macros check`, `python -m macros meld-status` with one form body, and
`python -m macros importer` with a sheet where all 33 rows of the real plan are filled in. Every
command that writes gets a fresh copy of `data/` first (outside the timing), so each run does
the same work. The budget (issue 13) is under one second beyond Python's start-up; the figures
go in bench/README.md ("Statusmeldinger").
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from . import project

FORM_BODY = """### Tiltak

1.1.1

### Status

Pågår

### Dato

_No response_

### Hva er gjort

Benk: første møte er holdt, med «sitat» og # i teksten.

### Lenke (valgfri)

https://example.org/referat
"""


def _filled_sheet(work: Path, data: Path) -> Path:
    """The reporting sheet of the real plan with every row filled in."""
    from openpyxl import load_workbook

    from macros.load import load_plan
    from macros.spreadsheet import COLUMNS, SHEET_TITLE, write_sheet

    sheet = work / "statusrapport.xlsx"
    plan = load_plan(data)
    write_sheet(plan, sheet)
    workbook = load_workbook(sheet)
    rows = workbook[SHEET_TITLE]
    column = {c.header: i for i, c in enumerate(COLUMNS, 1)}
    for row in range(2, 2 + len(plan.measures)):
        rows.cell(row, column["Ny status"], "Løpende")
        rows.cell(row, column["Hva er gjort"], f"Benk: rad {row}, med: kolon og «sitat».")
        rows.cell(row, column["Lenke"], "https://example.org/runde")
    workbook.save(sheet)
    return sheet


def measure(runs: int) -> dict[str, list[project.Run]]:
    """`runs` rounds of every command; CPU and wall time per run."""
    python = sys.executable
    env = project.build_env()
    results: dict[str, list[project.Run]] = {}
    with tempfile.TemporaryDirectory(prefix="plan-bench-rapport-") as tmp:
        work = Path(tmp)
        body = work / "skjema.md"
        body.write_text(FORM_BODY, encoding="utf-8")
        sheet = _filled_sheet(work, project.ROOT / "data")
        data = work / "data"
        commands = {
            "python -c pass": ([python, "-c", "pass"], None, False),
            "check": ([python, "-m", "macros", "check", "--data", str(data)], None, False),
            "meld-status": ([python, "-m", "macros", "meld-status", "--data", str(data)], body,
                            True),
            "importer (33 rader)": ([python, "-m", "macros", "importer", str(sheet), "--data",
                                    str(data)], None, True),
        }
        order = list(commands)
        shutil.copytree(project.ROOT / "data", data)
        for round_ in range(runs):
            for name in order[round_ % len(order):] + order[:round_ % len(order)]:
                command, stdin, writes = commands[name]
                if writes:
                    shutil.rmtree(data)
                    shutil.copytree(project.ROOT / "data", data)
                run, _ = project.run_child(command, project.ROOT, env, stdin)
                results.setdefault(name, []).append(run)
                print(f"  {name:20} {run.seconds:5.2f} s vegg, {run.cpu_seconds:5.2f} s CPU",
                      flush=True)
    return results


def report(results: dict[str, list[project.Run]]) -> str:
    """A Markdown table: medians, and the time beyond Python's own start-up."""
    def median(name: str, attribute: str) -> float:
        return statistics.median(getattr(r, attribute) for r in results[name])

    base_cpu, base_wall = median("python -c pass", "cpu_seconds"), median("python -c pass",
                                                                          "seconds")
    lines = ["| Kommando | CPU (s) | vegg (s) | utover oppstart, CPU (s) | utover oppstart, "
             "vegg (s) | runder |", "|---|---|---|---|---|---|"]
    for name, runs in results.items():
        cpu, wall = median(name, "cpu_seconds"), median(name, "seconds")
        lines.append(f"| `{name}` | {cpu:.2f} | {wall:.2f} | {cpu - base_cpu:.2f} | "
                     f"{wall - base_wall:.2f} | {len(runs)} |".replace(".", ","))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reporting", description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="rounds of every command")
    args = parser.parse_args(argv)
    print(report(measure(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
