"""The benchmark report: Markdown tables of the figures and each budget met or not."""

from __future__ import annotations

import statistics
from typing import Any

KB = 1000
BUDGETS = {
    "real_ratio": 1.15,
    "large_ratio": 1.05,
    "large_memory_mb": 1024,
    "large_seconds": 90,
    "area_page_gzip": 90 * KB,
    "reload_seconds": 1.0,
}
LARGE = 10_000


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def ratio(pair: dict, top: str = "ours", bottom: str = "floor", key: str = "cpu_seconds") -> float:
    """Median over rounds of top / bottom (each round's builds ran back to back)."""
    return statistics.median(t[key] / b[key] for t, b in zip(pair[top], pair[bottom]))


def _kb(value: float) -> str:
    return f"{value / KB:,.1f}".replace(",", " ")


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _cost_table(pairs: list[dict]) -> list[str]:
    lines = [
        _row(["Nettsted", "tiltak", "sider", "vår, vegg (s)", "vår, CPU (s)",
              "bare pluginet, CPU (s)", "gulv, CPU (s)", "vår / gulv", "bare pluginet / gulv",
              "vår / bare pluginet", "runder"]),
        _row(["---"] * 11),
    ]
    for pair in pairs:
        ours, plugin, floor = pair["ours"], pair["plugin"], pair["floor"]
        lines.append(_row([
            pair["label"], pair["measures"], pair["pages"],
            f"{_median(ours, 'seconds'):.2f}", f"{_median(ours, 'cpu_seconds'):.2f}",
            f"{_median(plugin, 'cpu_seconds'):.2f}", f"{_median(floor, 'cpu_seconds'):.2f}",
            f"{ratio(pair):.3f}", f"{ratio(pair, 'plugin'):.3f}",
            f"{ratio(pair, 'ours', 'plugin'):.3f}", len(ours),
        ]))
    return lines


def _growth_table(pairs: list[dict]) -> list[str]:
    lines = [
        _row(["Nettsted", "minne vår (MB)", "minne bare pluginet (MB)", "minne gulv (MB)",
              "vår ekstra CPU per tiltak, mot gulvet (ms)",
              "vår kode alene per tiltak, mot bare pluginet (ms)", "gulv CPU per side (ms)",
              "søkeindeks (KB)", "gulvet gir samme nettsted"]),
        _row(["---"] * 9),
    ]
    for pair in pairs:
        ours, plugin, floor = (_median(pair[k], "cpu_seconds") for k in ("ours", "plugin", "floor"))
        lines.append(_row([
            pair["label"], *(f"{max(r['peak_mb'] for r in pair[k]):.0f}"
                             for k in ("ours", "plugin", "floor")),
            f"{1000 * (ours - floor) / pair['measures']:.2f}",
            f"{1000 * (ours - plugin) / pair['measures']:.2f}",
            f"{1000 * floor / max(pair['pages'], 1):.1f}",
            _kb(pair["search_index_bytes"]), pair["floor_matches"],
        ]))
    return lines


def _engine_table(pairs: list[dict], engines: list[str]) -> list[str]:
    others = [e for e in engines if e != "mkdocs"]
    if not others:
        return ["Bare MkDocs er installert; Zensical tas med i tabellen når `zensical` finnes "
                "i .venv (se `bench/engines.py`)."]
    lines = [_row(["Nettsted", "MkDocs, vegg (s)", "MkDocs, CPU (s)"]
                  + [f"{e}, {k}" for e in others for k in ("vegg (s)", "CPU (s)")]),
             _row(["---"] * (3 + 2 * len(others)))]
    for pair in pairs:
        cells = [pair["label"], f"{_median(pair['ours'], 'seconds'):.2f}",
                 f"{_median(pair['ours'], 'cpu_seconds'):.2f}"]
        for engine in others:
            runs = pair["engines"].get(engine)
            cells += ([f"{_median(runs, 'seconds'):.2f}", f"{_median(runs, 'cpu_seconds'):.2f}"]
                      if runs else ["–", "–"])
        lines.append(_row(cells))
    return lines


def _weight_table(weights: list[dict]) -> list[str]:
    lines = [_row(["Side", "HTML rå (KB)", "HTML gzip (KB)", "alt rå (KB)", "alt gzip (KB)",
                   "filer", "av det: CSS / JS / søkeindeks, gzip (KB)", "tredjepart",
                   "første søk i tillegg, gzip (KB)"]),
             _row(["---"] * 9)]
    for page in weights:
        res = page["resources"]

        def total(kind: str | None = None, gz: bool = False) -> int:
            return sum(r["gzipped" if gz else "raw"] for r in res if kind in (None, r["kind"]))

        lines.append(_row([
            f"{page['name']} (`/{page['url']}`)", _kb(total("html")), _kb(total("html", True)),
            _kb(total()), _kb(total(gz=True)), len(res),
            " / ".join(_kb(total(k, True)) for k in ("css", "js", "search")),
            len(page["third_party"]),
            _kb(sum(r["gzipped"] for r in page.get("first_search", []))),
        ]))
    return lines


def budgets(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(budget, limit, measured, met) for every budget; met is None when not measured."""
    pairs = {p["measures"]: p for p in results.get("pairs", [])[1:]}
    real = results["pairs"][0]
    large = pairs.get(LARGE)
    area = next((w for w in results.get("weight", []) if w["name"] == "områdeside"), None)
    area_gz = sum(r["gzipped"] for r in area["resources"]) if area else None
    reload = results.get("reload")
    reload_median = statistics.median(reload) if reload else None
    rows: list[tuple[str, str, str, bool | None]] = [
        ("Vår kode mot gulvet, ekte plan (CPU)", f"≤ {BUDGETS['real_ratio']}×",
         f"{ratio(real):.3f}×", ratio(real) <= BUDGETS["real_ratio"]),
    ]
    if large:
        peak = max(r["peak_mb"] for r in large["ours"])
        wall = _median(large["ours"], "seconds")
        rows += [
            ("Vår kode mot gulvet, 10 000 tiltak (CPU)", f"≤ {BUDGETS['large_ratio']}×",
             f"{ratio(large):.3f}×", ratio(large) <= BUDGETS["large_ratio"]),
            ("Toppminne, 10 000 tiltak", "< 1 GB", f"{peak:.0f} MB",
             peak < BUDGETS["large_memory_mb"]),
            ("Byggetid, 10 000 tiltak (vegg, median)", f"< {BUDGETS['large_seconds']} s",
             f"{wall:.1f} s", wall < BUDGETS["large_seconds"]),
        ]
    else:
        rows.append(("10 000 tiltak", "–", "ikke målt", None))
    rows.append(("Områdeside, første visning, gzip", "≤ 90 KB",
                 f"{_kb(area_gz)} KB" if area_gz is not None else "ikke målt",
                 area_gz <= BUDGETS["area_page_gzip"] if area_gz is not None else None))
    rows.append(("Omlasting etter lagret YAML (median)", "< 1 s",
                 f"{reload_median:.2f} s (maks {max(reload):.2f} s)" if reload else "ikke målt",
                 reload_median < BUDGETS["reload_seconds"] if reload else None))
    return rows


def render(results: dict) -> str:
    """The whole report as Markdown."""
    out = [f"Målt {results['started']} ({results['seconds']:.0f} s i alt).", "",
           "### Byggetid og minne: vår kode mot et statisk gulv", ""]
    out += _cost_table(results["pairs"])
    out += ["", "### Minne og vekst", ""]
    out += _growth_table(results["pairs"])
    out += ["", "### Motorer side om side", ""]
    out += _engine_table(results["pairs"], results.get("engines", ["mkdocs"]))
    if results.get("weight"):
        out += ["", "### Sidevekt, første visning i Chromium", ""]
        out += _weight_table(results["weight"])
    if results.get("reload"):
        out += ["", "### Omlasting", "",
                "Sekunder fra lagret YAML-fil til ny tekst fra `mkdocs serve`: "
                + ", ".join(f"{s:.2f}" for s in results["reload"]) + "."]
    out += ["", "### Budsjetter", "", _row(["Budsjett", "grense", "målt", "oppfylt"]),
            _row(["---"] * 4)]
    verdict = {True: "ja", False: "**nei**", None: "–"}
    out += [_row([name, limit, measured, verdict[met]])
            for name, limit, measured, met in budgets(results)]
    return "\n".join(out)
