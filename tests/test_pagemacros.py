"""The macros pages call (macros/pagemacros.py), run in this process with a stand-in for the
host's macros environment: what `define_env` registers, what each macro renders for a page,
the errors that stop a build, and `on_post_build`. The build tests (test_progress.py,
test_pages.py, test_site.py) check the same pages in a built site, where mutmut cannot see."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import BUILD_DATE, EXAMPLE_DATA, EXAMPLE_REPO, FIXTURES, PERIOD_DATA
from helpers import BAD, element, flat, overlay
from macros import pagemacros
from macros.errors import DataErrors
from macros.load import load_plan
from macros.pagemacros import FRAGMENT_MACROS, define_env, on_post_build
from macros.qr import qr_svg
from macros.redirects import REDIRECTS_FILE
from macros.render import Renderer

TODAY = dt.date.fromisoformat(BUILD_DATE)
SITE_URL = "https://plan.eksempel.no/sti/"
MACROS = ["apne_data", "delmalsside", "hele_planen", "oppdateringer", "periodedata", "perioder",
          "periodeside", "statusfordeling", "statusforklaring", "statussammendrag",
          "tilgjengelighetskontakt", "tiltaksoversikt", "tiltaksside", "trenger_oppfolging",
          "utviklingsomrade", "utviklingsomrader", "uustatuslenke", "vedtatt"]


class FakeEnv:
    """What pagemacros uses of mkdocs-macros' plugin (`MacrosEnv`), registering as it does: a
    macro under `name`, or under the function's own name when none is given."""

    def __init__(self, conf: dict):
        self.conf = conf
        self.variables: dict = {}
        self.page = None
        self.macros: dict = {}
        self.filters: dict = {}

    def macro(self, function, name=""):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function):
        self.filters[function.__name__] = function
        return function

    def on(self, page, name: str, *args) -> str:
        """Call a macro while `page` is being rendered."""
        self.page = page
        return self.macros[name](*args)


def mkdocs_page(url: str, source: str) -> SimpleNamespace:
    """A page as MkDocs hands it over: its URL and `file.src_uri` (no `path`)."""
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=source))


def zensical_page(url: str, path: str) -> SimpleNamespace:
    """A page as Zensical hands it over: its URL and `path` (no `file`)."""
    return SimpleNamespace(url=url, path=path)


@pytest.fixture
def make_env(monkeypatch):
    """`make_env(data=EXAMPLE_DATA, **conf)`: define_env run on that data at the tests' date."""
    monkeypatch.setenv("PLAN_BUILD_DATE", BUILD_DATE)

    def make(data: Path = EXAMPLE_DATA, **conf) -> FakeEnv:
        monkeypatch.setenv("PLAN_DATA_DIR", str(data))
        env = FakeEnv(conf)
        define_env(env)
        return env

    return make


@pytest.fixture
def env(make_env) -> FakeEnv:
    """The example data with a site address, a repository and a licence."""
    return make_env(site_url=SITE_URL, repo_url=EXAMPLE_REPO, edit_uri="edit/main/docs/",
                    extra={"apne_data_lisens": "CC BY 4.0"})


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', fragment)


# What define_env registers --------------------------------------------------------------------

def test_define_env_registers_every_macro_and_the_text_filter(env):
    assert sorted(env.macros) == MACROS
    for name, help_text, _ in FRAGMENT_MACROS:
        assert (env.macros[name].__name__, env.macros[name].__doc__) == (name, help_text)
    assert list(env.filters) == ["tekst"]
    assert env.filters["tekst"]("*Viktig* <b>") == r"\*Viktig\* &lt;b&gt;"
    assert list(env.variables) == ["plan"]
    assert env.variables["plan"] is load_plan(EXAMPLE_DATA, TODAY)


def test_the_edit_button_is_dropped_only_without_a_repository(make_env):
    with_repo = make_env(repo_url=EXAMPLE_REPO, edit_uri="edit/main/docs/")
    assert with_repo.conf == {"repo_url": EXAMPLE_REPO, "edit_uri": "edit/main/docs/"}
    without = make_env(edit_uri="edit/main/docs/")
    assert without.conf == {"edit_uri": None}


def test_a_data_error_stops_the_build_with_the_loaders_report(make_env, tmp_path):
    folder = overlay(BAD / "dobbelt-id", tmp_path / "data")
    with pytest.raises(DataErrors) as loaded:
        load_plan(folder, TODAY)
    with pytest.raises(PluginError) as caught:
        make_env(folder)
    assert str(caught.value) == loaded.value.report()
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_redirect_error_stops_the_build_with_its_report(make_env, tmp_path):
    folder = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    shutil.copyfile(FIXTURES / "omdirigeringer" / "ugyldig.yaml", folder / REDIRECTS_FILE)
    with pytest.raises(PluginError) as caught:
        make_env(folder)
    assert str(caught.value) == (
        "Fant 1 feil i dataene. Ingenting ble publisert.\n"
        f"{(folder / REDIRECTS_FILE).as_posix()}:14:10: omdirigeringer[6].fra: 'Gammel side' er "
        "ikke gyldig: skal være en sideadresse som slutter med /, for eksempel \"gammel-side/\", "
        "eller et nummer som \"1.1.8\"")


def test_fail_is_mkdocs_plugin_error_and_a_runtime_error_under_another_host(monkeypatch):
    error = pagemacros._fail("feil i dataene")
    assert (type(error), error.args) == (PluginError, ("feil i dataene",))
    monkeypatch.setitem(sys.modules, "mkdocs.exceptions", None)  # importing it fails
    error = pagemacros._fail("feil i dataene")
    assert (type(error), error.args) == (RuntimeError, ("feil i dataene",))


def test_page_source_and_link_base_of_each_host():
    assert pagemacros._page_source(mkdocs_page("tiltak/1-1-1/", "tiltak/1-1-1.md")) == \
        "tiltak/1-1-1.md"
    assert pagemacros._page_source(zensical_page("tiltak/1-1-1/", "tiltak/1-1-1.md")) == \
        "tiltak/1-1-1.md"
    assert pagemacros._link_base(mkdocs_page("tiltak/1-1-1/", "tiltak/1-1-1.md")) is None
    assert pagemacros._link_base(zensical_page("tiltak/1-1-1/", "tiltak/1-1-1.md")) == "tiltak/"
    assert pagemacros._link_base(zensical_page("", "index.md")) == ""


# The fragments, as rendered for a page ---------------------------------------------------------

def test_summary_links_to_the_followup_list(env):
    summary = env.on(mkdocs_page("", "index.md"), "statussammendrag")
    assert element(summary, "p", "plan-summary__followup") == (
        '<p class="plan-summary__followup"><a href="oversikt/#trenger-oppfolging">27 tiltak '
        'mangler oppdatert status</a> (2 er ikke oppdatert på over 180 dager).</p>')


def test_overview_loads_the_filter_script_relative_to_its_page(env):
    overview = env.on(mkdocs_page("oversikt/", "oversikt.md"), "tiltaksoversikt")
    assert re.findall(r"<script[^>]*>", overview) == [
        '<script src="../assets/javascripts/measure-filter.js" defer>']
    assert re.search(r"<caption>(.*?)</caption>", overview).group(1) == \
        "Alle 33 tiltak i planen, med status"


def test_updates_link_the_feed_relative_to_their_page(env):
    updates = env.on(mkdocs_page("oppdateringer/", "oppdateringer.md"), "oppdateringer")
    assert element(updates, "p", "plan-feedlink") == (
        '<p class="plan-feedlink">Du kan følge med på nye meldinger i en nyhetsleser: <a '
        'href="../feed.xml" type="application/atom+xml">nyhetsstrøm for oppdateringene '
        '(Atom)</a>.</p>')
    assert element(updates, "p", "plan-updates__count") == (
        '<p class="plan-updates__count">13 statusmeldinger for 8 tiltak, nyeste først.</p>')


def test_open_data_links_every_file_and_states_the_licence(env, make_env):
    page = mkdocs_page("apne-data/", "apne-data.md")
    licensed = env.on(page, "apne_data")
    assert element(licensed, "p", "plan-opendata__licence") == (
        '<p class="plan-opendata__licence">Dataene er publisert med lisensen <strong>CC BY 4.0'
        '</strong>.</p>')
    assert hrefs(licensed) == ["../data/plan.json", "../data/tiltak.csv",
                               "../data/schema/plan-json.schema.json",
                               "../data/schema/plan.schema.json",
                               "../data/schema/omrade.schema.json"]
    undecided = make_env().on(page, "apne_data")
    assert flat(element(undecided, "p", "plan-opendata__licence")) == (
        "Lisensen for dataene er ikke bestemt ennå. Spør Norsk kulturskoleråd Oslo og Viken før "
        "du bruker dataene videre.")



def test_open_data_links_on_zensical_are_relative_to_the_markdown_file(env):
    files = env.on(zensical_page("apne-data/", "apne-data.md"), "apne_data")
    assert hrefs(files) == ["data/plan.json", "data/tiltak.csv",
                            "data/schema/plan-json.schema.json", "data/schema/plan.schema.json",
                            "data/schema/omrade.schema.json"]


def test_a_renderer_without_a_site_address_links_from_the_site_root():
    plan = load_plan(EXAMPLE_DATA, TODAY)
    renderer = Renderer(plan, "tiltak/1-1-1/")
    assert renderer.permalink(plan.measures_by_id["1.1.1"]) == "/tiltak/1-1-1/"

def test_followup_groups_the_never_reported_by_goal_in_plan_order(env):
    followup = env.on(mkdocs_page("oversikt/", "oversikt.md"), "trenger_oppfolging")
    goals = re.findall(r'<li data-goal="([^"]+)">(.*?)</ul></li>', followup)
    assert [(goal, re.findall(r'data-measure="([^"]+)"', ids)) for goal, ids in goals] == [
        ("1.1", ["1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7"]), ("1.2", ["1.2.1", "1.2.3"]),
        ("1.3", ["1.3.1", "1.3.2"]), ("2.1", ["2.1.1", "2.1.2"]),
        ("2.2", ["2.2.1", "2.2.2", "2.2.3", "2.2.4"]), ("2.3", ["2.3.1"]), ("3.1", ["3.1.1"]),
        ("3.2", ["3.2.2"]), ("3.3", ["3.3.2", "3.3.3"]), ("3.5", ["3.5.1"]),
        ("4.1", ["4.1.1", "4.1.2"]), ("4.2", ["4.2.1"]), ("4.3", ["4.3.1"])]
    assert re.findall(r'<h3 id="([^"]+)">(.*?)</h3>', followup) == [
        ("ikke-oppdatert", "Ikke oppdatert på over 180 dager (2)"),
        ("aldri-rapportert", "Ikke rapportert ennå (25)")]
    assert hrefs(goals[0][1]) == ["../tiltak/1-1-3/", "../tiltak/1-1-4/", "../tiltak/1-1-5/",
                                  "../tiltak/1-1-6/", "../tiltak/1-1-7/"]


def test_distribution_legend_and_areas_render_their_tables_and_lists(env):
    page = mkdocs_page("omrader/", "omrader/index.md")
    distribution = env.on(page, "statusfordeling")
    rows = r'<tr class="plan-distribution--(\w+)"><th scope="row">(?:<a href="([^"]*)">)?'
    assert re.findall(rows, distribution)[:3] == [("plan", ""), ("area", "mangfold/"),
                                                  ("goal", "../delmal/1-1/")]
    legend = env.on(page, "statusforklaring")
    assert re.findall(r'data-status="([^"]+)"', legend) == [
        "ikke-startet", "pagar", "lopende", "fullfort", "utsatt", "ikke-viderefort",
        "ikke-rapportert"]
    areas = env.on(page, "utviklingsomrader")
    assert re.findall(r'<h2 id="omrade-\d"><a href="([^"]+)">', areas) == [
        "mangfold/", "fordypning/", "forskning-og-utvikling/", "fremtidens-kulturskole/"]


def test_whole_plan_has_the_date_the_pdf_marker_and_a_qr_code_of_the_site(env):
    whole = env.on(mkdocs_page("hele-planen/", "hele-planen.md"), "hele_planen")
    assert element(whole, "p", "plan-whole__date") == (
        '<p class="plan-whole__date plan-status-date">Status per 1. november 2026</p>')
    assert '<p class="plan-actions"><!--plan-pdf:handlingsplan.pdf--></p>' in whole
    figure = element(whole, "figure", "plan-qr")
    assert figure == (f'<figure class="plan-qr">\n{qr_svg(SITE_URL)}\n<figcaption>Planen med '
                      f'oppdatert status:<br><a href="{SITE_URL}">{SITE_URL}</a></figcaption>\n'
                      f'</figure>')


# The generated pages ---------------------------------------------------------------------------

COPY = r'class="plan-copy__link" href="([^"]+)"'


def test_measure_page_links_on_mkdocs(env):
    page = env.on(mkdocs_page("tiltak/1-1-1/", "tiltak/1-1-1.md"), "tiltaksside", "1.1.1")
    assert hrefs(element(page, "p", "plan-context")) == ["../../omrader/mangfold/",
                                                         "../../delmal/1-1/"]
    status = re.search(r'<p><span class="plan-item__label">Status nå:</span>.*?</p>',
                       page).group(0)
    assert re.findall(r'<a class="(plan-report|plan-edit)" href="([^"]+)">', status) == [
        ("plan-report", f"{EXAMPLE_REPO}/issues/new?template=meld-status.yml&amp;tiltak=1.1.1"
                        "&amp;title=Status%20for%20tiltak%201.1.1"),
        ("plan-edit", f"{EXAMPLE_REPO}/blob/main/tests/fixtures/eksempel/omrader/"
                      "1-mangfold.yaml#L10")]
    actions = element(page, "p", "plan-actions")
    assert re.findall(COPY, actions) == [f"{SITE_URL}tiltak/1-1-1/"]
    assert hrefs(actions)[-1] == "../../omrader/mangfold/#tiltak-1-1-1"
    assert page.split("## Se også\n\n")[1] == (
        '<ul class="plan-related">\n<li><a href="../3-1-1/">Tiltak 3.1.1</a>: <bdi>Se delmål 1.1 '
        'under utviklingsområdet Mangfold.</bdi></li>\n</ul>\n')


def test_measure_page_links_on_zensical_are_relative_to_the_markdown_file(env):
    page = env.on(zensical_page("tiltak/1-1-1/", "tiltak/1-1-1.md"), "tiltaksside", "1.1.1")
    assert hrefs(element(page, "p", "plan-context")) == ["../omrader/mangfold/",
                                                         "../delmal/1-1/"]
    assert hrefs(element(page, "p", "plan-actions"))[-1] == "../omrader/mangfold/#tiltak-1-1-1"


def test_measure_page_without_a_repository_has_no_report_or_edit_link(make_env):
    env = make_env()
    page = env.on(mkdocs_page("tiltak/1-1-1/", "tiltak/1-1-1.md"), "tiltaksside", "1.1.1")
    status = re.search(r'<p><span class="plan-item__label">Status nå:</span>.*?</p>',
                       page).group(0)
    assert "<a " not in status
    assert re.findall(COPY, page) == ["/tiltak/1-1-1/"]


def test_goal_page_links_and_the_measures_that_refer_to_it(env):
    page = env.on(mkdocs_page("delmal/1-1/", "delmal/1-1.md"), "delmalsside", "1.1")
    actions = element(page, "p", "plan-actions")
    assert re.findall(COPY, actions) == [f"{SITE_URL}delmal/1-1/"]
    assert hrefs(actions)[-1] == "../../omrader/mangfold/#delmal-1-1"
    assert page.split("## Se også\n\n")[1] == (
        '<ul class="plan-related">\n<li><a href="../../tiltak/3-1-1/">Tiltak 3.1.1</a>: <bdi>Se '
        'delmål 1.1 under utviklingsområdet Mangfold.</bdi></li>\n</ul>\n')
    # Every row of its table: a permanent link, and the older reports under the current one.
    assert re.findall(COPY, page)[1:] == [f"{SITE_URL}tiltak/1-1-{n}/" for n in range(1, 8)]
    history = re.search(r'<tr id="tiltak-1-1-1".*?</tr>', page, re.S).group(0)
    assert re.findall(r'<summary>(.*?)<span class="plan-sr">', history) == [
        'Tidligere meldinger <span class="plan-history__count">(4)</span>']
    assert re.findall(r'<li class="plan-history__entry">\n<p class="plan-history__head"><time '
                      r'datetime="([^"]+)">', history) == [
        "2026-04-02", "2026-01-20", "2025-11-10", "2025-09-01"]


@pytest.mark.parametrize("macro,item,own", [("tiltaksside", "1.1.2", "tiltak/1-1-2/"),
                                            ("delmalsside", "1.2", "delmal/1-2/")])
def test_an_item_page_macro_on_another_page_stops_the_build(env, macro, item, own):
    kind = "tiltak" if macro == "tiltaksside" else "delmål"
    for page in (mkdocs_page("tiltak/1-1-1/", "tiltak/1-1-1.md"),
                 zensical_page("tiltak/1-1-1/", "tiltak/1-1-1.md")):
        with pytest.raises(PluginError) as caught:
            env.on(page, macro, item)
        assert str(caught.value) == (f"tiltak/1-1-1.md: {kind} {item} vises på sin egen side "
                                     f"({own}), som lages av dataene; fjern makroen her")


# Area pages --------------------------------------------------------------------------------

def test_area_macro_checks_the_area_and_its_page(env):
    with pytest.raises(PluginError) as unknown:
        env.on(mkdocs_page("omrader/mangfold/", "omrader/mangfold.md"), "utviklingsomrade", "9")
    assert str(unknown.value) == ("omrader/mangfold.md: utviklingsområde '9' finnes ikke "
                                  "(tillatt: 1, 2, 3, 4)")
    with pytest.raises(PluginError) as elsewhere:
        env.on(mkdocs_page("oversikt/", "oversikt.md"), "utviklingsomrade", 1)
    assert str(elsewhere.value) == ("oversikt.md: utviklingsområde 1 skal stå i "
                                    "docs/omrader/mangfold.md, så lenkene til det stemmer")


def test_area_page_keeps_the_old_anchors_of_renumbered_items(make_env, tmp_path):
    folder = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    shutil.copyfile(FIXTURES / "omdirigeringer" / "gyldig.yaml", folder / REDIRECTS_FILE)
    env = make_env(folder)
    first = env.on(mkdocs_page("omrader/mangfold/", "omrader/mangfold.md"), "utviklingsomrade", "1")
    assert element(first, "div", "plan-moved") == (
        '<div class="plan-moved">\n<p>Noen delmål og tiltak har fått nytt nummer:</p>\n<ul>\n'
        '<li id="tiltak-1-1-8">Tiltak 1.1.8 heter nå <a href="../../tiltak/1-1-7/">tiltak 1.1.7'
        '</a>.</li>\n</ul>\n</div>')
    second = env.on(mkdocs_page("omrader/fordypning/", "omrader/fordypning.md"),
                    "utviklingsomrade", "2")
    assert re.findall(r'<li id="([^"]+)">(.*?)</li>', element(second, "div", "plan-moved")) == [
        ("delmal-2-4", 'Delmål 2.4 heter nå <a href="../../delmal/2-3/">delmål 2.3</a>.')]
    third = env.on(mkdocs_page("omrader/forskning-og-utvikling/",
                               "omrader/forskning-og-utvikling.md"), "utviklingsomrade", "3")
    assert "plan-moved" not in third


# The accessibility statement's settings ---------------------------------------------------------

def test_a_bad_accessibility_setting_stops_the_build_with_its_message(make_env):
    env = make_env(extra={"kontakt_epost": "mailto:post"})
    for macro in ("tilgjengelighetskontakt", "uustatuslenke"):
        with pytest.raises(PluginError) as caught:
            env.on(mkdocs_page("tilgjengelighet/", "tilgjengelighet.md"), macro)
        assert str(caught.value) == (
            "mkdocs.yml: extra.kontakt_epost: 'mailto:post' er ikke en e-postadresse (skriv bare "
            "adressen, for eksempel post@eksempel.no, uten mailto:)")
        assert caught.value.__suppress_context__


# Periods -----------------------------------------------------------------------------------

def test_period_files_and_adoption_on_the_open_data_and_front_pages(make_env):
    env = make_env(PERIOD_DATA)
    files = env.on(mkdocs_page("apne-data/", "apne-data.md"), "periodedata")
    assert files == (
        '<ul class="plan-opendata__files plan-opendata__periods">\n'
        '<li data-period="2025-2026"><a href="../perioder/2025-2026/"><bdi>Eksempelperioden '
        '2025–2026</bdi></a> (1. juni 2025 – 31. mai 2026): <a href="../data/perioder/2025-2026'
        '.json" type="application/json">2025-2026.json</a> og <a href="../data/perioder/'
        '2025-2026.csv" type="text/csv">2025-2026.csv</a></li>\n'
        '<li data-period="2024-2025"><a href="../perioder/2024-2025/"><bdi>Eksempelperioden '
        '2024–2025</bdi></a> (1. juni 2024 – 31. mai 2025, fastsatt 15. juni 2025): <a '
        'href="../data/perioder/2024-2025.json" type="application/json">2024-2025.json</a> og '
        '<a href="../data/perioder/2024-2025.csv" type="text/csv">2024-2025.csv</a></li>\n'
        '</ul>\n<p>Skjemaet for JSON-filene er <a href="../data/schema/periode-json.schema.json" '
        'type="application/schema+json">periode-json.schema.json</a>.</p>\n')
    assert env.on(mkdocs_page("", "index.md"), "vedtatt") == (
        '<p class="plan-adopted">Vedtatt 20. mai 2024. <a href="https://example.org/eksempel/'
        'handlingsplan.pdf">Les planen slik den ble vedtatt</a></p>\n')
    assert make_env().on(mkdocs_page("", "index.md"), "vedtatt") == ""


# After the build ---------------------------------------------------------------------------

def _write_area_pages(env: FakeEnv, site: Path) -> None:
    """Each area's page as the build writes it, reduced to the anchors the check looks for."""
    for area in env.variables["plan"].areas:
        anchors = [goal.anchor for goal in area.goals]
        anchors += [measure.anchor for measure in area.measures]
        (site / area.page_url).mkdir(parents=True)
        (site / area.page_url / "index.html").write_text(
            "".join(f'<section id="{anchor}"></section>' for anchor in anchors), encoding="utf-8")


def test_post_build_writes_the_feed_and_the_open_data(env, tmp_path):
    site = tmp_path / "site"
    _write_area_pages(env, site)
    env.conf["site_dir"] = str(site)
    on_post_build(env)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        "data/plan.json", "data/schema/omdirigeringer.schema.json",
        "data/schema/omrade.schema.json", "data/schema/periode-json.schema.json",
        "data/schema/periode.schema.json", "data/schema/plan-json.schema.json",
        "data/schema/plan.schema.json", "data/tiltak.csv", "feed.xml",
        "omrader/fordypning/index.html", "omrader/forskning-og-utvikling/index.html",
        "omrader/fremtidens-kulturskole/index.html", "omrader/mangfold/index.html"]
    feed = (site / "feed.xml").read_text(encoding="utf-8").splitlines()
    assert feed[1] == f"  <id>{SITE_URL}feed.xml</id>"


def test_post_build_stops_when_an_area_is_on_no_page(env, tmp_path):
    site = tmp_path / "site"
    _write_area_pages(env, site)
    (site / "omrader/fordypning/index.html").unlink()
    (site / "omrader/mangfold/index.html").write_text("<h1>Mangfold</h1>", encoding="utf-8")
    env.conf["site_dir"] = str(site)
    with pytest.raises(PluginError) as caught:
        on_post_build(env)
    assert str(caught.value) == (
        "utviklingsområde 1 (tests/fixtures/eksempel/omrader/1-mangfold.yaml) vises ikke på noen "
        "side: lag docs/omrader/mangfold.md med {{ utviklingsomrade(\"1\") }}; "
        "utviklingsområde 2 (tests/fixtures/eksempel/omrader/2-fordypning.yaml) vises ikke på "
        "noen side: lag docs/omrader/fordypning.md med {{ utviklingsomrade(\"2\") }}")
    assert not (site / "feed.xml").exists()
