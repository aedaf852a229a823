"""`python -m bench.periods`: what reporting periods cost, side by side in one run.

Synthetic plans (bench/generate.py) get two periods in `plan.yaml`; the first is frozen with
`fastsett`, as after an årsmøte. Two measurements:

- In this process, for 1,000 and 10,000 tiltak: CPU time to load the plan without and with the
  periods (the snapshot is one more data file to read and check), to compute both period reports
  (the frozen one compared with the live log) and to render both period pages. The cost per
  tiltak shows whether it stays linear.
- With `--rounds N`: `mkdocs build` of a `--build-size` site with and without the periods,
  alternating, so the ratio is what the period pages and their open data add to a build. (The
  real plan has no periods, so its build gets no period pages at all.)

Prints a Markdown table; the figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from . import generate, project

PERIODS = """
perioder:
  - id: "2024"
    navn: "Periode 2024"
    fra: 2024-01-01
    til: 2024-12-31
  - id: "2025"
    navn: "Periode 2025"
    fra: 2025-01-01
    til: 2025-12-31
"""
FROZEN_ON = dt.date(2025, 1, 20)
BUILD_DATE = dt.date.fromisoformat(project.BUILD_DATE)


def with_periods(copy: Path) -> None:
    """Add the two periods to a project copy's plan.yaml and freeze the first one."""
    from macros.periodfreeze import freeze

    plan_file = copy / "data" / "plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + PERIODS, encoding="utf-8")
    freeze(copy / "data", "2024", FROZEN_ON)


def load_seconds(copy: Path) -> float:
    """CPU seconds to read and check the data folder of a copy (not served from the cache)."""
    from macros.load import load_plan

    started = time.process_time()
    load_plan(copy / "data", BUILD_DATE)
    return time.process_time() - started


def in_process(copy: Path) -> dict[str, float]:
    """CPU seconds to load the plan, compute both reports and render both pages."""
    from macros.load import load_plan
    from macros.periodpages import render_page
    from macros.periodreport import reports
    from macros.render import Renderer

    started = time.process_time()
    plan = load_plan(copy / "data", BUILD_DATE)
    loaded = time.process_time()
    results = reports(plan)
    reported = time.process_time()
    pages = [render_page(Renderer(plan, p.page_url), p.id) for p in plan.periods]
    rendered = time.process_time()
    assert all(r.rows for r in results) and all(pages)
    return {"load": loaded - started, "reports": reported - loaded, "pages": rendered - reported,
            "bytes": sum(len(p) for p in pages)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.periods", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--build-size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=0,
                        help="alternating builds with and without periods (0: none)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="plan-bench-perioder-") as tmp:
        work = Path(tmp)
        print("| Tiltak | Lese planen uten perioder | med perioder | To rapporter | To "
              "rapportsider | Rapporter + sider per tiltak | HTML |")
        print("|---|---|---|---|---|---|---|")
        for measures in sizes:
            copy = generate.scale_project(work / f"scale-{measures}", measures)
            plain = load_seconds(copy)
            with_periods(copy)
            figures = in_process(copy)
            both = figures["reports"] + figures["pages"]
            print(f"| {measures:,} | {plain:.2f} s | {figures['load']:.2f} s | "
                  f"{figures['reports']:.2f} s | {figures['pages']:.2f} s | "
                  f"{1e6 * both / measures:.0f} µs | {figures['bytes'] / 1e6:.1f} MB |"
                  .replace(",", " "), flush=True)
            shutil.rmtree(copy)
        if not args.rounds:
            return 0
        plain = generate.scale_project(work / "uten", args.build_size)
        periodic = Path(shutil.copytree(plain, work / "med", symlinks=True))
        with_periods(periodic)
        runs: dict[str, list[project.Run]] = {"uten perioder": [], "med to perioder": []}
        for round_ in range(args.rounds):
            order = [("uten perioder", plain), ("med to perioder", periodic)]
            for name, copy in order[round_ % 2:] + order[:round_ % 2]:
                runs[name].append(project.mkdocs_build(copy, project.CONFIG, copy / "site"))
        print()
        print(f"| Bygg, {args.build_size} tiltak | CPU (median av {args.rounds}) | Vegg |")
        print("|---|---|---|")
        for name, found in runs.items():
            print(f"| {name} | {statistics.median(r.cpu_seconds for r in found):.2f} s | "
                  f"{statistics.median(r.seconds for r in found):.2f} s |")
        ratio = statistics.median(r.cpu_seconds for r in runs["med to perioder"]) / \
            statistics.median(r.cpu_seconds for r in runs["uten perioder"])
        print(f"\nForhold (CPU): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
