"""The tilgjengelighetserklæring page and its two settings (contact e-mail, uustatus.no link)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE_DATA, ROOT
from htmlscan import PageScan, normalise
from macros.load import load_plan
from macros.render import Renderer
from macros.config import (AccessibilitySettings, SiteSettings, accessibility_settings,
                           load_site_config)

PAGE = "tilgjengelighet/"


def test_statement_states_standard_tests_gaps_and_how_to_report(real_site):
    text = normalise(PageScan(real_site.page(PAGE)).text)
    for needle in ("WCAG 2.1", "nivå A og AA", "forskrift om universell utforming av IKT-løsninger",
                   "Dette testes automatisk", "Hver gang noen foreslår en endring",
                   "god praksis", "Nu Html Checker",
                   "på en vanlig skjerm og på en mobilskjerm", "lyst og mørkt tema", "Tab-tasten",
                   "Dette er ikke testet automatisk", "skjermlesere", "Meld fra om et problem"):
        assert needle in text, needle


def test_statement_is_plain_words_and_contributing_has_the_technical_detail(real_site):
    text = normalise(PageScan(real_site.page(PAGE)).text)
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for technical in ("axe-core", "Chromium", "malkode", "piksler", "HTML", "Markdown"):
        assert technical not in text, technical
    for detail in ("axe-core", "Chromium", "1280", "375", "malkode", "tests/test_every_page.py"):
        assert detail in guide, detail


def test_unset_settings_say_so_and_invent_no_address(real_site):
    page = real_site.page(PAGE)
    text = normalise(PageScan(page).text)
    assert "Kontaktadressen er ikke fastsatt ennå." in text
    assert "Lenken til erklæringen på uustatus.no er ikke fastsatt ennå." in text
    assert "mailto:" not in page
    assert "uustatus.no/" not in page


def test_statement_is_in_the_navigation_of_every_page(real_site):
    for path in real_site.html_files():
        if path.name == "index.html":
            assert 'tilgjengelighet/"' in path.read_text(encoding="utf-8"), path


def test_set_settings_become_links():
    plan = load_plan(EXAMPLE_DATA)
    settings = AccessibilitySettings("post@eksempel.no", "https://uustatus.no/nb/erklaringer/x")
    contact = Renderer(plan, PAGE).accessibility(settings, "kontakt")
    statement = Renderer(plan, PAGE).accessibility(settings, "uustatus")
    assert '<a href="mailto:post@eksempel.no">post@eksempel.no</a>' in contact
    assert '<a href="https://uustatus.no/nb/erklaringer/x">' in statement
    assert "ikke fastsatt" not in contact + statement


def test_settings_default_to_unset_in_mkdocs_yml():
    settings = SiteSettings.of(load_site_config())  # mkdocs.yml as MkDocs reads it
    assert settings.accessibility() == AccessibilitySettings("", "")


@pytest.mark.parametrize("extra, message", [
    ({"kontakt_epost": "mailto:post@eksempel.no"}, "extra.kontakt_epost: 'mailto:post@eksempel.no' er ikke en e-postadresse"),
    ({"kontakt_epost": "post eksempel.no"}, "er ikke en e-postadresse"),
    ({"uustatus_url": "javascript:alert(1)"}, "extra.uustatus_url: 'javascript:alert(1)' er ikke en adresse på uustatus.no"),
    ({"uustatus_url": "http://uustatus.no/x"}, "skal begynne med https://uustatus.no/"),
    ({"uustatus_url": "https://uustatus.no.example.org/x"}, "er ikke en adresse på uustatus.no"),
])
def test_bad_settings_stop_with_a_norwegian_message(extra, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        accessibility_settings(extra)



def test_good_settings_are_read_exactly_and_bad_ones_all_at_once():
    assert accessibility_settings({"kontakt_epost": " post@eksempel.no ",
                                   "uustatus_url": "https://www.uustatus.no/nb/erklaringer/x"}) \
        == AccessibilitySettings("post@eksempel.no", "https://www.uustatus.no/nb/erklaringer/x")
    assert accessibility_settings(None) == AccessibilitySettings("", "")
    with pytest.raises(ValueError) as caught:
        accessibility_settings({"kontakt_epost": "post", "uustatus_url": "https://uustatus.no/a b"})
    assert str(caught.value) == (
        "mkdocs.yml: extra.kontakt_epost: 'post' er ikke en e-postadresse (skriv bare adressen, "
        "for eksempel post@eksempel.no, uten mailto:); mkdocs.yml: extra.uustatus_url: "
        "'https://uustatus.no/a b' er ikke en adresse på uustatus.no (den skal begynne med "
        "https://uustatus.no/)")


def test_site_settings_from_a_config():
    config = {"site_url": "https://plan.eksempel.no/", "repo_url": "https://git.example/plan",
              "extra": {"kontakt_epost": "post@eksempel.no"}}
    settings = SiteSettings.of(config)
    assert (settings.site_url, settings.repo_url, settings.accessibility()) == (
        "https://plan.eksempel.no/", "https://git.example/plan",
        AccessibilitySettings("post@eksempel.no", ""))
    assert (SiteSettings.of({}).site_url, SiteSettings.of({"repo_url": ""}).repo_url) == ("/", None)
