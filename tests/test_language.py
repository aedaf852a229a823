"""Bokmål as a careful public body writes it: no English from the theme or from argparse, one
word for each thing, and an area's name written the plan's way.

The built sites are walked page by page (visible text, the attributes a screen reader or a
tooltip shows, and the theme's translations); the texts editors read are found by folder, so a
new file under macros/, docs/ or data/ is covered without a change here.
"""

from __future__ import annotations

import argparse
import json
import re

import pytest

from conftest import FIXTURES, ROOT
from htmlscan import PageScan, normalise
from macros.__main__ import main
from macros.argparse_nb import MESSAGES, NorwegianArgumentParser, translate
from macros.load import load_plan

PLAN = load_plan(ROOT / "data")
# The adopted plan as delivered. A word the plan itself uses is never rejected: its text is
# reproduced word for word, typos included.
PLAN_SOURCE = normalise((ROOT / "tests" / "kilde" / "handlingsplan-oslo-viken.txt")
                        .read_text(encoding="utf-8"))

# English the theme (Material for MkDocs) shows when a translation is missing or overridden.
ENGLISH = ("Skip to content", "Search", "Back to top", "Copy to clipboard", "Copied to clipboard",
           "Initializing search", "Type to start searching", "No matching documents",
           "Made with", "Previous", "Next", "Table of contents", "Not found", "Navigation",
           "Header", "Footer", "Edit this page", "View source of this page", "Go to repository",
           "Last update", "Share", "Clear", "Close", "Select version", "Switch to",
           "Cookie consent", "Accept", "Reject", "RSS feed", "Was this page helpful")
# Attributes whose text a reader meets: tooltips, screen reader names, placeholders.
READER_ATTRIBUTES = ("title", "aria-label", "aria-description", "placeholder", "alt")
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)

# One word for each thing: rejected variant (regex, case-insensitive) → the word to use.
GLOSSARY = {
    r"\blogg-innslag\w*": "logginnslag",
    r"\bdata-fil(?:en|ene|er)?\b": "datafil / datafilene",
    # The setting keeps its name, foreldet_etter_dager: a field name is not prose.
    r"\butdatert\w*|\bforeldet\b": "«ikke oppdatert»",
    r"\bvideresending\w*": "omdirigering",
    r"(?<!eksempel )\bpå (?:et|ett|hvert) tiltak\b|"
    r"\b(?:fremdrift|status|melding\w*) på (?:noen av )?(?:de |alle )?(?:\d+ )?tiltak\w*":
        "for et tiltak",
    r"\bstatusdiff\w*": "endringsoversikt",
    # Tone: a tiltak without a report is not yet reported, not a failure.
    r"\baldri (?:er )?rapportert\b": "«ikke rapportert ennå»",
    r"\bescapet\b": "«vist som ren tekst»",
    r"(?<![\w-])(?:\w+-)?handling(?:er|ene)\b": "actions (GitHub Actions)",
    # Slips of grammar found once; they stay out.
    r"\bingenting feil\b": "«ingenting blir publisert før feilene er rettet»",
    r"\bpeker på der\b": "«viser hvor»",
    r"\blisten av\b": "«listen over» / «id-ene»",
    r"\bsitattegn\w*": "« » (norske anførselstegn)",
}


def reader_texts(html: str) -> list[str]:
    """What a reader meets on a page: visible text, reader attributes, the theme's translations."""
    scan = PageScan(html)
    texts = [scan.text]
    texts += [value for _, attrs in scan.tags for name, value in attrs.items()
              if name in READER_ATTRIBUTES and value]
    config = CONFIG_SCRIPT.search(html)
    if config:
        texts += [str(v) for v in json.loads(config.group(1)).get("translations", {}).values()]
    return [normalise(t) for t in texts]


def editor_texts() -> dict[str, str]:
    """Every text an editor reads outside the built site, by path relative to the project.

    Whole files, except the data files: only their comments, as their values are the plan.
    """
    paths = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "Makefile", ROOT / "mkdocs.yml",
             ROOT / "data" / "lenkekontrakt.txt"]
    for folder, suffixes in {"docs": (".md", ".js", ".html"), "overrides": (".html",),
                             "macros": (".py", ".html", ".md", ".xml", ".json"),
                             "hooks": (".py",), ".github": (".yml", ".yaml"),
                             "data": (".json",)}.items():
        paths += [p for p in sorted((ROOT / folder).rglob("*")) if p.suffix in suffixes]
    texts = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in paths}
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts[path.relative_to(ROOT).as_posix()] = "\n".join(
            line if line.lstrip().startswith("#") else "" for line in lines)
    return texts


def glossary_hits(text: str, where: str) -> list[str]:
    """One line per rejected variant in `text`, unless the plan itself uses it."""
    hits = []
    for pattern, preferred in GLOSSARY.items():
        for match in re.finditer(pattern, text, re.I):
            if re.search(pattern, PLAN_SOURCE, re.I):
                continue
            line = text.count("\n", 0, match.start()) + 1
            hits.append(f"{where}:{line}: «{match.group(0)}» – skriv {preferred}")
    return hits


@pytest.fixture(scope="module", params=["real_site", "example_site", "period_site"])
def site(request):
    """The real, example and period sites (texts that only show with progress or periods)."""
    return request.getfixturevalue(request.param)


def test_no_english_theme_text_on_any_page(site):
    found = []
    for path in site.html_files():
        for text in reader_texts(path.read_text(encoding="utf-8")):
            found += [f"{path.relative_to(site.site)}: {english}" for english in ENGLISH
                      if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text)]
    assert not found, "\n".join(sorted(set(found)))


def test_the_english_scan_finds_what_it_looks_for():
    html = ('<html><head><title>404 - Not found</title></head><body><a aria-label="Header">x'
            '</a><script id="__config" type="application/json">{"translations": '
            '{"search.result.placeholder": "Type to start searching"}}</script></body></html>')
    texts = " | ".join(reader_texts(html))
    assert "Not found" in texts and "Header" in texts and "Type to start searching" in texts


def test_glossary_on_every_built_page(site):
    hits = []
    for path in site.html_files():
        for text in reader_texts(path.read_text(encoding="utf-8")):
            hits += glossary_hits(text, str(path.relative_to(site.site)))
    assert not hits, "\n".join(sorted(set(hits)))


def test_glossary_in_every_text_editors_read():
    texts = editor_texts()
    for expected in ("README.md", "CONTRIBUTING.md", "docs/index.md", "macros/templates/diff.md",
                     "macros/__main__.py", "macros/load.py", "data/plan.yaml",
                     ".github/workflows/pull-request.yml", "Makefile"):
        assert expected in texts, expected
    hits = [hit for where, text in texts.items() for hit in glossary_hits(text, where)]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize("text, rejected", [
    ("Alle logg-innslag står her.", "logg-innslag"),
    ("id skrives i data-filene", "data-filene"),
    ("før den regnes som utdatert", "utdatert"),
    ("må det legges inn en videresending", "videresending"),
    ("Slik melder du fremdrift på et tiltak", "på et tiltak"),
    ("Det er ikke meldt noen status på noen av de 33 tiltakene", "status på noen av"),
    ("I sammendraget ser du statusdiffen.", "statusdiffen"),
    ("Aldri rapportert (25)", "Aldri rapportert"),
    ("med all tekst fra dataene escapet", "escapet"),
    ("med de offisielle Pages-handlingene", "Pages-handlingene"),
    ("så ingenting feil blir publisert", "ingenting feil"),
    ("Linjenummeret peker på der feilen ble oppdaget", "peker på der"),
    ("Listen av id skal være den samme", "Listen av"),
    ("bruk «sitattegn» eller enkle anførselstegn", "sitattegn"),
])
def test_glossary_rejects_each_variant(text, rejected):
    assert len(glossary_hits(text, "eksempel")) == 1, rejected


def test_glossary_allows_the_preferred_words():
    text = ("Nye logginnslag i datafilene. Ikke oppdatert siden 1. mai. En omdirigering. Meld "
            "fremdrift for et tiltak. Endringsoversikten. Eksempel på et tiltak. GitHub Actions. "
            "Setningen foreldet_etter_dager er et feltnavn.")
    assert glossary_hits(text, "eksempel") == []


# An area's name is written the plan's way: "Utviklingsområde 1: Mangfold". -----------------

def area_variants(area) -> list[str]:
    """The ways an area's name was written before, which no page may use."""
    title = re.escape(area.title)
    return [rf"(?<![\d.]){area.id}\. {title}\b", rf"(?<![\d.]){area.id}, {title}\b",
            rf"tviklingsområde {area.id}[.,] ", rf"tviklingsområde {area.id} \({title}\)"]


def test_areas_are_written_the_plans_way_on_every_page(site):
    found = []
    for path in site.html_files():
        for text in reader_texts(path.read_text(encoding="utf-8")):
            for area in PLAN.areas:
                found += [f"{path.relative_to(site.site)}: «{m.group(0)}»"
                          for pattern in area_variants(area) for m in re.finditer(pattern, text)]
    assert not found, "\n".join(sorted(set(found)))


@pytest.mark.parametrize("area", PLAN.areas, ids=lambda a: a.slug)
def test_area_name_in_nav_heading_and_tiltak_pages(real_site, area):
    name = f"Utviklingsområde {area.id}: {area.title}"
    area_page = real_site.page(area.page_url)
    assert f">{name}</a>" in real_site.page("")  # the front page's heading for the area
    assert re.search(rf'<h1 id="[^"]*">{re.escape(name)}<', area_page)
    assert f"<title>{name} - " in area_page  # the nav label names the page
    measure = area.goals[0].measures[0]
    context = re.search(r'<p class="plan-context">(.*?)</p>', real_site.page(measure.page_url))
    assert normalise(PageScan(context.group(1)).text).startswith(f"{name} › Delmål")


# The command line: argparse's own texts in bokmål, for every sub-command. -----------------

def _parsers(monkeypatch) -> dict[str, argparse.ArgumentParser]:
    """The parser `python -m macros` builds and each of its sub-command parsers, by command."""
    built: list[argparse.ArgumentParser] = []

    def capture(self, args=None, namespace=None):
        built.append(self)
        raise SystemExit(0)

    monkeypatch.setattr(NorwegianArgumentParser, "parse_args", capture)
    with pytest.raises(SystemExit):
        main([])
    monkeypatch.undo()
    parser = built[0]
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **commands.choices}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    out, err = capsys.readouterr()
    return stop.value.code, out, err


ARGPARSE_ENGLISH = re.compile(r"usage:|positional arguments|\boptions\b|optional arguments|"
                              r"show this help|\berror\b|required|invalid|expected|unrecognized|"
                              r"choose from|\bargument\b|ambiguous|not allowed")


def test_top_level_help_is_bokmal(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert out.startswith("Bruk: python -m macros [-h] kommando ...\n")
    assert "\nArgumenter:\n  kommando\n" in out
    assert re.search(r"\nValg:\n  -h, --help +vis denne hjelpen og avslutt\n", out), out


def test_every_sub_command_has_bokmal_help(capsys, monkeypatch):
    commands = _parsers(monkeypatch)
    assert {"check", "diff", "zensical"} <= set(commands)
    for command, parser in commands.items():
        code, out, _ = _run(capsys, *([command] if command else []), "--help")
        assert code == 0, command
        assert out.startswith(f"Bruk: python -m macros {command}".rstrip() + " "), out
        assert "  -h, --help" in out and "vis denne hjelpen og avslutt" in out, command
        assert not ARGPARSE_ENGLISH.search(out), (command, out)


HELP_COMMANDS = ["", "check", "diff", "zensical", "meld-status", "rapportskjema", "importer",
                 "mangler", "pdf", "fastsett"]


def test_the_help_texts_are_exactly_as_written(capsys, monkeypatch):
    """Every command's --help, whole, at 100 columns: what an editor reads in the terminal.
    A changed help text changes tests/fixtures/hjelp.txt in the same commit."""
    assert set(HELP_COMMANDS) == set(_parsers(monkeypatch))  # (undoes monkeypatch)
    monkeypatch.setenv("COLUMNS", "100")
    parts = []
    for command in HELP_COMMANDS:
        code, out, _ = _run(capsys, *([command] if command else []), "--help")
        assert code == 0, command
        parts.append(f"=== python -m macros {command}".rstrip() + " --help\n" + out)
    assert "\n".join(parts) == (FIXTURES / "hjelp.txt").read_text(encoding="utf-8")


def test_every_argument_shows_a_norwegian_name(monkeypatch):
    # Without a metavar argparse shows the code's English name (--data DATA, revision).
    for command, parser in _parsers(monkeypatch).items():
        for action in parser._actions:
            if action.nargs != 0:
                assert action.metavar, (command, action.dest)


@pytest.mark.parametrize("argv, message", [
    ([], "python -m macros: feil: mangler kommando"),
    (["finnes-ikke"], "python -m macros: feil: argumentet kommando: ugyldig valg: 'finnes-ikke' "
                      "(velg blant 'check', 'diff', 'zensical'"),
    (["diff"], "python -m macros diff: feil: mangler revisjon"),
    (["check", "--data"], "python -m macros check: feil: argumentet --data: mangler en verdi"),
    (["check", "--ukjent"], "python -m macros: feil: ukjente argumenter: --ukjent"),
    (["--help=x"], "python -m macros: feil: argumentet -h/--help: tar ingen verdi (fikk 'x')"),
    # What the user typed is shown as typed, even when it reads like one of argparse's messages.
    (["check", "expected one argument"],
     "python -m macros: feil: ukjente argumenter: expected one argument"),
])
def test_usage_errors_are_bokmal(capsys, argv, message):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("Bruk: python -m macros")
    assert err.splitlines()[-1].startswith(message), err


def test_the_parser_takes_argparse_arguments_by_position_and_a_usage_of_its_own():
    parser = NorwegianArgumentParser("verktøy", "%(prog)s FIL [FIL ...]")
    assert (parser.prog, parser.format_usage()) == ("verktøy", "Bruk: verktøy FIL [FIL ...]\n")
    assert NorwegianArgumentParser(prog="p", usage="%(prog)s ARK").format_usage() == "Bruk: p ARK\n"


def test_help_leaves_no_value_in_the_parsed_arguments():
    # As argparse's own -h: not even when the parser gives every argument a default.
    assert NorwegianArgumentParser(prog="p").parse_args([]) == argparse.Namespace()
    assert NorwegianArgumentParser(prog="p", argument_default="standard").parse_args([]) == \
        argparse.Namespace()


def test_every_argparse_message_has_a_translation():
    samples = {"%(argument_name)s": "--data", "%(message)s": "expected one argument",
               "%(value)r": "'x'", "%(choices)s": "'a', 'b'", "%(type)s": "int",
               "%(option)s": "--d", "%(matches)s": "--data, --dato", "%s": "--data", "%r": "'x'"}
    for english in MESSAGES:
        message = english
        for placeholder, value in samples.items():
            message = message.replace(placeholder, value)
        norwegian = translate(message)
        assert norwegian != message and not ARGPARSE_ENGLISH.search(norwegian), (english, norwegian)
    assert translate("noe argparse aldri skriver") == "noe argparse aldri skriver"

