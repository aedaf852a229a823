"""`make bench`: build cost against a static floor, scale, page weight and reload, in one run.

Prints a Markdown report (the tables in bench/README.md come from it) and writes the raw
figures to bench/results/latest.json. See bench/README.md for the method and the budgets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import generate, project, reload, report, weight
from .engines import available_engines

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
SIZES = (100, 1_000, 10_000)
TILTAK_PAGE = "tiltak/1-1-1/"


@dataclass
class Pair:
    """Alternating builds of one site: ours (with macros), the macros plugin alone on the
    captured pages, and the static floor (captured pages, no plugin)."""

    label: str
    measures: int
    pages: int
    ours: list[project.Run] = field(default_factory=list)
    plugin: list[project.Run] = field(default_factory=list)
    floor: list[project.Run] = field(default_factory=list)
    engines: dict[str, list[project.Run]] = field(default_factory=dict)
    search_index_bytes: int = 0
    floor_matches: str = ""


def _median(runs: list[project.Run], attribute: str) -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


def _alternate(sites: Path, configs: dict[str, str], pair: Pair, rounds: int) -> None:
    """`rounds` rounds of every variant back to back, rotating which goes first each round."""
    order = list(configs.items())
    for round_ in range(rounds):
        for name, config in order[round_ % len(order):] + order[:round_ % len(order)]:
            run = project.mkdocs_build(sites.parent, config, sites / name)
            getattr(pair, name).append(run)
            print(f"  {pair.label}: {name:6} {run.seconds:6.2f} s vegg, {run.cpu_seconds:6.2f} s "
                  f"CPU, {run.peak_mb:5.0f} MB", flush=True)


def _same_site(ours: Path, floor: Path) -> str:
    """Whether the floor built the same files with the same bytes (it should)."""
    missing, differ = project.compare_sites(ours, floor)
    if not missing and not differ:
        return "ja"
    return (f"nei: {len(missing)} filer mangler i gulvet {missing[:3]}, {len(differ)} er ulike "
            f"{differ[:3]}")


def _measure_site(copy: Path, config: str, pair: Pair, rounds: int, engines: list[str]) -> None:
    """Capture the floor, then build ours and the floor alternately; compare their output."""
    project.capture_floor(copy, config)
    sites = copy / "sites"
    _alternate(sites, {"ours": config, **project.write_floor_configs(copy, config)}, pair, rounds)
    pair.floor_matches = _same_site(sites / "ours", sites / "floor")
    index = sites / "ours" / "search" / "search_index.json"
    pair.search_index_bytes = index.stat().st_size if index.exists() else 0
    pair.pages = len(list((sites / "ours").rglob("index.html")))
    for engine, command in available_engines().items():
        if engine != "mkdocs" and engine in engines:
            pair.engines[engine] = [
                project.run_child(command(copy, config, sites / engine), copy,
                                  project.build_env())[0]
                for _ in range(rounds)]


def _real_plan(work: Path, rounds: int, engines: list[str]) -> tuple[Pair, Path]:
    copy = project.copy_project(work / "real")
    from macros.load import load_plan  # the real data, for the count only

    pair = Pair("ekte plan", len(load_plan(project.ROOT / "data").measures), 0)
    _measure_site(copy, project.CONFIG, pair, rounds, engines)
    return pair, copy


def _scale(work: Path, measures: int, rounds: int, engines: list[str]) -> tuple[Pair, Path]:
    copy, config = generate.scale_project(work / f"scale-{measures}", measures), project.CONFIG
    pair = Pair(f"{measures} tiltak", measures, 0)
    _measure_site(copy, config, pair, rounds, engines)
    return pair, copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="rounds for the real plan")
    parser.add_argument("--scale-runs", type=int, default=3, help="rounds per scale size")
    parser.add_argument("--large-runs", type=int, default=1, help="rounds for 10,000 tiltak")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--reloads", type=int, default=5)
    parser.add_argument("--skip", default="", help="comma list of: scale, weight, reload")
    parser.add_argument("--engines", default=",".join(available_engines()),
                        help="engines to time besides the floor comparison (default: all "
                             "installed)")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    engines = [e for e in args.engines.split(",") if e]
    started = time.time()
    results: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
                     "engines": ["mkdocs", *(e for e in engines if e != "mkdocs")]}

    with tempfile.TemporaryDirectory(prefix="plan-bench-") as tmp:
        work = Path(tmp)
        print("Bygger den ekte planen og gulvet …", flush=True)
        real, real_copy = _real_plan(work, args.runs, engines)
        pairs = [real]
        pages = {"forside": "", "områdeside": "omrader/mangfold/"}
        if (real_copy / "sites" / "ours" / TILTAK_PAGE).is_dir():
            pages["tiltaksside"] = TILTAK_PAGE
        if "weight" not in skip:
            results["weight"] = [asdict(w) for w in
                                 weight.measure_pages(real_copy / "sites" / "ours", pages)]
        if "reload" not in skip:
            print("Måler omlasting med mkdocs serve …", flush=True)
            results["reload"] = reload.measure_reload(real_copy, args.reloads)
        if "scale" not in skip:
            for measures in sizes:
                print(f"Skala: {measures} tiltak …", flush=True)
                rounds = args.large_runs if measures >= 10_000 else args.scale_runs
                pair, copy = _scale(work, measures, rounds, engines)
                pairs.append(pair)
                if measures == max(sizes) and "weight" not in skip:
                    big = weight.measure_pages(copy / "sites" / "ours",
                                               {f"områdeside, {measures} tiltak": "omrader/omrade-1/"})
                    results.setdefault("weight", []).extend(asdict(w) for w in big)
    results["pairs"] = [asdict(p) for p in pairs]
    results["seconds"] = round(time.time() - started, 1)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print()
    print(report.render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
