"""The link contract (data/lenkekontrakt.txt) and redirects (data/omdirigeringer.yaml)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from commandline import run_main
from conftest import BUILD_DATE, EXAMPLE_DATA, FIXTURES, ROOT, build_site
from linkcontract import published, read_contract, resolves, unresolved
import macros.redirects
from macros.errors import DataError, DataErrors
from macros.linkcontract import CONTRACT_FILE, Entry, contract_errors, docs_pages, site_map
from macros.linkcontract import read_contract as read_entries
from macros.load import load_plan
from macros.pages import GeneratedFile, PageClash, generated_files, generated_pages
from macros.redirects import (REDIRECTS_FILE, SCHEMA_FILE, Redirect, load_redirects,
                              moved_from_area, page_problems, redirect_pages)
from macros.urls import page_url
from macros.validate import SCHEMA_DIR

REDIRECT_FIXTURES = FIXTURES / "omdirigeringer"
PLAN = load_plan(ROOT / "data")


def with_redirects(case: str, dest: Path) -> Path:
    """The example data with one of the redirect fixtures as its redirects file."""
    shutil.copytree(EXAMPLE_DATA, dest)
    shutil.copyfile(REDIRECT_FIXTURES / f"{case}.yaml", dest / REDIRECTS_FILE)
    return dest


def test_contract_covers_every_page_and_anchor():
    entries = read_contract()
    assert len(entries) == len(set(entries)), "en linje står to ganger i lenkekontrakten"
    assert "/" in entries and "/hele-planen/" in entries
    for item in (*PLAN.goals, *PLAN.measures):
        assert f"/{item.page_url}" in entries, item.id
        assert f"/{PLAN.area(item.area_id).page_url}#{item.anchor}" in entries, item.id


def test_every_contract_entry_resolves_in_the_built_site(real_site):
    broken = unresolved(real_site.site, read_contract())
    assert not broken, ("Disse publiserte adressene virker ikke lenger. Legg inn en "
                        "omdirigering i data/omdirigeringer.yaml:\n" + "\n".join(broken))


def test_everything_published_is_in_the_contract(real_site):
    missing = sorted(set(published(real_site.site)) - set(read_contract()))
    assert not missing, ("Nye adresser er publisert. Legg dem til i data/lenkekontrakt.txt:\n"
                         + "\n".join(missing))


def test_make_check_knows_what_is_published_without_building(real_site):
    assert site_map(PLAN, load_redirects(PLAN)).published() == sorted(published(real_site.site))


def test_make_check_publishes_exactly_the_contract_without_building():
    """The in-process twin of the two build tests above: data and docs/ alone give the list."""
    assert site_map(PLAN, load_redirects(PLAN)).published() == sorted(read_contract())


def test_files_in_docs_are_published_except_pages_theme_files_and_hidden_ones(tmp_path):
    for name in ("index.md", "om/side.md", "skjema.pdf", "om/vedlegg.txt", "assets/stil.css",
                 "search/indeks.json", "stor.txt.gz", "404.html", ".skjult/fil.txt",
                 "om/.notat.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    site = site_map(PLAN, (), docs_dir=tmp_path)
    assert {page for page, anchors in site.pages.items() if anchors is None} >= {"", "om/side/"}
    assert {"skjema.pdf", "om/vedlegg.txt"} <= set(site.pages)
    for hidden in ("assets/stil.css", "search/indeks.json", "stor.txt.gz", "404.html",
                   ".skjult/fil.txt", "om/.notat.txt", "index.md", "om/side.md"):
        assert hidden not in site.pages, hidden



def test_the_contract_is_read_as_utf8_without_comments_indented_or_not_and_blank_lines(
        tmp_path, windows_locale):
    contract = tmp_path / CONTRACT_FILE
    contract.write_text("# Adresser på nettstedet\n/\n\n   # innrykket kommentar\n"
                        "  /om-planen/  \n/vedlegg/årsmelding.pdf\n", encoding="utf-8")
    assert read_entries(contract) == [Entry("/", 2), Entry("/om-planen/", 5),
                                      Entry("/vedlegg/årsmelding.pdf", 6)]


def test_hidden_markdown_files_in_docs_are_not_pages(tmp_path):
    for name in ("index.md", "om/side.md", ".skjult/side.md", "om/.utkast.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert docs_pages(tmp_path) == {"", "om/side/"}


def test_an_address_starting_with_x_resolves(tmp_path):
    (tmp_path / "index.md").write_text("x", encoding="utf-8")
    (tmp_path / "XML-eksport.pdf").write_text("x", encoding="utf-8")
    site = site_map(PLAN, (), docs_dir=tmp_path)
    assert (site.resolves("/XML-eksport.pdf"), site.resolves("/XML-eksport.txt")) == (True, False)


def test_a_renumbered_item_keeps_its_anchor_on_its_own_area_page_only():
    redirects = (Redirect("2.1.9", "2.1.1", "omdirigeringer.yaml", {}),
                 Redirect("1.2", "1.1", "omdirigeringer.yaml", {}),
                 Redirect("gammel-side/", "om-planen/", "omdirigeringer.yaml", {}))
    pages = site_map(PLAN, redirects).pages
    for area in PLAN.areas[:2]:
        kept = {"1": {"delmal-1-2"}, "2": {"tiltak-2-1-9"}}[area.id]
        assert pages[area.page_url] == \
            {item.anchor for item in (*area.goals, *area.measures)} | kept, area.id


def test_contract_errors_name_what_is_gone_against_the_given_docs(tmp_path):
    docs, data = tmp_path / "docs", tmp_path / "data"
    (docs / "om").mkdir(parents=True)
    (docs / "om" / "side.md").write_text("x", encoding="utf-8")
    data.mkdir()
    (data / CONTRACT_FILE).write_text("/\n/om/side/\n/XML-gammel/\n/XML.pdf\n", encoding="utf-8")
    redirects = f"{data.as_posix()}/{REDIRECTS_FILE}"
    assert contract_errors(PLAN, (), data, docs) == [
        DataError(f"{data.as_posix()}/{CONTRACT_FILE}", line, 1, "", "", message)
        for line, message in (
            (1, f"/ er publisert, men siden finnes ikke lenger; har den fått ny adresse, legg "
                f"inn en omdirigering i {redirects} (fra: \"\", til: den nye adressen)"),
            (3, f"/XML-gammel/ er publisert, men siden finnes ikke lenger; har den fått ny "
                f"adresse, legg inn en omdirigering i {redirects} (fra: \"XML-gammel/\", til: "
                f"den nye adressen)"),
            (4, "/XML.pdf er publisert, men finnes ikke lenger; en publisert adresse må "
                "fortsatt virke"))]


def _check(data: Path) -> subprocess.CompletedProcess:
    """`python -m macros check --data DATA`, run in this process."""
    args = ["check", "--data", str(data)]
    return subprocess.CompletedProcess(args, *run_main(args))


def test_renumbering_a_measure_without_a_redirect_fails_make_check(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    area = data / "omrader" / "1-mangfold.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace('id: "1.1.7"', 'id: "1.1.8"'),
                    encoding="utf-8")
    lines = (data / "lenkekontrakt.txt").read_text(encoding="utf-8").splitlines()
    anchor, page = (lines.index(entry) + 1 for entry in ("/omrader/mangfold/#tiltak-1-1-7",
                                                         "/tiltak/1-1-7/"))
    result = _check(data)
    advice = (f"tiltak 1.1.7 finnes ikke lenger; har det fått nytt nummer, legg inn en "
              f"omdirigering i {data.as_posix()}/omdirigeringer.yaml (fra: \"1.1.7\", til: "
              f"nummeret det har nå)")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "Fant 2 feil i dataene. Ingenting blir publisert før feilene er rettet.",
        f"{data.as_posix()}/lenkekontrakt.txt:{anchor}:1: /omrader/mangfold/#tiltak-1-1-7 er "
        f"publisert, men {advice}",
        f"{data.as_posix()}/lenkekontrakt.txt:{page}:1: /tiltak/1-1-7/ er publisert, men {advice}",
    ]
    (data / REDIRECTS_FILE).write_text(
        "# yaml-language-server: $schema=schema/omdirigeringer.schema.json\n"
        "omdirigeringer:\n  - fra: \"1.1.7\"\n    til: \"1.1.8\"\n", encoding="utf-8")
    result = _check(data)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr


def test_removing_an_anchor_or_a_page_breaks_the_contract(real_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)
    area_page = site / "omrader/mangfold/index.html"
    area_page.write_text(area_page.read_text(encoding="utf-8")
                         .replace('id="tiltak-1-2-3"', 'id="tiltak-1-2-3-ny"'), encoding="utf-8")
    shutil.rmtree(site / "tiltak/4-1-2")
    (site / "oversikt/index.html").unlink()
    assert unresolved(site, read_contract()) == [
        "/omrader/mangfold/#tiltak-1-2-3", "/oversikt/", "/tiltak/4-1-2/"]


def test_a_redirect_page_counts_as_resolved(real_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)
    shutil.rmtree(site / "tiltak/4-1-2")
    (site / "tiltak/4-1-2").mkdir()
    (site / "tiltak/4-1-2/index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../4-1-1/">', encoding="utf-8")
    assert resolves(site, "/tiltak/4-1-2/")
    (site / "tiltak/4-1-2/index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../finnes-ikke/">', encoding="utf-8")
    assert not resolves(site, "/tiltak/4-1-2/")


@pytest.fixture(scope="module")
def redirected(tmp_path_factory):
    """The example data built with the valid redirect fixture."""
    folder = tmp_path_factory.mktemp("omdirigert")
    build = build_site(folder / "site", data_dir=with_redirects("gyldig", folder / "data"),
                       PLAN_SITE_URL="https://plan.eksempel.no/")
    assert build.returncode == 0, build.output
    return build


def test_make_check_knows_the_redirect_pages_and_kept_anchors(redirected):
    data = redirected.site.parent / "data"
    plan = load_plan(data)
    site = site_map(plan, load_redirects(plan, data))
    assert site.published() == sorted(published(redirected.site))
    for old in ("/tiltak/1-1-8/", "/delmal/2-4/", "/gammel-side/", "/omrader/mangfold/#tiltak-1-1-8",
                "/omrader/fordypning/#delmal-2-4"):
        assert site.resolves(old), old
    assert not site.resolves("/tiltak/1-1-9/")


def test_renumbered_measure_and_renamed_page_redirect(redirected):
    site = redirected.site
    for old, new, target in (("/tiltak/1-1-8/", "/tiltak/1-1-7/", "../1-1-7/"),
                             ("/delmal/2-4/", "/delmal/2-3/", "../2-3/"),
                             ("/gammel-side/", "/om-planen/", "../om-planen/")):
        assert resolves(site, old), old
        html = (site / old.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
        assert f'<link rel="canonical" href="https://plan.eksempel.no{new}">' in html
        assert f'<a href="{target}">https://plan.eksempel.no{new}</a>' in html
        assert 'lang="nb"' in html and "noindex" in html


def test_renumbered_items_keep_their_old_anchor_on_the_area_page(redirected):
    for old, new in (("/omrader/mangfold/#tiltak-1-1-8", "../../tiltak/1-1-7/"),
                     ("/omrader/fordypning/#delmal-2-4", "../../delmal/2-3/")):
        assert resolves(redirected.site, old), old
        page = redirected.page(old.split("#")[0].lstrip("/"))
        note = re.search(rf'<li id="{old.split("#")[1]}">(.*?)</li>', page, re.S).group(1)
        assert f'href="{new}"' in note and "heter nå" in note


def test_redirects_that_cannot_work_are_data_errors(tmp_path):
    data = with_redirects("ugyldig", tmp_path / "data")
    with pytest.raises(DataErrors) as caught:
        load_redirects(load_plan(data), data)
    messages = [str(e).replace(data.as_posix() + "/", "") for e in caught.value.errors]
    assert messages == [
        "omdirigeringer.yaml:14:10: omdirigeringer[6].fra: 'Gammel side' er ikke gyldig: skal være "
        "en sideadresse som slutter med /, for eksempel \"gammel-side/\", eller et nummer som "
        "\"1.1.8\"",
    ], messages


def test_redirect_entries_are_checked_against_the_plan(tmp_path):
    data = with_redirects("ugyldig", tmp_path / "data")
    text = (data / REDIRECTS_FILE).read_text(encoding="utf-8")
    (data / REDIRECTS_FILE).write_text(text.replace('"Gammel side"', '"gammel-side/"'),
                                       encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_redirects(load_plan(data), data)
    messages = [str(e).replace(data.as_posix() + "/", "") for e in caught.value.errors]
    assert messages == [
        "omdirigeringer.yaml:4:10: omdirigering 1.1.1 fra: 1.1.1 finnes fortsatt i planen; en "
        "omdirigering er bare for nummer som ikke brukes lenger",
        "omdirigeringer.yaml:7:10: omdirigering 1.1.9 til: 1.1.99 finnes ikke i planen (skriv "
        "nummeret det har nå)",
        "omdirigeringer.yaml:9:10: omdirigering 1.1.8 til: 'fra' og 'til' må være samme slags: "
        "begge sideadresser (\"gammel-side/\") eller begge nummer (\"1.1.8\")",
        "omdirigeringer.yaml:10:10: omdirigering 1.1.8 fra: '1.1.8' har allerede en "
        "omdirigering; behold bare én",
        "omdirigeringer.yaml:11:10: omdirigering 1.1.8 til: et tiltak kan bare sende videre til "
        "et tiltak, og et delmål til et delmål",
        "omdirigeringer.yaml:16:10: omdirigering 7.1.1 fra: utviklingsområde 7 finnes ikke "
        "lenger; legg også inn en omdirigering for den gamle områdesiden",
    ]


def test_page_redirect_to_a_missing_page_fails_the_build(tmp_path):
    data = with_redirects("gyldig", tmp_path / "data")
    text = (data / REDIRECTS_FILE).read_text(encoding="utf-8")
    (data / REDIRECTS_FILE).write_text(text.replace('"om-planen/"', '"finnes-ikke/"')
                                       .replace('"gammel-side/"', '"oversikt/"'), encoding="utf-8")
    build = build_site(tmp_path / "site", data_dir=data)
    assert build.returncode != 0
    assert "omdirigeringer.yaml:8:10: omdirigering oversikt/ fra: siden 'oversikt/' finnes" in build.output
    assert "til: siden 'finnes-ikke/' finnes ikke" in build.output
    assert "Traceback" not in build.output


def test_a_changed_redirects_schema_is_enforced_at_the_next_load(tmp_path, monkeypatch):
    """The redirects are cached by the mtimes of both the file and its schema."""
    data, schemas = with_redirects("gyldig", tmp_path / "data"), tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, schemas)
    monkeypatch.setattr(macros.redirects, "SCHEMA_DIR", schemas)
    plan = load_plan(data)
    assert [r.source for r in load_redirects(plan, data)] == ["1.1.8", "2.4", "gammel-side/"]
    schema_file = schemas / SCHEMA_FILE
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["omdirigeringer"]["maxItems"] = 2
    stamp = schema_file.stat().st_mtime_ns
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    os.utime(schema_file, ns=(stamp + 10**9, stamp + 10**9))
    with pytest.raises(DataErrors) as caught:
        load_redirects(plan, data)
    assert [str(e).replace(data.as_posix() + "/", "") for e in caught.value.errors] == [
        "omdirigeringer.yaml:4:3: omdirigeringer: listen kan ha høyst 2 punkter (har 3)"]


# The redirect pages and the generated files, in this process (the build tests above need a
# site build, which mutmut cannot see into).

REDIRECT_PAGE = """<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>Siden er flyttet</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{canonical}"><script>location.replace("{url}" + location.hash);</script>
</head>
<body>
<p>Siden har fått ny adresse: <a href="{url}">{canonical}</a></p>
</body>
</html>
"""
DOCS_PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


@pytest.fixture
def valid_redirects(tmp_path, monkeypatch):
    """(plan, redirects) of the example data with the valid redirect fixture, set as the data
    folder the way a build sets it (PLAN_DATA_DIR)."""
    data = with_redirects("gyldig", tmp_path / "data")
    monkeypatch.setenv("PLAN_DATA_DIR", str(data))
    plan = load_plan(data, dt.date.fromisoformat(BUILD_DATE))
    return plan, load_redirects(plan, data)


def test_redirect_pages_send_each_old_address_on(valid_redirects):
    _, redirects = valid_redirects
    assert redirect_pages(redirects, "https://plan.eksempel.no/sti/") == [
        ("tiltak/1-1-8/index.html",
         REDIRECT_PAGE.format(url="../1-1-7/",
                              canonical="https://plan.eksempel.no/sti/tiltak/1-1-7/")),
        ("delmal/2-4/index.html",
         REDIRECT_PAGE.format(url="../2-3/", canonical="https://plan.eksempel.no/sti/delmal/2-3/")),
        ("gammel-side/index.html",
         REDIRECT_PAGE.format(url="../om-planen/",
                              canonical="https://plan.eksempel.no/sti/om-planen/")),
    ]


def test_moved_items_are_listed_on_their_old_area_only(valid_redirects):
    plan, redirects = valid_redirects
    assert moved_from_area(redirects, plan, "1") == [
        ("1.1.8", "tiltak-1-1-8", plan.measures_by_id["1.1.7"])]
    assert moved_from_area(redirects, plan, "2") == [
        ("2.4", "delmal-2-4", plan.goals_by_id["2.3"])]
    assert moved_from_area(redirects, plan, "3") == []


def test_generated_files_are_the_data_pages_then_the_redirect_pages(valid_redirects):
    plan, redirects = valid_redirects
    files = generated_files(plan, DOCS_PAGES, "https://plan.eksempel.no/")
    assert [f.path for f in files] == [
        *(f"delmal/{g.id.replace('.', '-')}.md" for g in plan.goals),
        *(f"tiltak/{m.id.replace('.', '-')}.md" for m in plan.measures),
        "tiltak/1-1-8/index.html", "delmal/2-4/index.html", "gammel-side/index.html"]
    assert files == [*(GeneratedFile(path, source) for path, source in generated_pages(plan)),
                     *(GeneratedFile(path, html) for path, html
                       in redirect_pages(redirects, "https://plan.eksempel.no/"))]


def test_a_redirect_clashing_with_the_pages_stops_the_generated_files(valid_redirects):
    plan, redirects = valid_redirects
    docs = [p for p in DOCS_PAGES if p != "om-planen.md"] + ["gammel-side.md", "tiltak/1-1-8.md"]
    file = redirects[0].file
    expected = [
        f"{file}:4:10: omdirigering 1.1.8 fra: siden 'tiltak/1-1-8/' finnes; en omdirigering er "
        "bare for adresser som ikke brukes lenger",
        f"{file}:8:10: omdirigering gammel-side/ fra: siden 'gammel-side/' finnes; en omdirigering "
        "er bare for adresser som ikke brukes lenger",
        f"{file}:9:10: omdirigering gammel-side/ til: siden 'om-planen/' finnes ikke (tillatt: en "
        "side på nettstedet, for eksempel 'om-planen/')"]
    urls = {page_url(p) for p in docs} | {page_url(p) for p, _ in generated_pages(plan)}
    assert page_problems(redirects, urls) == expected
    with pytest.raises(PageClash) as caught:
        generated_files(plan, docs, "/")
    assert str(caught.value) == "\n".join(expected)
