"""Command line: `python -m macros check` validates the data and prints every error;
`python -m macros diff REVISION` prints the status diff for reviewers;
`python -m macros zensical` builds the site with Zensical instead of MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diff import RevisionError, status_diff
from .errors import DataErrors
from .load import load_plan
from .settings import data_dir
from .redirects import load_redirects


def check(folder: Path) -> int:
    """Validate the data folder; print a Norwegian summary or every error. Returns exit code."""
    try:
        plan = load_plan(folder)
        load_redirects(plan, folder)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"Dataene er i orden: {len(plan.areas)} utviklingsområder, {len(plan.goals)} delmål "
          f"og {len(plan.measures)} tiltak.")
    return 0


def diff(revision: str, folder: Path) -> int:
    """Vis i Markdown hva dataene i arbeidskopien endrer i planen sammenlignet med en
    git-revisjon (for eksempel origin/main): nye, fjernede og omnummererte tiltak,
    statusendringer (fra → til), nye logginnslag og endret tekst. Er dataene i revisjonen
    ugyldige, står det i rapporten. Avslutter med 1 hvis dataene i arbeidskopien har feil."""
    # The docstring above is the command's help text, so it is in Norwegian.
    try:
        print(status_diff(revision, folder), end="")
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except RevisionError as exc:
        print(f"Kan ikke sammenligne: {exc}", file=sys.stderr)
        return 2
    return 0


def zensical(site_dir: Path, config: str) -> int:
    """Bygg nettstedet med Zensical i stedet for MkDocs, fra de samme filene, og kjør det samme
    sluttsteget som MkDocs kjører etter bygget. Avslutter med 1 ved feil i dataene eller i
    bygget."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .engine import BuildError, build

    try:
        pages = build(site_dir, config)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Bygget nettstedet med Zensical til {site_dir}/ ({pages} sider).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros",
                                     description="Verktøy for dataene i handlingsplanen.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="sjekk dataene i data/")
    check_parser.add_argument("--data", type=Path, default=None,
                              help="datamappe (standard: data/ eller PLAN_DATA_DIR)")
    diff_parser = commands.add_parser("diff", help="vis hva endringen gjør med planen",
                                      description=diff.__doc__)
    diff_parser.add_argument("revision", help="git-revisjonen det sammenlignes med, for "
                                              "eksempel origin/main")
    diff_parser.add_argument("--data", type=Path, default=None,
                             help="datamappe (standard: data/ eller PLAN_DATA_DIR)")
    zensical_parser = commands.add_parser("zensical", help="bygg nettstedet med Zensical",
                                          description=zensical.__doc__)
    zensical_parser.add_argument("--site-dir", type=Path, default=Path("site-zensical"),
                                 help="mappen nettstedet bygges til (standard: site-zensical)")
    zensical_parser.add_argument("-f", "--config-file", default="mkdocs.yml",
                                 help="oppsettet, en fil i prosjektmappen (standard: mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data or data_dir())
    if args.command == "diff":
        return diff(args.revision, args.data or data_dir())
    if args.command == "zensical":
        return zensical(args.site_dir, args.config_file)
    return 2


if __name__ == "__main__":
    sys.exit(main())
