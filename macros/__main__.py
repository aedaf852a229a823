"""Command line: `python -m macros check` validates the data and prints every error;
`python -m macros diff REVISION` prints the status diff for reviewers;
`python -m macros zensical` builds the site with Zensical instead of MkDocs;
`meld-status`, `rapportskjema`, `importer` and `mangler` take status reports without YAML
(the issue form, the spreadsheet) and list the tiltak that need one;
`python -m macros fastsett ID` freezes a reporting period's report (periodfreeze.py);
`python -m macros pdf` prints Hele planen and each period's report to PDF (pdf.py).

Only what `check` needs is imported here; every other command imports its own modules when it
runs, so `make check` starts without the site build's (Jinja, MkDocs) or the tools' imports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import periodreport
from .argparse_nb import NorwegianArgumentParser
from .errors import NOT_PUBLISHED_YET, DataErrors
from .load import load_plan
from .settings import build_date, data_dir, repo_url
from .verify import verify

T = TypeVar("T")


def check(folder: Path) -> int:
    """Validate the data folder, the redirects and the link contract; print a Norwegian
    summary or every error. Returns the exit code."""
    try:
        plan = verify(folder)
    except DataErrors as exc:
        print(exc.report(NOT_PUBLISHED_YET), file=sys.stderr)
        return 1
    print(f"Dataene er i orden: {len(plan.areas)} utviklingsområder, {len(plan.goals)} delmål "
          f"og {len(plan.measures)} tiltak.")
    differences = periodreport.warnings(plan)
    if differences:
        print(f"Advarsel: loggen sier noe annet enn en fastsatt rapport ({len(differences)} "
              f"avvik). Rapporten viser fortsatt det som ble fastsatt, med en merknad om dette. Er "
              f"loggen riktig, la den stå; ellers rett linjen. Skal rapporten rettes, fastsett "
              f"perioden på nytt: make fastsett PERIODE=<id> OVERSKRIV=1.", file=sys.stderr)
        for difference in differences:
            print(difference, file=sys.stderr)
    return 0


def fastsett(period_id: str, folder: Path, overwrite: bool, force: bool) -> int:
    """Fastsett rapporten for en periode etter at årsmøtet har godkjent den: skriver
    data/perioder/<id>.yaml med status ved start og slutt og meldingene i perioden for hvert
    tiltak, fra loggen slik den er nå. Nettstedet viser deretter rapporten slik den ble
    fastsatt. Nekter å skrive over en fastsatt periode (uten --overskriv) og å fastsette en
    periode som ikke er slutt (uten --tving). Avslutter med 1 hvis ingenting ble skrevet."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .periodfreeze import FreezeError, freeze

    today = build_date()
    outcome = _reported(lambda: freeze(folder, period_id, today, overwrite, force), FreezeError,
                        "Fastsatte ikke perioden")
    if outcome is None:
        return 1
    path, result = outcome
    changed = sum(row.changed for row in result.rows)
    print(f"Fastsatte perioden {result.period.id} ({result.period.name}) per {today.isoformat()} "
          f"i {path}: {len(result.rows)} tiltak, {result.entry_count()} meldinger i perioden, "
          f"{changed} tiltak endret status. Legg filen inn i git og send den som en pull request.")
    return 0


def diff(revision: str, folder: Path) -> int:
    """Vis i Markdown hva dataene i arbeidskopien endrer i planen sammenlignet med en
    git-revisjon (for eksempel origin/main): nye, fjernede og omnummererte tiltak,
    statusendringer (fra → til), nye logginnslag og endret tekst. Er dataene i revisjonen
    ugyldige, står det i rapporten. Avslutter med 1 hvis dataene i arbeidskopien har feil."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .diff import RevisionError, status_diff

    try:
        print(status_diff(revision, folder), end="")
    except DataErrors as exc:
        print(exc.report(NOT_PUBLISHED_YET), file=sys.stderr)
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


def meld_status(folder: Path, form: Path | None, message_file: Path | None) -> int:
    """Les en statusmelding fra skjemaet «Meld status» på standard inn (teksten i saken slik
    GitHub viser den), sjekk den som make check gjør, og legg den til som et nytt logginnslag
    i riktig fil i data/omrader/. Skriver et kort svar i Markdown til saken. Er noe galt, sier
    svaret hva som må rettes, ingenting endres, og kommandoen avslutter med 1."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .issueform import FORM_FILE, meld_status as run

    try:
        body = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        outcome = run(body, folder, form=form or FORM_FILE)
        if outcome.accepted and message_file is not None:
            message_file.write_text(outcome.commit_message, encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - a reporter gets a reply, never a traceback
        print(f"**Statusmeldingen ble ikke lagt inn** på grunn av en feil i verktøyet "
              f"({type(exc).__name__}). Be en administrator se på kjøringen.")
        print(f"Intern feil: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print(outcome.reply, end="")
    return 0 if outcome.accepted else 1


def rapportskjema(path: Path | None, folder: Path, overwrite: bool) -> int:
    """Lag et regneark (.xlsx, for Excel og LibreOffice) til en rapporteringsrunde: én rad
    per tiltak med nummer, tekst og status nå (låst), og kolonnene Ny status, Dato, Hva er
    gjort og Lenke som fylles ut. Les det utfylte arket inn igjen med importer."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .spreadsheet import write_sheet

    path = path or Path(f"statusrapport-{build_date().isoformat()}.xlsx")
    if path.suffix.lower() != ".xlsx":
        print(f"Filnavnet må slutte på .xlsx (fikk {path}).", file=sys.stderr)
        return 2
    if path.exists() and not overwrite:
        print(f"{path} finnes fra før, og kan være fylt ut. Velg et annet navn, eller bruk "
              f"--overwrite for å skrive over den.", file=sys.stderr)
        return 2
    plan = load_plan(folder)
    write_sheet(plan, path)
    print(f"Skrev {path} med {len(plan.measures)} tiltak. Fyll ut Ny status, Dato, Hva er "
          f"gjort og eventuelt Lenke på tiltakene du melder, lagre, og les arket inn med "
          f"make importer FIL={path}")
    return 0


def importer(path: Path, folder: Path) -> int:
    """Les et utfylt regneark fra rapportskjema og legg til ett logginnslag for hver rad der
    Ny status er fylt ut, med de samme sjekkene som make check og skjemaet «Meld status».
    Alt eller ingenting: er én rad feil, legges ingenting inn, og feilmeldingen sier hvilken
    rad og kolonne som må rettes."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .spreadsheet import SheetErrors, import_sheet

    try:
        by_file = import_sheet(path, folder)
    except SheetErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if not by_file:
        print(f"Ingen rader i {path} har Ny status fylt ut. Ingenting ble lagt inn.")
        return 0
    count = sum(len(reports) for reports in by_file.values())
    print(f"La inn {count} statusmelding{'er' if count != 1 else ''} fra {path}:")
    for file, reports in by_file.items():
        print(f"  {_shown(file)}: tiltak {', '.join(r.measure_id for r in reports)}")
    print("Se endringen med make diff, og send den som en pull request.")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def mangler(folder: Path, exit_code: bool) -> int:
    """Vis i Markdown tiltakene som mangler oppdatert status: de som ikke er rapportert ennå,
    og de som ikke er oppdatert på over foreldet_etter_dager dager (samme regel som
    statusoversikten på nettstedet), med lenke til skjemaet «Meld status» når PLAN_REPO_URL er
    satt. Avslutter med 1 ved feil i dataene, og med --exit-code med 3 når noe mangler."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .reminder import missing_reports

    plan = load_plan(folder)
    print(missing_reports(plan, repo_url()), end="")
    never, stale = plan.needing_report()
    return 3 if exit_code and (never or stale) else 0


def _reported(call: Callable[[], T], failure: type[Exception], what_failed: str) -> T | None:
    """The result of `call`, or None once bad data or `failure` is told in bokmål."""
    try:
        return call()
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
    except failure as exc:
        print(f"{what_failed}: {exc}", file=sys.stderr)
    return None


def _guarded(command: Callable[..., int], *args: object) -> int:
    """Run a command; data errors and unexpected failures become a message, never a traceback."""
    try:
        return command(*args)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - editors get a message, never a traceback
        print(f"Feil i verktøyet: {type(exc).__name__}: {exc}. Si fra til en administrator.",
              file=sys.stderr)
        return 2


def pdf(site_dir: Path, chromium: str | None) -> int:
    """Lag PDF av «Hele planen» og av rapporten for hver periode, fra et nettsted som er bygget
    (make pdf bygger det først), med Chromium: site/hele-planen/handlingsplan.pdf og
    site/perioder/<id>/rapport-<id>.pdf. Sidene får lenke til PDF-ene. Avslutter med 1 ved
    feil."""
    # The docstring above is the command's help text, so it is in Norwegian.
    from .chromium import DEFAULT_CHROMIUM
    from .pdf import PdfError, print_pdfs

    written = _reported(lambda: print_pdfs(site_dir, load_plan(), chromium or DEFAULT_CHROMIUM),
                        PdfError, "Lagde ikke PDF")
    if written is None:
        return 1
    for path in written:
        print(f"Skrev {path}")
    return 0


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, metavar="MAPPE",
                        help="datamappe (standard: data/ eller PLAN_DATA_DIR)")


def main(argv: list[str] | None = None) -> int:
    parser = NorwegianArgumentParser(prog="python -m macros",
                                     description="Verktøy for dataene i handlingsplanen.")
    commands = parser.add_subparsers(dest="command", metavar="kommando", required=True)
    check_parser = commands.add_parser("check", help="sjekk dataene i data/")
    _data_option(check_parser)
    diff_parser = commands.add_parser("diff", help="vis hva endringen gjør med planen",
                                      description=diff.__doc__)
    diff_parser.add_argument("revision", metavar="revisjon",
                             help="git-revisjonen det sammenlignes med, for eksempel origin/main")
    _data_option(diff_parser)
    zensical_parser = commands.add_parser("zensical", help="bygg nettstedet med Zensical",
                                          description=zensical.__doc__)
    zensical_parser.add_argument("--site-dir", type=Path, default=Path("site-zensical"),
                                 metavar="MAPPE",
                                 help="mappen nettstedet bygges til (standard: site-zensical)")
    zensical_parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FIL",
                                 help="oppsettet, en fil i prosjektmappen (standard: mkdocs.yml)")
    meld_parser = commands.add_parser("meld-status", help="legg inn en statusmelding fra "
                                      "skjemaet «Meld status»", description=meld_status.__doc__)
    _data_option(meld_parser)
    meld_parser.add_argument("--form", type=Path, default=None, metavar="FIL",
                             help="skjemaet (standard: .github/ISSUE_TEMPLATE/meld-status.yml)")
    meld_parser.add_argument("--message-file", type=Path, default=None, metavar="FIL",
                             help="skriv en commit-melding for endringen hit når den er lagt inn")
    sheet_parser = commands.add_parser("rapportskjema", help="lag regnearket til en "
                                       "rapporteringsrunde", description=rapportskjema.__doc__)
    sheet_parser.add_argument("file", type=Path, nargs="?", default=None, metavar="FIL",
                              help="regnearket som lages (standard: statusrapport-ÅÅÅÅ-MM-DD.xlsx)")
    sheet_parser.add_argument("--overwrite", action="store_true",
                              help="skriv over filen hvis den finnes")
    _data_option(sheet_parser)
    import_parser = commands.add_parser("importer", help="legg inn statusmeldingene fra et "
                                        "utfylt regneark", description=importer.__doc__)
    import_parser.add_argument("file", type=Path, metavar="FIL", help="det utfylte regnearket")
    _data_option(import_parser)
    missing_parser = commands.add_parser("mangler", help="vis tiltakene som mangler oppdatert "
                                         "status", description=mangler.__doc__)
    missing_parser.add_argument("--exit-code", action="store_true",
                                help="avslutt med 3 når noe mangler (for arbeidsflyter)")
    _data_option(missing_parser)
    freeze_parser = commands.add_parser("fastsett", help="fastsett rapporten for en periode",
                                        description=fastsett.__doc__)
    freeze_parser.add_argument("period", metavar="periode",
                               help="id-en til perioden i data/plan.yaml, for eksempel 2024-2025")
    freeze_parser.add_argument("--overskriv", action="store_true",
                               help="fastsett på nytt en periode som allerede er fastsatt")
    freeze_parser.add_argument("--tving", action="store_true",
                               help="fastsett en periode som ikke er slutt ennå (status per i dag)")
    _data_option(freeze_parser)
    pdf_parser = commands.add_parser("pdf", help="lag PDF av Hele planen og periodene",
                                     description=pdf.__doc__)
    pdf_parser.add_argument("--site-dir", type=Path, default=Path("site"), metavar="MAPPE",
                            help="det bygde nettstedet (standard: site)")
    pdf_parser.add_argument("--chromium", default=None, metavar="FIL",
                            help="stien til Chromium (standard: /usr/bin/chromium, ellers "
                                 "Playwrights egen)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data or data_dir())
    if args.command == "diff":
        return diff(args.revision, args.data or data_dir())
    if args.command == "zensical":
        return zensical(args.site_dir, args.config_file)
    if args.command == "meld-status":
        return meld_status(args.data or data_dir(), args.form, args.message_file)
    if args.command == "rapportskjema":
        return _guarded(rapportskjema, args.file, args.data or data_dir(), args.overwrite)
    if args.command == "importer":
        return _guarded(importer, args.file, args.data or data_dir())
    if args.command == "mangler":
        return _guarded(mangler, args.data or data_dir(), args.exit_code)
    if args.command == "pdf":
        return pdf(args.site_dir, args.chromium)
    if args.command == "fastsett":
        return fastsett(args.period, args.data or data_dir(), args.overskriv, args.tving)
    return 2


if __name__ == "__main__":
    sys.exit(main())
