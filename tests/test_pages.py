"""Generated tiltak and delmål pages, and link previews on every page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from conftest import BUILD_DATE, EXAMPLE_DATA, EXAMPLE_REPO, PERIOD_DATA, ROOT
from helpers import element, row
from htmlscan import PageScan, normalise
from macros.load import load_plan
from macros.pages import generated_pages
from macros.render import Renderer

PLAN = load_plan(ROOT / "data")
SITE_URL = "http://127.0.0.1:8000/"
HAND_WRITTEN = ["", "oversikt/", "om-planen/", "hele-planen/", *(a.page_url for a in PLAN.areas)]


def meta(page: str) -> dict[str, str]:
    """Every <meta property|name=… content=…> of a page, unescaped."""
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)
    return {key: normalise(value) for key, value in found}


def test_one_generated_page_per_measure_and_goal():
    paths = [path for path, _ in generated_pages(PLAN)]
    assert len(paths) == 33 + 14 == len(set(paths))
    assert "tiltak/1-1-1.md" in paths and "delmal/1-1.md" in paths
    assert "tiltak/3-5-1.md" in paths and "delmal/4-3.md" in paths


def test_generated_page_sources_carry_title_description_and_macro():
    """The Markdown each generated page is built from, for the period fixture (reports in it)."""
    plan = load_plan(PERIOD_DATA, dt.date.fromisoformat(BUILD_DATE))
    sources = dict(generated_pages(plan))
    assert len(sources) == 33 + 14 + 2

    def page(path: str) -> tuple[dict, str]:
        _, front, body = sources[path].split("---\n")
        return yaml.safe_load(front), body.strip()

    assert page("delmal/1-1.md") == ({
        "title": "Delmål 1.1", "generert": True,
        "description": "Gi kulturskolenes virksomhetsledere mulighet til å gjennomføre kurs og "
                       "sertifisering i mangfoldsledelse i løpet av årsmøteperioden. Status for "
                       "tiltakene: 1 pågår, 1 fullført, 5 ikke rapportert."},
        '{{ delmalsside("1.1") }}')
    assert page("tiltak/1-1-1.md") == ({
        "title": "Tiltak 1.1.1", "generert": True,
        "description": "Etablere et samarbeid med en relevant tilbyder av sertifisering i "
                       "mangfoldsledelse. Status: Fullført (meldt 1. september 2025)."},
        '{{ tiltaksside("1.1.1") }}')
    assert page("perioder/2024-2025.md") == ({
        "title": "Rapport for Eksempelperioden 2024–2025", "generert": True,
        "description": "Rapport for Eksempelperioden 2024–2025 (1. juni 2024 – 31. mai 2025) i "
                       "Handlingsplan for Norsk kulturskoleråd Oslo og Viken: status for hvert "
                       "tiltak ved start og slutt, og alle meldinger i perioden."},
        '{{ periodeside("2024-2025") }}')



def test_a_measure_page_links_its_report_form_data_line_permalink_and_area_anchor():
    plan = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    page = Renderer(plan, "tiltak/1-1-2/", EXAMPLE_REPO, None, "https://plan.eksempel.no/") \
        .measure_page(plan.measures_by_id["1.1.2"])
    assert re.findall(r'<a class="plan-(?:report|edit)" href="([^"]*)"', page) == [
        f"{EXAMPLE_REPO}/issues/new?template=meld-status.yml&amp;tiltak=1.1.2&amp;"
        f"title=Status%20for%20tiltak%201.1.2",
        f"{EXAMPLE_REPO}/blob/main/tests/fixtures/eksempel/omrader/1-mangfold.yaml#L31"]
    assert re.findall(r'href="([^"]*)"', element(page, "p", "plan-actions")) == [
        "https://plan.eksempel.no/tiltak/1-1-2/", "../../omrader/mangfold/#tiltak-1-1-2"]


def test_links_are_relative_to_the_link_base_and_permalinks_to_the_site_root_by_default():
    area, measure = PLAN.areas[0], PLAN.measures_by_id["1.1.2"]
    own = Renderer(PLAN, "tiltak/1-1-2/")
    based = Renderer(PLAN, "tiltak/1-1-2/", link_base="")
    assert (own.link(area), own.page_link("feed.xml"), own.permalink(measure)) == \
        ("../../omrader/mangfold/", "../../feed.xml", "/tiltak/1-1-2/")
    assert (based.link(area), based.page_link("feed.xml")) == ("omrader/mangfold/", "feed.xml")


@pytest.mark.parametrize("measure", PLAN.measures, ids=lambda m: m.id)
def test_measure_page_shows_text_goal_area_and_status(real_site, measure):
    page = real_site.page(measure.page_url)
    text = normalise(PageScan(page).text)
    goal = PLAN.goals_by_id[measure.goal_id]
    area = PLAN.area(measure.area_id)
    assert f"Tiltak {measure.id}" in text
    assert normalise(measure.text) in text
    for item in measure.items:
        assert normalise(item) in text
    assert normalise(goal.text) in text
    # The links where they belong, not anywhere on the page (the navigation links the area too).
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', element(page, "p", "plan-context")) == [
        (f"../../{area.page_url}", f"Utviklingsområde {area.id}: {area.title}"),
        (f"../../delmal/{goal.slug}/", f"Delmål {goal.id}")]
    assert element(page, "p", "plan-actions").endswith(f'<a href="../../{area.page_url}#'
                                                       f'{measure.anchor}">Se tiltaket i '
                                                       f'utviklingsområdet</a></p>')
    assert "Status nå: Ikke rapportert" in text
    assert "Historikk" in text and "Det er ikke meldt noen status for tiltaket ennå." in text


@pytest.mark.parametrize("measure", PLAN.measures, ids=lambda m: m.id)
def test_measure_page_link_preview_is_text_and_status(real_site, measure):
    tags = meta(real_site.page(measure.page_url))
    expected = normalise(f"{measure.text} Status: Ikke rapportert.")
    assert tags["description"] == tags["og:description"] == tags["twitter:description"] == expected
    assert tags["og:title"] == f"Tiltak {measure.id}"
    assert tags["og:url"] == f"{SITE_URL}{measure.page_url}"


# The link preview (og:title, og:description) of each kind of page, as written for the real plan.
AREA_PREVIEW = "Utviklingsområde {}: {}. Delmål og tiltak med status for hvert tiltak."
PREVIEWS = {
    "": ("Handlingsplan for Norsk kulturskoleråd Oslo og Viken",
         "Handlingsplanen til Norsk kulturskoleråd Oslo og Viken, med status for hvert tiltak i "
         "hvert utviklingsområde."),
    "oversikt/": ("Statusoversikt",
                  "Status for alle tiltakene i handlingsplanen, hvilke tiltak som mangler "
                  "oppdatert status, og alle tiltak i én tabell."),
    "om-planen/": ("Om planen",
                   "Hvordan handlingsplanen og statusen for tiltakene holdes oppdatert, og hva "
                   "statusene betyr."),
    "hele-planen/": ("Hele planen",
                     "Hele handlingsplanen på én side med status for hvert tiltak, laget for "
                     "utskrift og møter."),
    "omrader/": ("Utviklingsområder",
                 "Utviklingsområdene i handlingsplanen, med delmålene i hvert område og lenker "
                 "til tiltakene og statusen deres."),
    "omrader/mangfold/": ("Utviklingsområde 1: Mangfold", AREA_PREVIEW.format(1, "Mangfold")),
    "omrader/fordypning/": ("Utviklingsområde 2: Fordypning",
                            AREA_PREVIEW.format(2, "Fordypning")),
    "omrader/forskning-og-utvikling/": ("Utviklingsområde 3: Forskning og utvikling",
                                        AREA_PREVIEW.format(3, "Forskning og utvikling")),
    "omrader/fremtidens-kulturskole/": ("Utviklingsområde 4: Fremtidens kulturskole",
                                        AREA_PREVIEW.format(4, "Fremtidens kulturskole")),
    "tiltak/2-1-1/": ("Tiltak 2.1.1",
                      "Ha tett samhandling med eksisterende talent- og fordypningstiltak i "
                      "fylkeskommunal regi. Status: Ikke rapportert."),
    "delmal/2-1/": ("Delmål 2.1",
                    "Spre de gode eksemplene på regionale fordypningsprogram. Status for "
                    "tiltakene: 2 ikke rapportert."),
    "404.html": ("Handlingsplan for Norsk kulturskoleråd Oslo og Viken",
                 "Handlingsplanen til Norsk kulturskoleråd Oslo og Viken, med "
                 "utviklingsområder, delmål og tiltak, og hvor langt hvert tiltak har kommet."),
}


def test_the_previews_cover_every_hand_written_page():
    assert set(HAND_WRITTEN) <= set(PREVIEWS)


@pytest.mark.parametrize("url", PREVIEWS)
def test_every_page_has_a_complete_link_preview(real_site, url):
    page = (real_site.site / url).read_text(encoding="utf-8") if url.endswith(".html") \
        else real_site.page(url)
    tags = meta(page)
    assert tags["og:locale"] == "nb_NO"
    assert tags["og:site_name"] == PLAN.title
    assert tags["og:type"] == "website"
    assert (tags["og:title"], tags["og:description"]) == PREVIEWS[url]
    assert tags["description"] == tags["twitter:description"] == tags["og:description"]
    assert tags["og:url"].startswith(SITE_URL)
    assert tags["og:image"] == tags["twitter:image"] == f"{SITE_URL}assets/images/deling.png"
    assert tags["twitter:card"] == "summary_large_image"
    if not url.endswith(".html"):
        assert tags["og:url"] == SITE_URL + url
        assert f'<link rel="canonical" href="{SITE_URL}{url}">' in page


def test_share_image_is_a_1200_by_630_png(real_site):
    data = (real_site.site / "assets/images/deling.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200
    assert int.from_bytes(data[20:24], "big") == 630


@pytest.mark.parametrize("goal", PLAN.goals, ids=lambda g: g.id)
def test_goal_page_lists_its_measures_with_links(real_site, goal):
    page = real_site.page(goal.page_url)
    text = normalise(PageScan(page).text)
    assert f"Delmål {goal.id}" in text and normalise(goal.text) in text
    for measure in goal.measures:
        assert f'<tr id="{measure.anchor}"' in page
        assert f'href="../../tiltak/{measure.slug}/"' in page
    assert meta(page)["og:url"] == f"{SITE_URL}{goal.page_url}"


def test_cross_reference_works_in_both_directions(real_site):
    def see_also(page: str) -> str:
        """The list under the page's "Se også" heading, not the rest of the page."""
        return element(page[page.index('id="se-ogsa"'):], "ul", "plan-related")

    assert 'href="../../delmal/1-1/"' in see_also(real_site.page("tiltak/3-1-1/"))
    for url, href in (("delmal/1-1/", "../../tiltak/3-1-1/"), ("tiltak/1-1-1/", "../3-1-1/"),
                      ("tiltak/1-1-2/", "../3-1-1/")):
        assert f'href="{href}">Tiltak 3.1.1</a>' in see_also(real_site.page(url)), url
    assert 'id="se-ogsa"' not in real_site.page("tiltak/2-1-1/")


def test_area_pages_link_every_goal_and_measure_to_its_page(real_site):
    for area in PLAN.areas:
        page = real_site.page(area.page_url)
        for goal in area.goals:
            assert f'href="../../delmal/{goal.slug}/">Egen side for delmål {goal.id}</a>' in page
        for measure in area.measures:
            assert f'href="../../tiltak/{measure.slug}/"' in row(page, measure.id)


def test_generated_pages_are_searchable_but_not_in_the_navigation(real_site):
    index = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for item in (*PLAN.measures, *PLAN.goals):
        assert item.page_url in locations, item.id
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>',
                    real_site.page(""), re.S).group(0)
    assert "tiltak/" not in nav and "delmal/" not in nav
    assert "Hele planen" in nav


def test_history_is_listed_newest_first(example_site):
    build = example_site
    page = build.page("tiltak/1-1-1/")
    history = page[page.index('id="historikk"'):]
    assert history.index("to tilbydere er kontaktet") < history.index("arbeidet er planlagt")
    assert '<time datetime="2026-09-15">15. september 2026</time>' in history
    assert 'href="https://example.org/referat"' in history
    tags = meta(page)
    assert tags["og:description"] == ("Etablere et samarbeid med en relevant tilbyder av "
                                      "sertifisering i mangfoldsledelse. Status: Pågår (meldt "
                                      "15. september 2026).")
    assert "Status nå: Pågår" in normalise(PageScan(page).text)


def test_public_address_setting_reaches_previews_and_shared_links(site_for):
    # An address under a path, as a GitHub Pages project site (as test_notfound_browser.py).
    build = site_for(PLAN_SITE_URL="https://eksempel.no/plan/")
    assert build.returncode == 0, build.output
    page = build.page("tiltak/1-1-4/")
    assert meta(page)["og:url"] == "https://eksempel.no/plan/tiltak/1-1-4/"
    assert meta(page)["og:image"] == "https://eksempel.no/plan/assets/images/deling.png"
    assert 'data-plan-copy="https://eksempel.no/plan/tiltak/1-1-4/"' in page
    assert 'href="https://eksempel.no/plan/delmal/1-1/"' in build.page("omrader/mangfold/")


def _qr_modules(path: str) -> set[tuple[int, int]]:
    """The dark modules (row, column) a segno SVG path draws: moves, then runs of `h`."""
    dark, x, y = set(), 0.0, 0.0
    for command, dx, dy in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(dx), float(dy)
        elif command == "m":
            x, y = x + float(dx), y + float(dy)
        else:
            dark |= {(int(y), int(x) + i) for i in range(int(dx))}
            x += float(dx)
    return dark


def test_qr_code_draws_segnos_matrix_for_the_address_with_its_label():
    """The whole plan's QR code: exactly the modules of the address at error level M (a lower
    level would fit a smaller code for this address), 4 px per module with a 4-module white
    border, labelled for screen readers."""
    import segno

    from macros.qr import qr_svg

    url = "https://plan.eksempel.no/sti/"
    svg = qr_svg(url)
    head = ('<svg role="img" aria-label="QR-kode med adressen til nettstedet" width="148" '
            'height="148" class="plan-qr__code"><g transform="scale(4)">'
            '<path fill="#fff" d="M0 0h37v37h-37z"/><path class="qrline" stroke="#000" d="')
    assert svg.startswith(head) and svg.endswith('"/></g></svg>')
    code = segno.make(url, error="m")
    assert code.designator == "3-Q"  # boosted from M; without the level it would be 2-L
    expected = {(row + 4, column + 4) for row, line in enumerate(code.matrix)
                for column, module in enumerate(line) if module}
    assert _qr_modules(svg[len(head):-len('"/></g></svg>')]) == expected
    assert qr_svg(url, "Kode for <b>«oss»</b>").startswith(
        '<svg role="img" aria-label="Kode for &lt;b&gt;«oss»&lt;/b&gt;" width="148" ')
